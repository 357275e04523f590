// A compact binary form of a loaded RuleSet, so the shipped pack is parsed from TOML once, at build
// time (twilint_pack_gen), and start-up only copies strings (regexes compile on first use): the TOML parse of
// the 100 KB pack cost more than the whole staged scan it precedes.
#pragma once

#include <string>
#include <string_view>

#include "rules/rule.h"
#include "util/status.h"

namespace twilint::rules {

// Everything in `set` except the compiled regexes (their sources are kept).
std::string encode_rule_set(const RuleSet& set);

// The inverse of encode_rule_set; each regex is compiled on first use (see Pattern). Truncated or
// malformed bytes give a diagnostic naming `name`; never undefined behaviour.
util::Expected<RuleSet> decode_rule_set(std::string_view bytes, const std::string& name);

}  // namespace twilint::rules
