#include "config/effective_rules.h"

#include <algorithm>
#include <string>

namespace twilint::config {
namespace {

// A rule's path patterns as one set: @production and @client stand for the config's sets.
PathSet path_set(const std::vector<std::string>& patterns, const Config& config) {
  std::vector<util::Glob> globs;
  bool production = false, client = false;
  for (const std::string& p : patterns) {
    if (p == "@production") {
      production = true;
    } else if (p == "@client") {
      client = true;
    } else if (auto g = util::Glob::compile(p)) {
      globs.push_back(std::move(*g));
    }
  }
  if (production) globs.insert(globs.end(), config.production_paths.begin(), config.production_paths.end());
  if (client) globs.insert(globs.end(), config.client_paths.begin(), config.client_paths.end());
  // One automaton per rule: the built-in path sets expand to hundreds of globs.
  return PathSet(globs);
}

}  // namespace

EffectiveRules::EffectiveRules(const rules::RuleSet& rules, const Config& config) {
  rules_.reserve(rules.rules.size());
  for (const rules::Rule& rule : rules.rules) {
    EffectiveRule effective;
    effective.enabled = std::find(config.disabled_rules.begin(), config.disabled_rules.end(), rule.id) ==
                        config.disabled_rules.end();
    auto override_it = config.severity_overrides.find(rule.id);
    effective.severity = override_it != config.severity_overrides.end() ? override_it->second : rule.severity;
    effective.limited = !rule.paths.include.empty();
    effective.include = path_set(rule.paths.include, config);
    effective.exclude = path_set(rule.paths.exclude, config);
    rules_.push_back(std::move(effective));
  }
}

bool EffectiveRules::applies(size_t rule_index, std::string_view path) const {
  const EffectiveRule& rule = rules_[rule_index];
  if (!rule.enabled) return false;
  if (rule.limited && !rule.include.matches(path)) return false;
  return rule.exclude.empty() || !rule.exclude.matches(path);
}

}  // namespace twilint::config
