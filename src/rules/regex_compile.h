// The one way rule regexes are compiled, whether a pattern came from TOML (the loader compiles it
// to check it) or from the pre-parsed pack (compiled on first use), so both give RE2 the same
// options and find the secret group the same way.
#pragma once

#include "rules/rule.h"

namespace twilint::rules {

// Compiles all of a pattern's regexes. A source that does not compile still gives a (non-ok) RE2,
// which matches nothing; callers that must report errors check ok() on each.
CompiledPattern compile_pattern(const Pattern& pattern);

// The regex compile_pattern gives RE2 for `pattern.source` (a leading \b it checks itself removed):
// what the pattern's shape must be analysed on.
std::string regex_as_compiled(const Pattern& pattern);

}  // namespace twilint::rules
