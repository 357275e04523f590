// `twilint rules check`: runs every rule's examples through the whole detector (prefilter,
// patterns, validators, path filters, overlap resolution, suppression) and reports every
// example that is not found and every negative example that is.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "rules/rule.h"
#include "util/status.h"

namespace twilint::scan {

struct ExampleResult {
  std::string rule_id;
  bool positive = true;  // an example (must be found) or a negative example (must not be)
  size_t index = 0;      // position in the rule's list
  std::string path;
  std::string text;
  bool passed = false;
  std::string file;  // rule file and line of the example, for messages
  int line = 0;
};

// One result per (rule, example). Uses `config` for path sets (@production, @client).
std::vector<ExampleResult> run_rule_examples(const rules::RuleSet& rules, const config::Config& config);

// Diagnostics for failed examples and rules without examples: empty when the pack is healthy.
util::Diagnostics check_rules(const rules::RuleSet& rules, const config::Config& config);

}  // namespace twilint::scan
