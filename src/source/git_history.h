// Git history as unique blobs: every blob reachable from the selected refs is scanned exactly once
// and attributed to the commit and path that first introduced it (oldest commit first).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "source/source.h"
#include "util/status.h"

namespace twilint::source {

struct HistoryOptions {
  std::string repo = ".";             // work tree, .git dir, bare repo, or linked worktree
  std::vector<std::string> branches;  // --branch: limit to these refs; empty = every ref
  std::string range;                  // "A..B": only what commits in A..B introduce; empty = all
  uint64_t max_file_size = 10 * 1024 * 1024;
};

// Opens the repository and resolves refs/ranges. A non-repository path or an invalid revision is
// a diagnostic naming it (the CLI exits 2). Blobs are enumerated lazily by the returned source.
util::Expected<std::unique_ptr<Source>> open_history(const HistoryOptions& options);

}  // namespace twilint::source
