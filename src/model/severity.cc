#include "model/severity.h"

namespace twilint::model {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "info";
}

std::string_view to_string(RuleKind k) {
  switch (k) {
    case RuleKind::kSecret: return "secret";
    case RuleKind::kMisuse: return "misuse";
    case RuleKind::kIdentifier: return "identifier";
  }
  return "secret";
}

std::optional<Severity> parse_severity(std::string_view name) {
  for (Severity s : {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

std::optional<RuleKind> parse_rule_kind(std::string_view name) {
  for (RuleKind k : {RuleKind::kSecret, RuleKind::kMisuse, RuleKind::kIdentifier}) {
    if (to_string(k) == name) return k;
  }
  return std::nullopt;
}

}  // namespace twilint::model
