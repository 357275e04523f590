// `twilint:allow` markers in source lines: a bare marker (or one followed by prose) allows every
// rule; "twilint:allow id1, id2" allows only the rules it names. A named id that no loaded rule
// has allows nothing: the caller warns about it, so a typo never turns into a blanket allow.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace twilint::scan {

struct AllowVerdict {
  bool allowed = false;
  std::vector<std::string> unknown_ids;  // ids named by a marker on the line that no rule has
};

// What the markers on `line` say about `rule_id`.
AllowVerdict check_inline_allow(std::string_view line, std::string_view rule_id, const rules::RuleSet& rules);

}  // namespace twilint::scan
