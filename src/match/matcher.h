// Finds raw rule matches in bytes. Stage 1 is one pass over the bytes for all rules together
// (an Aho-Corasick automaton over every rule's keywords and every pattern's required literals,
// case-insensitive), so its cost does not grow with the number of rules; stage 2 runs only the
// hit rules' own patterns for exact spans, then their validators. A pattern whose shape is known
// (rules::PatternShape: literals every match contains, a bound on its length) runs only in windows
// around the occurrences of those literals, which finds exactly the matches a run over the whole
// blob finds (docs/performance.md says why). Knows nothing about files or git: callers say which
// rules apply.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <re2/set.h>

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
  bool expired = false;  // a decoded token whose expiry has passed: it grants nothing any more
};

struct MatcherOptions {
  // Runs every pattern over the whole blob: the straightforward scan that the windowed one must
  // equal, finding for finding (tests compare the two; nothing else sets it).
  bool whole_blob = false;
};

class Matcher {
 public:
  // `rules` must outlive the matcher.
  explicit Matcher(const rules::RuleSet& rules, MatcherOptions options = {});

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
  struct Window {
    size_t begin = 0;
    size_t end = 0;
  };
  // Stage 1 at pattern level, from the keywords seen: hit[rule][pattern] says whether stage 2 runs
  // that pattern.
  std::vector<std::vector<bool>> hit_patterns(const std::vector<bool>& seen) const;
  // The merged windows around the occurrences of pattern (rule, pattern)'s required literals in
  // which every match of length <= `max_length` lies, in order.
  // `ends_of[k]`: where the occurrences of keyword k end, in order.
  std::vector<Window> windows_for(const PatternRef& ref, const std::vector<std::vector<size_t>>& ends_of,
                                  size_t max_length, size_t size) const;
  // Stage 2 for one pattern over [window.begin, window.end) of `bytes` (the whole of `bytes` is
  // the regex's context), continuing from `pos`; appends validated matches to `out`.
  void run_pattern(const PatternRef& ref, std::string_view bytes, Window window, size_t& pos,
                   std::vector<RawMatch>& out) const;

  // The patterns of one rule file as one RE2::Set: one DFA pass over a blob tells which of them
  // match anywhere in it, so the others need not run. Built on first use. One per file, so that
  // rules whose keywords a blob lacks (another vendor's file) never slow the pass down.
  struct Gate {
    std::vector<PatternRef> patterns;  // set index -> pattern
    std::unique_ptr<std::once_flag> once = std::make_unique<std::once_flag>();
    mutable std::unique_ptr<RE2::Set> set;  // null when it did not compile
  };
  const RE2::Set* gate_set(const Gate& gate) const;
  // Where each hit pattern runs: the windows of a windowed one, else the whole blob.
  using Plan = std::vector<std::vector<std::vector<Window>>>;
  // Drops from `plan` the patterns of a file that match nowhere in `bytes`, when the passes they
  // would make cost more than the gate's one pass.
  void drop_unmatchable(std::string_view bytes, Plan& plan) const;

  const rules::RuleSet& rules_;
  MatcherOptions options_;
  std::vector<Gate> gates_;
  KeywordAutomaton automaton_;
  std::vector<size_t> keyword_length_;                        // keyword id -> its length
  std::vector<std::vector<std::vector<int>>> anchors_;        // [rule][pattern] -> ids of its required literals
  std::vector<int> fold_hazards_;                             // keyword ids of the non-ASCII letters folding to ASCII
  std::vector<std::vector<int>> rules_of_keyword_;            // keyword id -> rules it unlocks
  std::vector<std::vector<PatternRef>> patterns_of_keyword_;  // keyword id -> patterns whose own keyword it is
  std::vector<int> always_rules_;                             // rules without keywords
};

}  // namespace twilint::match
