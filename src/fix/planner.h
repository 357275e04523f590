// One file's fix plan: from its bytes and its findings (with raw secrets: scanned with
// show_secrets) to the edits that fix what can be fixed mechanically and the list of what cannot.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fix/edit.h"
#include "fix/language.h"
#include "fix/rewrite.h"
#include "model/finding.h"

namespace twilint::fix {

struct FilePlan {
  std::vector<Edit> edits;       // pairwise non-overlapping
  std::string after;             // the content with every edit applied
  std::vector<size_t> fixed;     // indices into the findings
  std::vector<Unfixed> unfixed;  // secrets and misuse fix cannot rewrite (identifiers are not listed)
  std::vector<std::string> notes;
  std::set<std::string> env_vars;
};

// `findings` are the file's findings (unredacted); `rule_filter` empty = every rule.
// `path` is the '/'-separated path relative to the scan root.
FilePlan plan_file(std::string_view path, std::string_view content, const std::vector<model::Finding>& findings,
                   const std::set<std::string>& rule_filter);

}  // namespace twilint::fix
