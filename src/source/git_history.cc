#include "source/git_history.h"

#include <array>
#include <cassert>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "source/git_blob_loader.h"
#include "git/commit_walk.h"
#include "git/common.h"
#include "git/oid_set.h"
#include "git/tree_walk.h"
#include "util/sha256.h"

namespace twilint::source {
namespace {

// A ref that peels to a tree or a blob rather than a commit (e.g. a tag on a public key blob):
// its content is reachable, so it is scanned too, after the commits, without commit attribution.
struct ExtraRoot {
  std::string name;  // the ref's short name
  git_oid oid;
  git_object_t type;
};

class HistorySource final : public Source {
 public:
  HistorySource(git::RepoPtr repo, const HistoryOptions& options, std::vector<git_oid> tips,
                std::vector<git_oid> base_tips, std::vector<ExtraRoot> extras,
                std::vector<model::Skipped> ref_problems)
      : repo_(std::move(repo)),
        tips_(std::move(tips)),
        base_tips_(std::move(base_tips)),
        extras_(std::move(extras)),
        ref_problems_(std::move(ref_problems)),
        loader_(repo_.get(), options.max_file_size, options.jobs) {
    // The checkpoint describes a walk of every ref: a --branch or --range walk is another walk.
    if (options.branches.empty() && options.range.empty() && options.memory != nullptr) {
      memory_ = options.memory;
      resume_from_ = memory_->earlier_walk();
    }
  }

  // Said in the summary: what a range was taken to mean (e.g. a new branch's all-zero base).
  void add_notes(std::vector<std::string> notes) { notes_ = std::move(notes); }

  void enumerate(const std::function<void(Item&&)>& sink, model::ScanStats& stats) override;
  Loaded load(const Item& item) override { return loader_.load(item); }
  std::vector<std::string> parent_versions(const Item& item) override { return loader_.parent_versions(item); }

 private:
  git::RepoPtr repo_;
  std::vector<git_oid> tips_;       // commits whose history is scanned
  std::vector<git_oid> base_tips_;  // a range's A side: its history is known, not reported
  std::vector<ExtraRoot> extras_;
  std::vector<model::Skipped> ref_problems_;
  std::vector<std::string> notes_;
  BlobLoader loader_;
  git::OidSet mark_base_seen(git::TreeWalker& walker, git::OidSet& shallow, model::ScanStats& stats);
  size_t replay(git::TreeWalker& walker, const std::function<void(Item&&)>& sink, model::ScanStats& stats,
                HistoryCheckpoint& record);
  void walk_commits(const std::vector<git_oid>& order, size_t first, git::TreeWalker& walker,
                    const std::function<void(Item&&)>& sink, model::ScanStats& stats, HistoryCheckpoint& record);
  void walk_extras(git::TreeWalker& walker, const std::function<void(Item&&)>& sink);

  WalkMemory* memory_ = nullptr;  // set: this walk is recorded
  const HistoryCheckpoint* resume_from_ = nullptr;
};

// The raw ids of `order`, concatenated: what HistoryCheckpoint::commit_digest hashes.
std::string raw_ids(const std::vector<git_oid>& order) {
  std::string ids;
  ids.reserve(order.size() * GIT_OID_RAWSZ);
  for (const git_oid& id : order) ids.append(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
  return ids;
}

std::string digest(std::string_view bytes) {
  std::array<uint8_t, 32> hash = util::sha256(bytes);
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

// True when `order` starts with exactly the commits `checkpoint` walked, in the same order.
bool starts_with(const std::string& order_ids, const HistoryCheckpoint& checkpoint) {
  if (checkpoint.commit_count > order_ids.size() / GIT_OID_RAWSZ) return false;
  return digest(std::string_view(order_ids).substr(0, checkpoint.commit_count * GIT_OID_RAWSZ)) ==
         checkpoint.commit_digest;
}

void HistorySource::enumerate(const std::function<void(Item&&)>& sink, model::ScanStats& stats) {
  for (model::Skipped& problem : ref_problems_) stats.skipped.push_back(std::move(problem));
  ref_problems_.clear();
  stats.notes.insert(stats.notes.end(), notes_.begin(), notes_.end());
  git_repository* repo = repo_.get();
  stats.shallow = git_repository_is_shallow(repo) == 1;
  git_odb* raw_odb = nullptr;
  int rc = git_repository_odb(&raw_odb, repo);
  git::OdbPtr odb(raw_odb);
  if (rc < 0) {
    stats.skipped.push_back(
        model::Skipped{git_repository_path(repo), "cannot open the object database: " + git::libgit2_error(rc), true});
    return;
  }
  git::OidSet shallow = git::read_shallow_commits(repo);
  std::unique_ptr<git::ObjectReader> reader;
#if TWILINT_FAST_ODB
  reader = std::make_unique<git::ObjectReader>(loader_.object_store(), kTreeReaderCacheBytes);
#endif
  git::TreeWalker walker(odb.get(), reader.get(), stats);
  git::OidSet base_commits = mark_base_seen(walker, shallow, stats);

  git::CommitWalkOptions walk_options;
  walk_options.shallow = &shallow;
  walk_options.stop = base_tips_.empty() ? nullptr : &base_commits;
  std::vector<git_oid> order = git::commits_parents_first(repo, tips_, walk_options, stats);
  std::string order_ids;
  if (resume_from_ != nullptr || memory_ != nullptr) order_ids = raw_ids(order);
  HistoryCheckpoint record;
  const size_t notes_before = stats.notes.size();
  size_t first_new = 0;
  if (resume_from_ != nullptr && starts_with(order_ids, *resume_from_)) first_new = replay(walker, sink, stats, record);
  walk_commits(order, first_new, walker, sink, stats, record);
  if (memory_ != nullptr) {
    record.commit_count = order.size();
    record.commit_digest = digest(order_ids);
    walker.save_seen(record.seen_trees, record.seen_blobs, record.noted_submodules);
    record.notes.assign(stats.notes.begin() + static_cast<std::ptrdiff_t>(notes_before), stats.notes.end());
    memory_->record_walk(std::move(record));
  }
  walk_extras(walker, sink);
}

// A range: everything in A's history is known already. Marking A's trees and blobs as seen first
// means a blob that existed anywhere in A is not reported again, even if B re-adds it. Returns A's
// commits, where the walk of B stops.
git::OidSet HistorySource::mark_base_seen(git::TreeWalker& walker, git::OidSet& shallow, model::ScanStats& stats) {
  git::OidSet base_commits;
  if (base_tips_.empty()) return base_commits;
  git::CommitWalkOptions base_options;
  base_options.shallow = &shallow;
  base_options.missing_is_error = false;
  std::vector<git_oid> base = git::commits_parents_first(repo_.get(), base_tips_, base_options, stats);
  walker.set_errors_are_notes(true);
  const git::TreeWalker::BlobSink ignore = [](const std::string&, const git_oid&) {};
  for (const git_oid& id : base) {
    base_commits.insert(id);
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo_.get(), &id) < 0) continue;  // noted by the commit walk
    git::CommitPtr commit(raw);
    walker.walk(*git_commit_tree_id(commit.get()), "commit " + git::oid_hex(id).substr(0, 12), ignore);
  }
  walker.set_errors_are_notes(false);
  return base_commits;
}

// The commits an earlier walk already covered: its state instead of walking them again, its kept
// blobs handed out as replayed items. Returns how many commits of the order it covers.
size_t HistorySource::replay(git::TreeWalker& walker, const std::function<void(Item&&)>& sink,
                             model::ScanStats& stats, HistoryCheckpoint& record) {
  const HistoryCheckpoint& done = *resume_from_;
  walker.restore_seen(done.seen_trees, done.seen_blobs, done.noted_submodules);
  stats.notes.insert(stats.notes.end(), done.notes.begin(), done.notes.end());
  stats.commits_scanned += done.commit_count;
  stats.add_blob_counts(done.blob_stats);
  // Those blobs were scanned by an earlier run: the summary says how much came from the cache.
  stats.bytes_from_cache += done.blob_stats.bytes_scanned - done.blob_stats.bytes_from_cache;
  for (const WalkedBlob& blob : done.blobs) {
    assert(blob.commit < done.commits.size());
    if (blob.commit >= done.commits.size()) continue;
    Item item;
    item.origin.path = blob.path;
    item.origin.relative = blob.path;
    item.origin.commit = done.commits[blob.commit];
    item.locator = blob.blob;
    item.replayed = true;
    sink(std::move(item));
  }
  if (memory_ != nullptr) {
    record.commits = done.commits;
    record.blobs = done.blobs;
    record.blob_stats = done.blob_stats;
  }
  return static_cast<size_t>(done.commit_count);
}

// Each commit of `order` from `first`: the blobs its tree adds to what the walk has seen.
void HistorySource::walk_commits(const std::vector<git_oid>& order, size_t first, git::TreeWalker& walker,
                                 const std::function<void(Item&&)>& sink, model::ScanStats& stats,
                                 HistoryCheckpoint& record) {
  for (size_t i = first; i < order.size(); ++i) {
    const git_oid& id = order[i];
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo_.get(), &id) < 0) continue;  // reported by the commit walk
    git::CommitPtr commit(raw);
    ++stats.commits_scanned;
    std::optional<model::CommitInfo> info;  // built on the first new blob only
    uint32_t recorded_commit = 0;
    walker.walk(*git_commit_tree_id(commit.get()), "commit " + git::oid_hex(id).substr(0, 12),
                [&](const std::string& path, const git_oid& blob) {
                  if (!info) {
                    info = git::commit_info(commit.get());
                    if (memory_ != nullptr) {
                      recorded_commit = static_cast<uint32_t>(record.commits.size());
                      record.commits.push_back(*info);
                    }
                  }
                  Item item;
                  item.origin.path = path;
                  item.origin.relative = path;
                  item.origin.commit = info;
                  item.locator = git::oid_hex(blob);
                  if (memory_ != nullptr) record.blobs.push_back(WalkedBlob{item.locator, path, recorded_commit});
                  sink(std::move(item));
                });
  }
}

// The blobs only a tree or blob ref reaches (not part of the checkpoint).
void HistorySource::walk_extras(git::TreeWalker& walker, const std::function<void(Item&&)>& sink) {
  for (const ExtraRoot& extra : extras_) {
    auto emit = [&](const std::string& relative, const std::string& display, const git_oid& blob) {
      Item item;
      item.origin.path = display;
      item.origin.relative = relative;
      item.locator = git::oid_hex(blob);
      sink(std::move(item));
    };
    if (extra.type == GIT_OBJECT_BLOB) {
      if (walker.mark_blob(extra.oid)) emit(extra.name, extra.name, extra.oid);
    } else {
      walker.walk(extra.oid, "ref " + extra.name, [&](const std::string& path, const git_oid& blob) {
        emit(path, extra.name + ":" + path, blob);
      });
    }
  }
}

// Resolves `spec` to a commit id; nullopt when it names nothing or something that is not a commit.
std::optional<git_oid> resolve_commit(git_repository* repo, const std::string& spec) {
  if (spec.empty()) return std::nullopt;
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo, spec.c_str()) < 0) return std::nullopt;
  git::ObjectPtr object(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0) return std::nullopt;
  git::ObjectPtr commit(peeled);
  return *git_object_id(commit.get());
}

// Every ref (branches, tags, remote-tracking, notes, stash...) and a detached HEAD.
void collect_all_refs(git_repository* repo, std::vector<git_oid>& tips, std::vector<ExtraRoot>& extras,
                      std::vector<model::Skipped>& problems) {
  git_reference_iterator* raw_iter = nullptr;
  int rc = git_reference_iterator_new(&raw_iter, repo);
  git::RefIteratorPtr iter(raw_iter);
  if (rc < 0) {
    problems.push_back(model::Skipped{"refs", "cannot list refs: " + git::libgit2_error(rc), true});
  } else {
    for (;;) {
      git_reference* raw_ref = nullptr;
      rc = git_reference_next(&raw_ref, iter.get());
      if (rc == GIT_ITEROVER) break;
      if (rc < 0) {
        problems.push_back(model::Skipped{"refs", "cannot read refs: " + git::libgit2_error(rc), true});
        break;
      }
      git::ReferencePtr ref(raw_ref);
      std::string name = git_reference_name(ref.get());
      if (git_reference_type(ref.get()) == GIT_REFERENCE_SYMBOLIC) continue;  // its target is listed too
      git_object* raw_target = nullptr;
      rc = git_reference_peel(&raw_target, ref.get(), GIT_OBJECT_ANY);
      git::ObjectPtr target(raw_target);
      if (rc < 0) {
        problems.push_back(model::Skipped{name, "cannot resolve ref: " + git::libgit2_error(rc), true});
        continue;
      }
      git_object_t type = git_object_type(target.get());
      if (type == GIT_OBJECT_COMMIT) {
        tips.push_back(*git_object_id(target.get()));
      } else if (type == GIT_OBJECT_TREE || type == GIT_OBJECT_BLOB) {
        extras.push_back(ExtraRoot{git_reference_shorthand(ref.get()), *git_object_id(target.get()), type});
      }
    }
  }
  // A detached HEAD is reachable from no ref; an unborn HEAD has no commits yet.
  git_reference* raw_head = nullptr;
  if (git_repository_head(&raw_head, repo) == 0) {
    git::ReferencePtr head(raw_head);
    git_object* raw_commit = nullptr;
    if (git_reference_peel(&raw_commit, head.get(), GIT_OBJECT_COMMIT) == 0) {
      git::ObjectPtr commit(raw_commit);
      tips.push_back(*git_object_id(commit.get()));
    }
  }
}

// True for git's "no commit" id: what GitHub sends as github.event.before for a new branch.
bool is_zero_id(const std::string& spec) {
  return spec.size() >= 7 && spec.find_first_not_of('0') == std::string::npos;
}

bool looks_like_commit_id(const std::string& spec) {
  return spec.size() >= 7 && spec.size() <= 64 && spec.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

// Why `revision` (given to `flag`) resolves to no commit, with what to do about it: in a shallow
// clone a missing commit is usually just outside the fetched history.
util::Diagnostic unresolved(git_repository* repo, const std::string& revision, const std::string& flag) {
  std::string message = "invalid revision '" + revision + "' in " + flag;
  if (looks_like_commit_id(revision)) {
    message = "commit " + revision + " (" + flag + ") is not in this repository";
    if (git_repository_is_shallow(repo) == 1) {
      message += ": it is a shallow clone; fetch more history (actions/checkout `fetch-depth: 0`, "
                 "GitLab `GIT_DEPTH: 0`, or `git fetch --deepen=N` / `git fetch --unshallow`)";
    } else {
      message += "; fetch it first (git fetch origin " + revision + ")";
    }
  }
  return util::Diagnostic{"", 0, message};
}

// The commits a new branch brings: every ref's commit except B's own (the branch and its
// remote-tracking twin point at B) is the base. With no other ref, the whole history of B.
void new_branch_base(git_repository* repo, const git_oid& to, const std::string& flag, std::vector<git_oid>& base_tips,
                     std::vector<std::string>& notes) {
  std::vector<git_oid> all;
  std::vector<ExtraRoot> extras;
  std::vector<model::Skipped> problems;  // reported by a full walk; here they only shrink the base
  collect_all_refs(repo, all, extras, problems);
  for (const git_oid& tip : all) {
    if (git_oid_equal(&tip, &to) == 0) base_tips.push_back(tip);
  }
  std::string head = git::oid_hex(to).substr(0, 12);
  if (base_tips.empty()) {
    notes.push_back(flag + " is the all-zero id (a new branch) and no other ref exists: scanned the whole history of " + head);
  } else {
    notes.push_back(flag + " is the all-zero id (a new branch): scanned the commits of " + head +
                    " that no other ref reaches (" + std::to_string(base_tips.size()) + " other ref tips)");
  }
}

// "A..B": what B has that A does not. An empty side means HEAD, as in git; an all-zero A (a new
// branch on CI) means "what no other ref has".
void resolve_range(git_repository* repo, const HistoryOptions& options, std::vector<git_oid>& tips,
                   std::vector<git_oid>& base_tips, std::vector<std::string>& notes, util::Diagnostics& errors) {
  const std::string& range = options.range;
  const std::string& flag = options.range_flag;
  if (auto bad = check_range_syntax(range, flag)) {
    errors.push_back(std::move(*bad));
    return;
  }
  size_t dots = range.find("..");
  std::string from = range.substr(0, dots);
  std::string to = range.substr(dots + 2);
  if (from.empty()) from = "HEAD";
  if (to.empty()) to = "HEAD";
  std::optional<git_oid> b = resolve_commit(repo, to);
  if (!b) {
    errors.push_back(unresolved(repo, to, flag));
    return;
  }
  tips.push_back(*b);
  if (is_zero_id(from)) {
    new_branch_base(repo, *b, flag, base_tips, notes);
    return;
  }
  std::optional<git_oid> a = resolve_commit(repo, from);
  if (!a) {
    errors.push_back(unresolved(repo, from, flag));
    return;
  }
  base_tips.push_back(*a);
}

}  // namespace

std::optional<util::Diagnostic> check_range_syntax(const std::string& range, const std::string& flag) {
  if (range.empty()) return std::nullopt;
  size_t dots = range.find("..");
  if (dots != std::string::npos && range.compare(dots, 3, "...") != 0) return std::nullopt;
  return util::Diagnostic{"", 0, "invalid range '" + range + "' in " + flag + ": expected A..B"};
}

util::Expected<std::unique_ptr<Source>> open_history(const HistoryOptions& options) {
  util::Expected<git::RepoPtr> opened = git::open_repository(options.repo);
  if (!opened) return opened.errors();
  git::RepoPtr repo = std::move(*opened);

  std::vector<git_oid> tips;
  std::vector<git_oid> base_tips;
  std::vector<ExtraRoot> extras;
  std::vector<model::Skipped> problems;
  util::Diagnostics errors;
  std::vector<std::string> notes;

  if (!options.range.empty()) {
    resolve_range(repo.get(), options, tips, base_tips, notes, errors);
  } else if (!options.branches.empty()) {
    for (const std::string& branch : options.branches) {
      std::optional<git_oid> tip = resolve_commit(repo.get(), branch);
      if (tip) {
        tips.push_back(*tip);
      } else {
        errors.push_back(unresolved(repo.get(), branch, "--branch"));
      }
    }
  } else {
    collect_all_refs(repo.get(), tips, extras, problems);
  }
  if (!errors.empty()) return errors;

  auto source = std::make_unique<HistorySource>(std::move(repo), options, std::move(tips), std::move(base_tips),
                                               std::move(extras), std::move(problems));
  source->add_notes(std::move(notes));
  return std::unique_ptr<Source>(std::move(source));
}

}  // namespace twilint::source
