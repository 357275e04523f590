// Reading git tree objects straight from their raw bytes: "MODE NAME\0<20-byte id>" repeated.
// Faster than libgit2 tree objects for walks that look at every entry once (no allocation per
// entry) and strict about malformed input.
#pragma once

#include <git2/oid.h>

#include <cstddef>
#include <string_view>

namespace twilint::git {

// File modes as git stores them in trees and in the index.
inline constexpr unsigned kModeTypeMask = 0170000;
inline constexpr unsigned kModeTree = 0040000;
inline constexpr unsigned kModeRegular = 0100000;
inline constexpr unsigned kModeSymlink = 0120000;
inline constexpr unsigned kModeGitlink = 0160000;

struct TreeEntry {
  unsigned mode = 0;
  std::string_view name;  // points into the tree's bytes
  git_oid oid{};
};

// Parses the entry at `pos` of a raw tree of `size` bytes and advances `pos` past it; false when
// the bytes there are malformed (then `pos` and `entry` are unspecified).
bool next_tree_entry(const char* data, size_t size, size_t& pos, TreeEntry& entry);

}  // namespace twilint::git
