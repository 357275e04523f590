// The rule files embedded into the binary at build time (generated embedded_rules.cc).
#pragma once

#include <string_view>
#include <vector>

namespace twilint::rules {

struct EmbeddedFile {
  std::string_view name;     // e.g. "twilio.toml"
  std::string_view content;  // file bytes
};

const std::vector<EmbeddedFile>& embedded_rule_files();

}  // namespace twilint::rules
