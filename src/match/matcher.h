// Finds raw rule matches in bytes. Stage 1 is one pass over the bytes for all rules together
// (an Aho-Corasick automaton over every rule's keywords, case-insensitive), so its cost does not
// grow with the number of rules; stage 2 runs only the hit rules' own patterns for exact spans,
// then their validators. Knows nothing about files or git: callers say which rules apply.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "match/keyword_automaton.h"
#include "rules/rule.h"

namespace twilint::match {

struct RawMatch {
  int rule_index = 0;
  size_t begin = 0;  // whole match, byte offsets into the scanned bytes
  size_t end = 0;
  size_t secret_begin = 0;  // the secret group (the whole match when the rule has none)
  size_t secret_end = 0;
  std::string detail;  // decoder output for the message, e.g. "identity user-7, expires ..."
};

class Matcher {
 public:
  // `rules` must outlive the matcher.
  explicit Matcher(const rules::RuleSet& rules);

  // Returns every validated match of the enabled rules, ordered by begin offset then rule index.
  // `enabled[i]` says whether rule i applies to these bytes (size == rules.size()); an empty
  // vector enables all. Thread-safe: may be called concurrently.
  std::vector<RawMatch> find(std::string_view bytes, const std::vector<bool>& enabled = {}) const;

  // Stage 1 only: which rules have a pattern that stage 2 would run: the rule's keywords occur (or
  // it has none) and so do the pattern's own keywords (or it has none).
  std::vector<bool> prefilter(std::string_view bytes) const;

 private:
  struct PatternRef {
    int rule = 0;
    int pattern = 0;
  };
  // Stage 1 at pattern level: hit[rule][pattern] says whether stage 2 runs that pattern.
  std::vector<std::vector<bool>> hit_patterns(std::string_view bytes) const;

  const rules::RuleSet& rules_;
  KeywordAutomaton automaton_;
  std::vector<std::vector<int>> rules_of_keyword_;            // keyword id -> rules it unlocks
  std::vector<std::vector<PatternRef>> patterns_of_keyword_;  // keyword id -> patterns whose own keyword it is
  std::vector<int> always_rules_;                             // rules without keywords
};

}  // namespace twilint::match
