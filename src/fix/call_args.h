// The argument list of a call (or the fields of a composite literal) starting at an opening
// bracket: brackets nest, strings (' " `) and their escapes are skipped, so commas inside
// either do not split.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace twilint::fix {

struct ArgSpan {
  size_t begin = 0;  // first non-blank byte of the argument
  size_t end = 0;    // one past its last non-blank byte
};

struct ArgList {
  size_t open = 0;   // the opening bracket
  size_t close = 0;  // its closing bracket
  std::vector<ArgSpan> args;  // top-level arguments, blanks trimmed; a trailing comma adds none
};

// Requires content[open] to be '(', '[' or '{'. nullopt when it never closes.
std::optional<ArgList> parse_args(std::string_view content, size_t open);

// The first byte at or after `from` that is not a blank (space, tab, CR, LF).
size_t skip_blanks(std::string_view content, size_t from);

}  // namespace twilint::fix
