// Path globs as users write them in .gitignore-style lists: `*` matches within one path segment,
// `**` matches any number of segments, `?` one character, `[abc]`/`[!a-z]` a class, `{a,b}` either.
// A pattern without `/` matches the last segment of the path (like .gitignore); a pattern ending
// in `/` matches a directory and everything under it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace twilint::util {

class Glob {
 public:
  // Returns the compiled glob or a diagnostic naming what is malformed (unclosed `[` or `{`).
  static Expected<Glob> compile(std::string_view pattern);

  // `path` uses `/` separators and is relative to the scan root (no leading "./").
  bool matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  std::vector<std::string> alternatives_;  // brace-expanded, normalised patterns
  bool basename_only_ = false;
  bool directory_prefix_ = false;
};

// True when any glob matches `path`.
bool any_matches(const std::vector<Glob>& globs, std::string_view path);

}  // namespace twilint::util
