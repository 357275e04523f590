#include "scan/rule_check.h"

#include "scan/scanner.h"

namespace twilint::scan {

std::vector<ExampleResult> run_rule_examples(const rules::RuleSet& rules, const config::Config& config) {
  std::vector<ExampleResult> results;
  Scanner scanner(rules, config, ScanOptions{});
  for (const rules::Rule& rule : rules.rules) {
    for (bool positive : {true, false}) {
      const auto& examples = positive ? rule.examples : rule.negative_examples;
      for (size_t i = 0; i < examples.size(); ++i) {
        const rules::Example& ex = examples[i];
        model::Origin origin{ex.path, ex.path, std::nullopt};
        model::ScanStats stats;
        bool found = false;
        for (const model::Finding& f : scanner.analyze(ex.text, origin, stats)) found = found || f.rule_id == rule.id;
        results.push_back({rule.id, positive, i, ex.path, ex.text, found == positive, rule.file, ex.line});
      }
    }
  }
  return results;
}

util::Diagnostics check_rules(const rules::RuleSet& rules, const config::Config& config) {
  util::Diagnostics problems;
  for (const rules::Rule& rule : rules.rules) {
    if (rule.examples.empty()) problems.push_back({rule.file, rule.line, "rule '" + rule.id + "' has no examples"});
    if (rule.negative_examples.empty()) {
      problems.push_back({rule.file, rule.line, "rule '" + rule.id + "' has no negative_examples"});
    }
  }
  for (const ExampleResult& r : run_rule_examples(rules, config)) {
    if (r.passed) continue;
    std::string text = r.text.size() > 80 ? r.text.substr(0, 80) + "…" : r.text;
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    problems.push_back({r.file, r.line,
                        "rule '" + r.rule_id + "': " +
                            (r.positive ? "example " + std::to_string(r.index + 1) + " is not found"
                                        : "negative example " + std::to_string(r.index + 1) + " is found") +
                            " (" + r.path + "): " + text});
  }
  return problems;
}

}  // namespace twilint::scan
