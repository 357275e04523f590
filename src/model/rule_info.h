// What reporters need to know about a rule (SARIF rule metadata, explain), without the compiled
// patterns: the report module never sees src/rules.
#pragma once

#include <string>
#include <vector>

#include "model/severity.h"

namespace twilint::model {

struct RuleInfo {
  std::string id;
  std::string title;
  RuleKind kind = RuleKind::kSecret;
  Severity severity = Severity::kInfo;  // after config overrides
  std::string fix;       // one line
  std::string guidance;  // markdown
  std::vector<std::string> references;
};

}  // namespace twilint::model
