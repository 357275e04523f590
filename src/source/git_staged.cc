#include "source/git_staged.h"

#include <cstdlib>
#include <optional>
#include <utility>

#include "source/git_blob_loader.h"
#include "git/common.h"
#include "git/index_file.h"
#include "source/git_staged_diff.h"

namespace twilint::source {
namespace {

class StagedSource final : public Source {
 public:
  StagedSource(git::RepoPtr repo, git::IndexSnapshot index, std::optional<git_oid> head_tree, uint64_t max_file_size,
               unsigned jobs)
      : repo_(std::move(repo)),
        index_(std::move(index)),
        head_tree_(head_tree),
        max_file_size_(max_file_size),
        loader_(repo_.get(), max_file_size, jobs) {}

  void enumerate(const std::function<void(Item&&)>& sink, model::ScanStats& stats) override {
    for (StagedFile& file : staged_files(repo_.get(), index_, head_tree_, max_file_size_, stats)) {
      Item item;
      item.origin.path = file.path;
      item.origin.relative = std::move(file.path);
      item.locator = git::oid_hex(file.oid);
      item.size = file.size;
      item.only_lines = std::move(file.only_lines);
      item.pairing_scope = "the staged change";  // together, the staged blobs are the next commit
      sink(std::move(item));
    }
  }

  Loaded load(const Item& item) override { return loader_.load(item); }

 private:
  git::RepoPtr repo_;
  git::IndexSnapshot index_;
  std::optional<git_oid> head_tree_;  // unset before the first commit: everything staged is new
  uint64_t max_file_size_;
  BlobLoader loader_;
};

}  // namespace

util::Expected<std::unique_ptr<Source>> open_staged(const std::string& repo_path, uint64_t max_file_size,
                                                    unsigned jobs) {
  util::Expected<git::RepoPtr> opened = git::open_repository(repo_path);
  if (!opened) return opened.errors();
  git::RepoPtr repo = std::move(*opened);
  if (git_repository_is_bare(repo.get())) {
    return util::Diagnostic{"", 0, "staged needs a work tree, but " + repo_path + " is a bare repository"};
  }

  // Inside a pre-commit hook of `git commit -a` or `git commit PATH`, git stages into a
  // temporary index and names it in GIT_INDEX_FILE: that, not .git/index, is what is committed.
  const char* index_env = std::getenv("GIT_INDEX_FILE");
  std::string git_dir = git_repository_path(repo.get());
  std::string index_path = index_env != nullptr && *index_env != '\0' ? std::string(index_env) : git_dir + "index";
  std::string why;
  std::optional<git::IndexSnapshot> index = git::read_index_file(index_path, git_dir, &why);
  if (!index) return util::Diagnostic{"", 0, "cannot read the git index: " + why};

  std::optional<git_oid> head_tree;
  git_reference* raw_head = nullptr;
  int rc = git_repository_head(&raw_head, repo.get());
  git::ReferencePtr head(raw_head);
  if (rc == 0) {
    git_object* raw_commit = nullptr;
    rc = git_reference_peel(&raw_commit, head.get(), GIT_OBJECT_COMMIT);
    git::ObjectPtr commit(raw_commit);
    if (rc < 0) {
      return util::Diagnostic{"", 0, "cannot read the HEAD commit of " + repo_path + ": " + git::libgit2_error(rc)};
    }
    head_tree = *git_commit_tree_id(reinterpret_cast<git_commit*>(commit.get()));
  } else if (rc != GIT_EUNBORNBRANCH && rc != GIT_ENOTFOUND) {
    return util::Diagnostic{"", 0, "cannot resolve HEAD of " + repo_path + ": " + git::libgit2_error(rc)};
  }

  std::unique_ptr<Source> source =
      std::make_unique<StagedSource>(std::move(repo), std::move(*index), head_tree, max_file_size, jobs);
  return source;
}

}  // namespace twilint::source
