// Reporters turn findings into one output format. A reporter never reads files; findings arrive
// already redacted (unless the user passed --show-secrets) and in the deterministic order.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/rule_info.h"
#include "model/stats.h"

namespace twilint::report {

struct ReportContext {
  std::string tool_version;
  std::string mode;         // "scan", "history", "staged"
  std::string root;         // the scan root as the user named it
  std::vector<model::RuleInfo> rules;  // every enabled rule (SARIF driver.rules)
  bool color = false;       // text only: ANSI colour
  // --fail-on: findings at or above it fail the run (JUnit marks only those as failures);
  // nullopt for --fail-on none.
  std::optional<model::Severity> fail_on = model::Severity::kMedium;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void begin(const ReportContext& context) = 0;
  virtual void on_finding(const model::Finding& finding) = 0;
  // Finishes the report and returns its whole text.
  virtual std::string end(const model::ScanStats& stats) = 0;
};

// Returns the reporter for a format name (text, json, sarif, github, junit, compact), or nullptr.
std::unique_ptr<Reporter> make_reporter(std::string_view format);
std::vector<std::string> format_names();

}  // namespace twilint::report
