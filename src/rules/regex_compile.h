// The one way rule regexes are compiled, shared by the TOML loader and the pre-parsed pack, so
// both give RE2 the same options and find the secret group the same way.
#pragma once

#include <memory>
#include <string>

#include <re2/re2.h>

#include "rules/rule.h"

namespace twilint::rules {

// Compiles `source` with twilint's RE2 options (no logging, 64 MiB program budget). On failure
// returns nullptr and sets *error to RE2's message.
std::unique_ptr<RE2> compile_regex(const std::string& source, std::string* error);

// Compiles all of a pattern's regexes. A source that does not compile still gives a (non-ok) RE2,
// which matches nothing; callers that must report errors check ok() on each.
CompiledPattern compile_pattern(const Pattern& pattern);

// Index of the capture group named "secret", or 0 (the whole match) when there is none.
int secret_group_of(const RE2& regex);

}  // namespace twilint::rules
