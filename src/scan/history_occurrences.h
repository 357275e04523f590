// How git history reports a leak once (ARCHITECTURE.md "Git history"): a blob version that only
// carries an old line forward adds nothing, and the versions that did add a secret are grouped
// into one finding per (rule, path, secret) at its first introduction, the others becoming its
// occurrences.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"

namespace twilint::scan {

// Removes from `found` (one blob's findings) those on a line the blob carried forward from its
// commit's parents: a line that some parent's version of the path (`parent_versions`) holds too,
// byte for byte. A line present k times in the richest parent and more often here counts as
// carried for its first k appearances; the later ones were added. Findings on other lines stay.
// `bytes` are the blob's scanned (decoded) bytes; with no parent versions nothing is removed.
void drop_carried_forward(std::vector<model::Finding>& found, std::string_view bytes,
                          const std::vector<std::string>& parent_versions);

// A history finding with the position of its blob in the walk (oldest first), which decides
// which of a secret's additions is its first introduction.
struct WalkedFinding {
  uint64_t sequence = 0;
  model::Finding finding;
};

// One finding per fingerprint (rule, path, secret): the first in walk order (then by line and
// column), with the others as its occurrences in that order. It takes the highest severity of
// the group, and the message of the first finding that has it, so a secret that became a complete
// credential pair in a later version is reported as such. Result in no particular order.
std::vector<model::Finding> group_occurrences(std::vector<WalkedFinding> findings);

}  // namespace twilint::scan
