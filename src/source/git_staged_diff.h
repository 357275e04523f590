// The staged diff computed from a parsed index (git_index_file.h) and HEAD's tree, reading only
// the trees of directories whose staged content changed (per the index's cache-tree), so the
// cost follows the size of the change rather than the size of the repository.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/stats.h"
#include "git/common.h"
#include "git/index_file.h"
#include "source/source.h"

namespace twilint::source {

struct StagedFile {
  std::string path;
  git_oid oid{};   // the staged blob
  uint64_t size = 0;  // work-tree size when staged (a hint)
  // Unset: every line is new (an added file, or one diffing cannot split into lines).
  std::optional<std::vector<LineRange>> only_lines;
};

// Regular files the next commit adds or changes (in index order), with the lines each adds.
// Renames are recognised (an exact or >= 50% similar file deleted in the same change) so that only
// their edits count. Submodules and unresolved conflicts become notes in `stats`; unreadable HEAD
// objects become stats.skipped errors, and the files under them are treated as wholly new (a
// secret is never missed because HEAD could not be read).
std::vector<StagedFile> staged_files(git_repository* repo, const git::IndexSnapshot& index,
                                     const std::optional<git_oid>& head_tree, uint64_t max_file_size,
                                     model::ScanStats& stats);

// The lines of `new_blob` that a diff from `old_blob` adds (zero context), merged into ranges;
// nullopt when the blobs cannot be diffed as text (binary, above `max_file_size`, unreadable).
std::optional<std::vector<LineRange>> added_line_ranges(git_repository* repo, const git_oid& old_blob,
                                                        const git_oid& new_blob, uint64_t max_file_size);

}  // namespace twilint::source
