// What git knows about a file on disk, through libgit2: whether it is ignored, and whether a
// credential in it is already committed (in HEAD's version of the file).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace twilint::fix {

// nullopt when `path` is not inside a git work tree; else whether git ignores it. `path` need not
// exist (asks about .env before it is created).
std::optional<bool> git_ignores(const std::string& path);

// True when `path` is in a git work tree and HEAD's version of it contains `secret`.
bool committed_in_head(const std::string& path, std::string_view secret);

// HEAD's version of `path`, or nullopt outside git or when HEAD has no such file.
std::optional<std::string> head_version(const std::string& path);

// The work tree root holding `path`, or nullopt outside git.
std::optional<std::string> work_tree_of(const std::string& path);

}  // namespace twilint::fix
