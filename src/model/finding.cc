#include "model/finding.h"

#include <tuple>

namespace twilint::model {

bool finding_order(const Finding& a, const Finding& b) {
  auto commit_id = [](const Finding& f) { return f.origin.commit ? f.origin.commit->id : std::string(); };
  return std::forward_as_tuple(a.origin.path, a.line, a.column, a.rule_id) <
                 std::forward_as_tuple(b.origin.path, b.line, b.column, b.rule_id) ||
         (std::forward_as_tuple(a.origin.path, a.line, a.column, a.rule_id) ==
              std::forward_as_tuple(b.origin.path, b.line, b.column, b.rule_id) &&
          commit_id(a) < commit_id(b));
}

}  // namespace twilint::model
