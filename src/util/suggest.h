// "Did you mean …?" for a mistyped word among the known ones: subcommands, options, rule ids,
// config keys.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace twilint::util {

// Levenshtein distance (insertions, deletions, substitutions).
size_t edit_distance(std::string_view a, std::string_view b);

// The entry of `known` nearest to `word` when it is a near miss (at most 2 edits, or a third of
// the word's length for long words), else "".
template <typename Strings>
std::string nearest(std::string_view word, const Strings& known) {
  std::string_view best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (std::string_view k : known) {
    size_t d = edit_distance(word, k);
    if (d < best_distance && d < std::max(word.size(), k.size())) {
      best_distance = d;
      best = k;
    }
  }
  return std::string(best);
}

// " (did you mean 'x'?)" for a near miss among `known`, else "".
template <typename Strings>
std::string did_you_mean(std::string_view word, const Strings& known) {
  std::string best = nearest(word, known);
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

}  // namespace twilint::util
