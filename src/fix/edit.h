// A planned change to one file's bytes: replace [begin, end) with `text`. Edits of one file are
// applied together, in offset order, so none may overlap another.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace twilint::fix {

struct Edit {
  size_t begin = 0;
  size_t end = 0;  // exclusive; begin == end inserts
  std::string text;
};

// True when the two edits touch overlapping bytes (two insertions at one offset also conflict:
// their order would be a guess).
bool edits_overlap(const Edit& a, const Edit& b);

// `content` with every edit applied. Requires: edits within content and pairwise non-overlapping
// (see edits_overlap); they may come in any order.
std::string apply_edits(std::string_view content, std::vector<Edit> edits);

// The line terminator the file uses: "\r\n" when its first line ends so, else "\n".
std::string_view newline_of(std::string_view content);

}  // namespace twilint::fix
