// Plumbing shared by the git sources (history, staged, hook installer): one-time libgit2 set-up,
// owning handles for libgit2 objects, and the one place where libgit2's negative return codes
// become user-facing text.
#pragma once

#include <git2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "model/origin.h"
#include "util/status.h"

namespace twilint::git {

// Initialises libgit2 once per process (safe to call from any thread, any number of times) and
// applies the settings every git source relies on: a small object cache (history walks never
// revisit a tree, so a large cache only costs memory), no per-read hash verification (git does
// not verify on read either; corrupt data still fails zlib), and no owner check (twilint only
// reads repositories, and CI checkouts are often owned by another uid).
void ensure_libgit2();

// The message libgit2 left for the failed call that returned `code` (< 0), never empty.
std::string libgit2_error(int code);

// unique_ptr deleters for libgit2 objects.
template <typename T, void (*Free)(T*)>
struct Libgit2Deleter {
  void operator()(T* p) const {
    if (p != nullptr) Free(p);
  }
};
template <typename T, void (*Free)(T*)>
using Libgit2Ptr = std::unique_ptr<T, Libgit2Deleter<T, Free>>;

using RepoPtr = Libgit2Ptr<git_repository, git_repository_free>;
using OdbPtr = Libgit2Ptr<git_odb, git_odb_free>;
using OdbObjectPtr = Libgit2Ptr<git_odb_object, git_odb_object_free>;
using CommitPtr = Libgit2Ptr<git_commit, git_commit_free>;
using TreePtr = Libgit2Ptr<git_tree, git_tree_free>;
using TreeEntryPtr = Libgit2Ptr<git_tree_entry, git_tree_entry_free>;
using ObjectPtr = Libgit2Ptr<git_object, git_object_free>;
using ReferencePtr = Libgit2Ptr<git_reference, git_reference_free>;
using RefIteratorPtr = Libgit2Ptr<git_reference_iterator, git_reference_iterator_free>;
using IndexPtr = Libgit2Ptr<git_index, git_index_free>;
using DiffPtr = Libgit2Ptr<git_diff, git_diff_free>;
using PatchPtr = Libgit2Ptr<git_patch, git_patch_free>;
using ConfigPtr = Libgit2Ptr<git_config, git_config_free>;

// Opens the repository at or above `path`: a work tree or any directory inside it, a .git
// directory, a bare repository, or a linked worktree. A path that is not inside a repository
// gives the diagnostic "not a git repository: PATH"; other failures name the path and the cause.
util::Expected<RepoPtr> open_repository(const std::string& path);

// The absolute, canonical common git directory of the repository at or above `path` (shared by
// its linked worktrees): what identifies a repository in the history cache. nullopt if none.
std::optional<std::string> repository_identity(const std::string& path);

// 40 lowercase hex digits.
std::string oid_hex(const git_oid& oid);
// Parses exactly 40 hex digits; false otherwise.
bool parse_oid_hex(std::string_view hex, git_oid* out);

// ISO 8601 with a numeric offset, e.g. "2026-03-02T10:11:12+01:00" (UTC is "+00:00").
std::string format_git_time(int64_t seconds, int offset_minutes);

// Author, date and summary of `commit` for finding attribution.
model::CommitInfo commit_info(git_commit* commit);

// The work tree root of `repo` without a trailing '/', or nullopt for a bare repository.
std::optional<std::string> work_tree_root(git_repository* repo);

}  // namespace twilint::git
