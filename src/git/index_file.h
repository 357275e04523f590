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
#include <vector>

namespace twilint::git {

struct IndexEntry {
  uint32_t path_offset = 0;  // into IndexSnapshot::paths
  uint32_t path_size = 0;
  uint32_t mode = 0;
  uint32_t file_size = 0;  // size in the work tree when staged (a hint, not the blob size)
  git_oid oid{};
  uint8_t stage = 0;  // 0 normal; 1-3 an unresolved merge conflict
  bool intent_to_add = false;
};

// The cache-tree extension: for each directory git has not invalidated since the last write-tree,
// the tree id its staged content would have. Kept as git stores it (pre-order nodes, names back
// to back) rather than a map of full paths: a 50,000-directory index would otherwise cost a string
// allocation per directory, and a staged diff looks up only the few directories it descends into.
class CacheTree {
 public:
  static constexpr uint32_t kNoNode = UINT32_MAX;

  // The tree id of `dir` ("" is the root, no trailing '/'), or nullopt when git has invalidated
  // it or does not list it. Walks from the root: for one-off lookups.
  std::optional<git_oid> valid_tree(std::string_view dir) const;

  // Node-wise access for a walk that descends directory by directory (each lookup then costs one
  // pass over a parent's children, not a walk from the root). kNoNode stands for "not listed".
  uint32_t root() const { return nodes_.empty() ? kNoNode : 0; }
  std::optional<git_oid> tree_of(uint32_t node) const;
  // Calls f(name, child) for each child of `node` (nothing for kNoNode).
  template <typename F>
  void for_each_child(uint32_t node, F&& f) const {
    if (node == kNoNode) return;
    uint32_t child = node + 1;
    for (uint32_t i = 0; i < nodes_[node].children && child < nodes_.size(); ++i) {
      f(std::string_view(names_).substr(nodes_[child].name_offset, nodes_[child].name_size), child);
      child += nodes_[child].subtree_nodes;
    }
  }

  // For the parser: appends a node (children follow it, in order) and returns its position.
  uint32_t add_node(std::string_view name, const git_oid* oid);
  // For the parser: `node` has `children` direct children, all added after it.
  void close_node(uint32_t node, uint32_t children);
  bool empty() const { return nodes_.empty(); }

 private:
  struct Node {
    uint32_t name_offset = 0;
    uint32_t name_size = 0;
    uint32_t subtree_nodes = 1;  // this node and all below it: the distance to its next sibling
    uint32_t children = 0;
    bool valid = false;
    git_oid oid{};
  };
  std::vector<Node> nodes_;
  std::string names_;
};

struct IndexSnapshot {
  std::vector<IndexEntry> entries;  // in index order: by path bytes, then stage
  std::string paths;                // every entry's path, back to back
  CacheTree cache_tree;

  std::string_view path(const IndexEntry& e) const { return std::string_view(paths).substr(e.path_offset, e.path_size); }
};

// Reads the index file at `path` (a split index is merged with its shared index, found in
// `git_dir`). A missing file is an empty index. Returns nullopt, with the reason in `why`, for
// malformed bytes and for what this reader does not know: another index version, a sparse index
// ("sdir" extension), or any other extension git marks as required.
std::optional<IndexSnapshot> read_index_file(const std::string& path, const std::string& git_dir, std::string* why);

}  // namespace twilint::git
