// Aho-Corasick automaton over lowercase byte keywords, matched case-insensitively (ASCII).
// One pass reports which keywords occur at all; built once, read-only afterwards (thread-safe).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace twilint::match {

// One occurrence of a keyword: it ends just before byte offset `end`.
struct KeywordHit {
  size_t end = 0;
  int keyword = 0;
};

class KeywordAutomaton {
 public:
  KeywordAutomaton() = default;
  // `positional[k]` (empty: none) marks the keywords whose every occurrence scan_all() reports.
  explicit KeywordAutomaton(const std::vector<std::string>& keywords, const std::vector<bool>& positional = {});

  // Sets seen[k] = true for every keyword k occurring in `text`. `seen` must have keyword_count()
  // entries. Stops early once every keyword has been seen.
  void scan(std::string_view text, std::vector<bool>& seen) const;
  // Like scan(), but reads all of `text` and also appends to `hits` every occurrence of every
  // positional keyword, by end offset, without duplicates.
  void scan_all(std::string_view text, std::vector<bool>& seen, std::vector<KeywordHit>& hits) const;
  size_t keyword_count() const { return keyword_count_; }

 private:
  void renumber_for_scan();
  // Runs the automaton over `text`, calling report(state offset, index of the byte just read,
  // lane) at each reporting state until it returns true.
  template <class Report>
  void run(std::string_view text, Report&& report) const;

  std::vector<int32_t> next_;  // while building: state * 256 + byte -> next state
  // Dense transition table (full DFA, no failure links at scan time): row offset + byte class ->
  // the next state's row offset (state * class_count_). States numbered from
  // first_reporting_offset_ / class_count_ on report keywords.
  std::array<uint8_t, 256> classes_{};
  uint32_t class_count_ = 1;
  std::vector<uint32_t> table_;
  uint32_t first_reporting_offset_ = 0;
  std::vector<std::vector<int>> outputs_;  // state -> keyword ids ending here (incl. via suffix links)
  std::vector<std::vector<int>> positional_outputs_;  // the positional ones among them
  size_t keyword_count_ = 0;
  size_t max_keyword_length_ = 0;
};

}  // namespace twilint::match
