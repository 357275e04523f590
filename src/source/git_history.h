// Git history as unique blobs: every blob reachable from the selected refs is scanned exactly once
// and attributed to the commit and path that first introduced it (oldest commit first).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "source/history_checkpoint.h"
#include "source/source.h"
#include "util/status.h"

namespace twilint::source {

struct HistoryOptions {
  std::string repo = ".";             // work tree, .git dir, bare repo, or linked worktree
  std::vector<std::string> branches;  // --branch: limit to these refs; empty = every ref
  // "A..B": only what commits in A..B introduce; empty = all. An all-zero A (GitHub's
  // github.event.before for a new branch) means the commits of B that no other ref reaches.
  std::string range;
  std::string range_flag = "--range";  // the flag the user gave the range with, for messages
  uint64_t max_file_size = config::kDefaultMaxFileSize;
  unsigned jobs = 0;  // the scan's threads (0 = all cores), for the blob loader
  // The incremental cache's side of the walk, for a walk of every ref only (ignored with
  // `branches` or `range`: the checkpoint describes a walk of every ref). Not owned; it must
  // outlive the source.
  WalkMemory* memory = nullptr;
};

// The error for a range that is not "A..B" (`flag` names where it came from), or nullopt; an empty
// range is no range and fine. Needs no repository, so flag errors can be reported together.
std::optional<util::Diagnostic> check_range_syntax(const std::string& range, const std::string& flag);

// Opens the repository and resolves refs/ranges. A non-repository path or an invalid revision is
// a diagnostic naming it (the CLI exits 2). Blobs are enumerated lazily by the returned source.
util::Expected<std::unique_ptr<Source>> open_history(const HistoryOptions& options);

}  // namespace twilint::source
