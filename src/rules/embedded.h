// The shipped rule pack, embedded into the binary at build time twice: as the rules/*.toml text
// (generated embedded_rules.cc, for `rules check` and tests that read the sources) and pre-parsed
// by twilint_pack_gen (generated embedded_pack.cc), which is what a scan loads.
#pragma once

#include <string_view>
#include <vector>

#include "rules/loader.h"

namespace twilint::rules {

struct EmbeddedFile {
  std::string_view name;     // e.g. "twilio.toml"
  std::string_view content;  // file bytes
};

const std::vector<EmbeddedFile>& embedded_rule_files();

// The embedded TOML files as sources named "rules/<file>", for load_rules.
std::vector<RuleSource> embedded_sources();

// The pre-parsed pack's bytes (see pack_codec.h).
std::string_view embedded_pack_bytes();

// The shipped pack, decoded from the pre-parsed bytes: the same rules and digest that
// load_rules(embedded_sources()) gives, without parsing TOML.
util::Expected<RuleSet> load_embedded_rules();

}  // namespace twilint::rules
