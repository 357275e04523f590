#include "fix/edit.h"

#include <algorithm>
#include <cassert>

namespace twilint::fix {

bool edits_overlap(const Edit& a, const Edit& b) {
  if (a.begin == a.end && b.begin == b.end) return a.begin == b.begin;
  if (a.begin == a.end) return a.begin > b.begin && a.begin < b.end;
  if (b.begin == b.end) return b.begin > a.begin && b.begin < a.end;
  return a.begin < b.end && b.begin < a.end;
}

std::string apply_edits(std::string_view content, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::string out;
  out.reserve(content.size() + 256);
  size_t at = 0;
  for (const Edit& e : edits) {
    assert(e.begin >= at && e.end >= e.begin && e.end <= content.size());
    out.append(content.substr(at, e.begin - at));
    out.append(e.text);
    at = e.end;
  }
  out.append(content.substr(at));
  return out;
}

std::string_view newline_of(std::string_view content) {
  size_t nl = content.find('\n');
  return nl != std::string_view::npos && nl > 0 && content[nl - 1] == '\r' ? "\r\n" : "\n";
}

}  // namespace twilint::fix
