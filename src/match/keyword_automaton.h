// Aho-Corasick automaton over lowercase byte keywords, matched case-insensitively (ASCII).
// One pass reports which keywords occur at all; built once, read-only afterwards (thread-safe).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace twilint::match {

class KeywordAutomaton {
 public:
  KeywordAutomaton() = default;
  explicit KeywordAutomaton(const std::vector<std::string>& keywords);

  // Sets seen[k] = true for every keyword k occurring in `text`. `seen` must have keyword_count()
  // entries. Stops early once every keyword has been seen.
  void scan(std::string_view text, std::vector<bool>& seen) const;
  size_t keyword_count() const { return keyword_count_; }

 private:
  // Dense transition table: state * 256 + byte -> next state (full DFA, no failure links at scan time).
  std::vector<int32_t> next_;
  std::vector<std::vector<int>> outputs_;  // state -> keyword ids ending here (incl. via suffix links)
  size_t keyword_count_ = 0;
};

}  // namespace twilint::match
