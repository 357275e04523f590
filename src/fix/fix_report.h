// The text `twilint fix` prints after the diff: the findings left for a human, follow-up notes,
// and for each credential already committed how to rotate it. Every line starts with "# " so the
// output stays a patch that `git apply` and `patch -p1` read.
#pragma once

#include <string>
#include <vector>

#include "model/finding.h"
#include "rules/rule.h"

namespace twilint::fix {

struct LeftOver {
  const model::Finding* finding = nullptr;  // unredacted: never print its secret
  std::string reason;
};

struct Exposure {
  const model::Finding* finding = nullptr;  // a secret committed in HEAD
  std::string work_tree;                    // where `twilint history` should run
  std::string key_sid;                      // for an API key secret: the SK… in the same file, if one
};

std::string left_over_text(const std::vector<LeftOver>& left, const rules::RuleSet& rules);
std::string notes_text(const std::vector<std::string>& notes);
std::string exposure_text(const std::vector<Exposure>& exposed);

// How to rotate a credential of this rule (one line).
std::string rotation_advice(const std::string& rule_id, const std::string& key_sid);

}  // namespace twilint::fix
