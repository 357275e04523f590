// A reader for git's index file (.git/index, versions 2-4, split or not), for `twilint staged`.
// libgit2 1.5 spends ~55 ms loading a 50,000-entry index (allocation and sorting per entry) and
// cannot read a split index at all; this reader needs a few milliseconds and also returns the
// cache-tree extension, which lets the staged diff skip every directory whose staged tree is
// unchanged since HEAD.
#pragma once

#include <git2/oid.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace twilint::source {

struct IndexEntry {
  uint32_t path_offset = 0;  // into IndexSnapshot::paths
  uint32_t path_size = 0;
  uint32_t mode = 0;
  uint32_t file_size = 0;  // size in the work tree when staged (a hint, not the blob size)
  git_oid oid{};
  uint8_t stage = 0;  // 0 normal; 1-3 an unresolved merge conflict
  bool intent_to_add = false;
};

struct IndexSnapshot {
  std::vector<IndexEntry> entries;  // in index order: by path bytes, then stage
  std::string paths;                // every entry's path, back to back
  // Cache-tree: directory ("" is the root, no trailing '/') -> the tree id its staged content
  // would have. Only directories git has not invalidated since the last write-tree are listed.
  std::unordered_map<std::string, git_oid> valid_trees;

  std::string_view path(const IndexEntry& e) const { return std::string_view(paths).substr(e.path_offset, e.path_size); }
};

// Reads the index file at `path` (a split index is merged with its shared index, found in
// `git_dir`). A missing file is an empty index. Returns nullopt, with the reason in `why`, for
// malformed bytes and for what this reader does not know: another index version, a sparse index
// ("sdir" extension), or any other extension git marks as required.
std::optional<IndexSnapshot> read_index_file(const std::string& path, const std::string& git_dir, std::string* why);

}  // namespace twilint::source
