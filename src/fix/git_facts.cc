#include "fix/git_facts.h"

#include <git2.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace twilint::fix {
namespace {

struct Libgit2 {
  Libgit2() { git_libgit2_init(); }
  ~Libgit2() { git_libgit2_shutdown(); }
};

struct RepoDeleter {
  void operator()(git_repository* r) const { git_repository_free(r); }
};
using Repo = std::unique_ptr<git_repository, RepoDeleter>;

struct Opened {
  Repo repo;
  std::string relative;  // the path relative to the work tree, '/'-separated
};

// The repository around `path` and the path inside its work tree; repo is null outside git.
Opened open_around(const std::string& path) {
  static Libgit2 init;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return {};
  fs::path dir = absolute.parent_path();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, dir.c_str(), 0, nullptr) != 0) return {};
  Repo repo(raw);
  const char* workdir = git_repository_workdir(repo.get());
  if (workdir == nullptr) return {};
  fs::path root = fs::weakly_canonical(workdir, ec);
  fs::path rel = absolute.lexically_relative(root);
  if (ec || rel.empty() || *rel.begin() == "..") return {};
  return {std::move(repo), rel.generic_string()};
}

}  // namespace

std::optional<bool> git_ignores(const std::string& path) {
  Opened o = open_around(path);
  if (!o.repo) return std::nullopt;
  int ignored = 0;
  if (git_ignore_path_is_ignored(&ignored, o.repo.get(), o.relative.c_str()) != 0) return std::nullopt;
  return ignored != 0;
}

std::optional<std::string> head_version(const std::string& path) {
  Opened o = open_around(path);
  if (!o.repo) return std::nullopt;
  git_object* obj = nullptr;
  std::string spec = "HEAD:" + o.relative;
  if (git_revparse_single(&obj, o.repo.get(), spec.c_str()) != 0) return std::nullopt;
  std::optional<std::string> bytes;
  if (git_object_type(obj) == GIT_OBJECT_BLOB) {
    auto* blob = reinterpret_cast<git_blob*>(obj);
    bytes.emplace(static_cast<const char*>(git_blob_rawcontent(blob)), static_cast<size_t>(git_blob_rawsize(blob)));
  }
  git_object_free(obj);
  return bytes;
}

bool committed_in_head(const std::string& path, std::string_view secret) {
  std::optional<std::string> bytes = head_version(path);
  return bytes && bytes->find(secret) != std::string::npos;
}

std::optional<std::string> work_tree_of(const std::string& path) {
  Opened o = open_around(path);
  if (!o.repo) return std::nullopt;
  return std::string(git_repository_workdir(o.repo.get()));
}

}  // namespace twilint::fix
