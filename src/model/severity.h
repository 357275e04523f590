// Rule kinds and severities, with their canonical lowercase names as they appear in rule files,
// configs and every report format.
#pragma once

#include <optional>
#include <string_view>

namespace twilint::model {

enum class Severity { kInfo = 0, kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };
enum class RuleKind { kSecret, kMisuse, kIdentifier };

std::string_view to_string(Severity s);
std::string_view to_string(RuleKind k);
std::optional<Severity> parse_severity(std::string_view name);
std::optional<RuleKind> parse_rule_kind(std::string_view name);

}  // namespace twilint::model
