// The user's config applied to the rule pack, once: for each rule (by its index in the RuleSet),
// whether it runs, the severity it reports at, and the paths it is limited to and kept off, with
// @production and @client expanded. The scanner, `rules list` and every report read this view;
// nothing else looks at [rules] disable, [severity] or the path sets again.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/path_set.h"
#include "model/severity.h"
#include "rules/rule.h"

namespace twilint::config {

struct EffectiveRule {
  bool enabled = true;        // not in [rules] disable
  model::Severity severity;   // the rule's, or [severity]'s override
  bool limited = false;       // the rule names include paths: it runs only where they match
  PathSet include;
  PathSet exclude;
};

class EffectiveRules {
 public:
  EffectiveRules() = default;
  EffectiveRules(const rules::RuleSet& rules, const Config& config);

  const EffectiveRule& operator[](size_t rule_index) const { return rules_[rule_index]; }
  size_t size() const { return rules_.size(); }

  // Whether the rule at `rule_index` runs on `path` (relative). Thread-safe.
  bool applies(size_t rule_index, std::string_view path) const;

 private:
  std::vector<EffectiveRule> rules_;
};

}  // namespace twilint::config
