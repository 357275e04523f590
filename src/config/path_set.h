// A set of path globs compiled into one RE2 automaton, for checks made on every scanned file.
// util::Glob tries each brace-expanded alternative in turn (the built-in production list expands
// to a few hundred, tens of microseconds per path); a PathSet answers the same question in one
// linear DFA pass. Semantics are exactly util::Glob's (see util/glob.h); a glob whose translation
// would not be exact (escapes, braces inside classes, "**" next to a brace) is kept as a Glob and
// tried after the automaton.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "util/glob.h"

namespace twilint::config {

class PathSet {
 public:
  PathSet() = default;  // matches nothing
  explicit PathSet(const std::vector<util::Glob>& globs);

  // True when any of the globs matches `path` (relative, '/'-separated; a leading "./" is ignored).
  // Thread-safe.
  bool matches(std::string_view path) const;
  bool empty() const { return regex_ == nullptr && fallback_.empty(); }

 private:
  std::shared_ptr<const RE2> regex_;
  std::vector<util::Glob> fallback_;
};

// The RE2 syntax (Latin-1, dot matches newline) equivalent to `glob.matches(path)` for a whole path,
// or nullopt when the glob uses a construct the translation does not reproduce exactly.
std::optional<std::string> glob_to_regex(const util::Glob& glob);

}  // namespace twilint::config
