#include "scan/inline_allow.h"

#include <cctype>

namespace twilint::scan {
namespace {

constexpr std::string_view kMarker = "twilint:allow";

bool is_id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
}
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_opener(char c) { return is_blank(c) || c == '(' || c == '=' || c == ':'; }

// A word a user would only write as a rule id: lower case with a '-' (`twilio-auth-tokn`), as
// opposed to the prose of a comment (`twilint:allow fixture for tests`).
bool id_shaped(std::string_view word) {
  if (word.find('-') == std::string_view::npos) return false;
  for (char c : word) {
    if (std::isupper(static_cast<unsigned char>(c)) != 0) return false;
  }
  return true;
}

// The words after a marker that form its id list: "a, b,c" (commas, optional blanks around them).
std::vector<std::string_view> id_list(std::string_view line, size_t i) {
  std::vector<std::string_view> ids;
  while (i < line.size() && is_opener(line[i])) ++i;
  for (;;) {
    size_t start = i;
    while (i < line.size() && is_id_char(line[i])) ++i;
    if (i == start) break;
    ids.push_back(line.substr(start, i - start));
    size_t next = i;
    while (next < line.size() && is_blank(line[next])) ++next;
    if (next >= line.size() || line[next] != ',') break;
    ++next;
    while (next < line.size() && is_blank(line[next])) ++next;
    i = next;
  }
  return ids;
}

// True when the marker at `pos` is the whole word ("twilint:allowance" is not), allowing for a
// comment terminator or a closing quote straight after it.
bool marker_ends_at(std::string_view line, size_t i) {
  if (i >= line.size() || is_opener(line[i])) return true;
  return line.substr(i, 2) == "*/" || line.substr(i, 3) == "-->" || line[i] == '"' || line[i] == '\'';
}

}  // namespace

AllowVerdict check_inline_allow(std::string_view line, std::string_view rule_id, const rules::RuleSet& rules) {
  AllowVerdict verdict;
  for (size_t pos = line.find(kMarker); pos != std::string_view::npos; pos = line.find(kMarker, pos + 1)) {
    size_t after = pos + kMarker.size();
    if (!marker_ends_at(line, after)) continue;
    std::vector<std::string_view> ids = id_list(line, after);
    bool names_rules = ids.size() > 1;
    for (std::string_view id : ids) names_rules = names_rules || id_shaped(id) || rules.find(id) != nullptr;
    if (!names_rules) {  // bare, or followed by prose: every rule
      verdict.allowed = true;
      continue;
    }
    for (std::string_view id : ids) {
      if (id == rule_id) {
        verdict.allowed = true;
      } else if (rules.find(id) == nullptr) {
        verdict.unknown_ids.emplace_back(id);
      }
    }
  }
  return verdict;
}

}  // namespace twilint::scan
