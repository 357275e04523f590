// Small byte-string helpers shared across modules.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace twilint::util {

std::string to_lower(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::string trim(std::string_view s);

// Maps byte offsets in a buffer to 1-based line and column (column counts bytes).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  int line_of(size_t offset) const;    // 1-based
  int column_of(size_t offset) const;  // 1-based
  // The whole line containing `offset`, without its line terminator.
  std::string_view line_text(size_t offset) const;
  size_t line_start(int line) const;  // byte offset of 1-based line

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

}  // namespace twilint::util
