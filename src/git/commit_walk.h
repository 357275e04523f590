// Commit enumeration for history scans: every commit reachable from a set of tips, ordered so that
// each commit comes after all of its parents (the order in which "first introduced by" is
// decided). Written on top of the object database rather than git_revwalk so that shallow
// clones (grafted-away parents) and missing or corrupt commits are handled as data, not as a
// failed walk.
#pragma once

#include <string>
#include <vector>

#include "model/stats.h"
#include "git/common.h"
#include "git/oid_set.h"

namespace twilint::git {

// Commits listed in the repository's `shallow` file: their parents are not in the clone and are
// treated as absent (the commits are roots). Empty for a complete repository.
OidSet read_shallow_commits(git_repository* repo);

struct CommitWalkOptions {
  OidSet* shallow = nullptr;  // from read_shallow_commits; may be null
  OidSet* stop = nullptr;     // commits not to enter or order (a range's base); may be null
  // Where unreadable commits are recorded: as stats.skipped errors when true, as stats.notes
  // otherwise (a range base is context, not something the user asked to scan).
  bool missing_is_error = true;
};

// Commits reachable from `tips` (not entering `stop`), parents before children; among commits
// that are ready at the same time the one with the older committer time comes first (ties by
// id), so the order is deterministic and as close to "oldest first" as the graph allows.
// A commit that cannot be read is recorded in `stats` and left out; its children become roots.
std::vector<git_oid> commits_parents_first(git_repository* repo, const std::vector<git_oid>& tips,
                                           const CommitWalkOptions& options, model::ScanStats& stats);

}  // namespace twilint::git
