#include "rules/embedded.h"

#include "rules/pack_codec.h"

namespace twilint::rules {

std::vector<RuleSource> embedded_sources() {
  std::vector<RuleSource> out;
  for (const EmbeddedFile& f : embedded_rule_files()) {
    out.push_back({"rules/" + std::string(f.name), std::string(f.content)});
  }
  return out;
}

util::Expected<RuleSet> load_embedded_rules() { return decode_rule_set(embedded_pack_bytes(), "built-in rule pack"); }

}  // namespace twilint::rules
