// What the matcher may assume about every match of a pattern's regex, so that stage 2 can run in
// windows around keyword hits instead of over the whole blob. Computed once when a rule file is
// loaded (for the shipped pack: at build time, stored in the pack), never at scan time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace twilint::rules {

// An upper bound on a match's length in bytes, as a function of the text: fixed bytes, plus
// `whitespace_runs` times the longest run of ASCII whitespace bytes in the text (each unbounded
// item such as \s* or [ \t]+ matches at most one such run), plus `line_runs` times the longest run
// of bytes without a '\n' (each unbounded item that cannot match a newline, such as [^\n]* or \w+).
struct LengthBound {
  size_t fixed = 0;
  size_t whitespace_runs = 0;
  size_t line_runs = 0;

  size_t for_text(size_t longest_whitespace_run, size_t longest_line) const {
    return fixed + whitespace_runs * longest_whitespace_run + line_runs * longest_line;
  }
};

struct PatternShape {
  // Lowercase ASCII literals; every match contains at least one of them (compared ASCII
  // case-insensitively, in text without the non-ASCII letters that fold to ASCII ones; see
  // match::Matcher). Empty: no such set is known.
  std::vector<std::string> anchors;
  // Empty: a match may be arbitrarily long (e.g. `(?:[^,()]|x)*`), or the regex uses syntax the
  // analysis does not know.
  std::optional<LengthBound> max_length;

  bool windowable() const { return !anchors.empty() && max_length.has_value(); }
};

// Analyses `regex` as RE2 compiles it with twilint's options (UTF-8). Conservative: whatever it
// cannot prove is left empty, which only costs speed.
PatternShape analyze_shape(const std::string& regex);

// The bound alone (exposed for tests). Counts every character as up to 4 bytes unless it is
// ASCII-only; under (?i) every letter counts 4 (k and s fold to non-ASCII runes).
std::optional<LengthBound> max_match_length(const std::string& regex);

}  // namespace twilint::rules
