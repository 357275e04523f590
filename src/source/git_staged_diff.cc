#include "source/git_staged_diff.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "git/oid_set.h"
#include "git/tree_parse.h"

namespace twilint::source {
namespace {

// Bounds on rename detection, so a huge reorganisation cannot make the hook slow: past them a
// file counts as wholly new (more findings reported, none missed).
constexpr size_t kMaxDeletedForRenames = 200000;
constexpr size_t kMaxRenameCandidatesPerFile = 16;
constexpr size_t kMaxRenameDiffs = 256;

std::string join(std::string_view dir, std::string_view name) {
  std::string path;
  path.reserve(dir.size() + 1 + name.size());
  if (!dir.empty()) path.append(dir).append(1, '/');
  path.append(name);
  return path;
}

bool is_type(unsigned mode, unsigned type) { return (mode & git::kModeTypeMask) == type; }

struct Change {
  uint32_t entry = 0;             // index into git::IndexSnapshot::entries
  std::optional<git_oid> old_blob;  // set: modified from this HEAD blob; unset: added
};

struct Deleted {
  std::string path;
  git_oid oid;
};

class Differ {
 public:
  Differ(git_odb* odb, const git::IndexSnapshot& index, model::ScanStats& stats) : odb_(odb), index_(index), stats_(stats) {
    std::string_view last_conflict;
    for (uint32_t i = 0; i < index.entries.size(); ++i) {
      const git::IndexEntry& e = index.entries[i];
      if (e.stage != 0) {
        std::string_view path = index.path(e);
        if (path != last_conflict) stats.notes.push_back(std::string(path) + " has unresolved merge conflicts and was not scanned");
        last_conflict = path;
        continue;
      }
      if (!e.intent_to_add) live_.push_back(i);  // `git add -N` stages no content yet
    }
  }

  void run(const std::optional<git_oid>& head_tree) {
    compare("", head_tree, 0, live_.size(), index_.cache_tree.root());
  }

  std::vector<Change> changes;
  std::vector<Deleted> deleted;

 private:
  std::string_view path_at(size_t k) const { return index_.path(index_.entries[live_[k]]); }

  void add_new(size_t k) {
    const git::IndexEntry& e = index_.entries[live_[k]];
    if (is_type(e.mode, git::kModeRegular)) {
      changes.push_back(Change{live_[k], std::nullopt});
    } else if (is_type(e.mode, git::kModeGitlink)) {
      note_submodule(index_.path(e));
    }
  }

  void note_submodule(std::string_view path) { stats_.notes.push_back("submodule " + std::string(path) + " skipped"); }

  // Reads a HEAD tree; on failure records it and returns null (its content then counts as new).
  git::OdbObjectPtr read_tree(const std::string& dir, const git_oid& oid) {
    git_odb_object* raw = nullptr;
    int rc = git_odb_read(&raw, odb_, &oid);
    git::OdbObjectPtr object(raw);
    if (rc < 0 || git_odb_object_type(raw) != GIT_OBJECT_TREE) {
      stats_.skipped.push_back(model::Skipped{
          dir.empty() ? "HEAD" : dir,
          "cannot read HEAD tree " + git::oid_hex(oid) + (rc < 0 ? ": " + git::libgit2_error(rc) : ": not a tree") +
              "; everything staged under it is scanned as new",
          true});
      return nullptr;
    }
    return object;
  }

  // Compares live entries [lo, hi) — all under `dir` — with HEAD's tree for `dir` (if any).
  // `cache_node` is dir's cache-tree node (git::CacheTree::kNoNode when not listed).
  void compare(const std::string& dir, const std::optional<git_oid>& head, size_t lo, size_t hi, uint32_t cache_node) {
    if (head) {
      std::optional<git_oid> cached = index_.cache_tree.tree_of(cache_node);
      if (cached && git_oid_equal(&*cached, &*head)) return;  // unchanged
    }
    // dir's cache-tree children by name, built on the first subdirectory met.
    std::optional<std::unordered_map<std::string_view, uint32_t>> cache_children;
    auto cache_child = [&](std::string_view name) {
      if (!cache_children) {
        cache_children.emplace();
        index_.cache_tree.for_each_child(cache_node, [&](std::string_view n, uint32_t c) { cache_children->emplace(n, c); });
      }
      auto it = cache_children->find(name);
      return it == cache_children->end() ? git::CacheTree::kNoNode : it->second;
    };
    git::OdbObjectPtr tree = head ? read_tree(dir, *head) : nullptr;
    if (tree == nullptr) {
      for (size_t k = lo; k < hi; ++k) add_new(k);
      return;
    }
    const char* data = static_cast<const char*>(git_odb_object_data(tree.get()));
    size_t size = git_odb_object_size(tree.get());
    std::vector<git::TreeEntry> heads;
    for (size_t pos = 0; pos < size;) {
      git::TreeEntry entry;
      if (!git::next_tree_entry(data, size, pos, entry)) {
        stats_.skipped.push_back(model::Skipped{dir.empty() ? "HEAD" : dir, "HEAD tree is corrupt; the rest of it was ignored", true});
        break;
      }
      heads.push_back(entry);
    }
    std::unordered_map<std::string_view, size_t> by_name;
    by_name.reserve(heads.size() * 2);
    for (size_t i = 0; i < heads.size(); ++i) by_name.emplace(heads[i].name, i);
    std::vector<bool> matched(heads.size(), false);
    auto lookup = [&](std::string_view name) -> const git::TreeEntry* {
      auto it = by_name.find(name);
      return it == by_name.end() ? nullptr : &heads[it->second];
    };

    const size_t prefix = dir.empty() ? 0 : dir.size() + 1;
    for (size_t k = lo; k < hi;) {
      std::string_view rel = path_at(k).substr(prefix);
      size_t slash = rel.find('/');
      if (slash != std::string_view::npos) {
        // Everything under the subdirectory `name/` is contiguous in index order.
        std::string_view with_slash = rel.substr(0, slash + 1);
        size_t m = k + 1;
        while (m < hi && path_at(m).substr(prefix).substr(0, slash + 1) == with_slash) ++m;
        std::string_view name = rel.substr(0, slash);
        const git::TreeEntry* h = lookup(name);
        std::string sub = join(dir, name);
        if (h != nullptr && is_type(h->mode, git::kModeTree)) {
          matched[static_cast<size_t>(h - heads.data())] = true;
          compare(sub, h->oid, k, m, cache_child(name));
        } else {
          compare(sub, std::nullopt, k, m, git::CacheTree::kNoNode);
        }
        k = m;
        continue;
      }
      const git::IndexEntry& e = index_.entries[live_[k]];
      const git::TreeEntry* h = lookup(rel);
      bool same_type = h != nullptr && (h->mode & git::kModeTypeMask) == (e.mode & git::kModeTypeMask);
      if (same_type) matched[static_cast<size_t>(h - heads.data())] = true;
      bool same_content = same_type && git_oid_equal(&h->oid, &e.oid);
      if (is_type(e.mode, git::kModeRegular)) {
        if (!same_type) {
          changes.push_back(Change{live_[k], std::nullopt});
        } else if (!same_content) {
          changes.push_back(Change{live_[k], h->oid});
        }
      } else if (is_type(e.mode, git::kModeGitlink) && !same_content) {
        note_submodule(index_.path(e));
      }
      ++k;
    }
    for (size_t i = 0; i < heads.size(); ++i) {
      if (matched[i]) continue;
      if (is_type(heads[i].mode, git::kModeRegular)) {
        remember_deleted(join(dir, heads[i].name), heads[i].oid);
      } else if (is_type(heads[i].mode, git::kModeTree)) {
        collect_deleted(join(dir, heads[i].name), heads[i].oid);
      }
    }
  }

  void remember_deleted(std::string path, const git_oid& oid) {
    if (deleted.size() < kMaxDeletedForRenames) deleted.push_back(Deleted{std::move(path), oid});
  }

  // A directory removed (or moved) by the change: its files are rename sources.
  void collect_deleted(const std::string& root, const git_oid& root_oid) {
    std::vector<std::pair<std::string, git_oid>> stack{{root, root_oid}};
    while (!stack.empty() && deleted.size() < kMaxDeletedForRenames) {
      auto [dir, oid] = std::move(stack.back());
      stack.pop_back();
      git_odb_object* raw = nullptr;
      if (git_odb_read(&raw, odb_, &oid) < 0) continue;  // only rename hints are lost
      git::OdbObjectPtr tree(raw);
      if (git_odb_object_type(raw) != GIT_OBJECT_TREE) continue;
      const char* data = static_cast<const char*>(git_odb_object_data(raw));
      size_t size = git_odb_object_size(raw);
      git::TreeEntry entry;
      for (size_t pos = 0; pos < size && git::next_tree_entry(data, size, pos, entry);) {
        if (is_type(entry.mode, git::kModeRegular)) {
          remember_deleted(join(dir, entry.name), entry.oid);
        } else if (is_type(entry.mode, git::kModeTree)) {
          stack.emplace_back(join(dir, entry.name), entry.oid);
        }
      }
    }
  }

  git_odb* odb_;
  const git::IndexSnapshot& index_;
  model::ScanStats& stats_;
  std::vector<uint32_t> live_;  // stage-0 entries with content
};

std::string_view basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view extension(std::string_view path) {
  std::string_view base = basename(path);
  size_t dot = base.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : base.substr(dot);
}

int64_t line_count(std::optional<std::vector<LineRange>>& ranges) {
  int64_t n = 0;
  for (const LineRange& r : *ranges) n += r.last - r.first + 1;
  return n;
}

// Lines in a blob (a last line without a newline counts); -1 when it cannot be read.
int64_t blob_lines(git_repository* repo, const git_oid& oid) {
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, &oid) < 0) return -1;
  git::Libgit2Ptr<git_blob, git_blob_free> blob(raw);
  const char* data = static_cast<const char*>(git_blob_rawcontent(raw));
  size_t size = static_cast<size_t>(git_blob_rawsize(raw));
  int64_t lines = std::count(data, data + size, '\n');
  if (size > 0 && data[size - 1] != '\n') ++lines;
  return lines;
}

}  // namespace

std::optional<std::vector<LineRange>> added_line_ranges(git_repository* repo, const git_oid& old_blob,
                                                        const git_oid& new_blob, uint64_t max_file_size) {
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo) < 0) return std::nullopt;
  git::OdbPtr odb(raw_odb);
  for (const git_oid* oid : {&old_blob, &new_blob}) {
    size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, odb.get(), oid) < 0 || size > max_file_size) return std::nullopt;
  }
  git_blob* raw_old = nullptr;
  git_blob* raw_new = nullptr;
  if (git_blob_lookup(&raw_old, repo, &old_blob) < 0) return std::nullopt;
  git::Libgit2Ptr<git_blob, git_blob_free> old_owner(raw_old);
  if (git_blob_lookup(&raw_new, repo, &new_blob) < 0) return std::nullopt;
  git::Libgit2Ptr<git_blob, git_blob_free> new_owner(raw_new);

  git_diff_options options;
  git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
  options.context_lines = 0;
  options.interhunk_lines = 0;
  options.max_size = static_cast<git_off_t>(max_file_size);
  // From buffers, not blobs: with a repository at hand libgit2 would look up .gitattributes for a
  // diff driver, which loads the whole index (tens of milliseconds in a large repository).
  git_patch* raw_patch = nullptr;
  if (git_patch_from_buffers(&raw_patch, git_blob_rawcontent(raw_old), static_cast<size_t>(git_blob_rawsize(raw_old)),
                             nullptr, git_blob_rawcontent(raw_new), static_cast<size_t>(git_blob_rawsize(raw_new)),
                             nullptr, &options) < 0) {
    return std::nullopt;
  }
  git::PatchPtr patch(raw_patch);
  if (patch == nullptr) return std::vector<LineRange>{};
  if (git_patch_get_delta(patch.get())->flags & GIT_DIFF_FLAG_BINARY) return std::nullopt;
  // With zero context every hunk's new-side range is made of added lines only.
  std::vector<LineRange> ranges;
  size_t hunks = git_patch_num_hunks(patch.get());
  for (size_t h = 0; h < hunks; ++h) {
    const git_diff_hunk* hunk = nullptr;
    if (git_patch_get_hunk(&hunk, nullptr, patch.get(), h) < 0 || hunk == nullptr || hunk->new_lines <= 0) continue;
    LineRange range{hunk->new_start, hunk->new_start + hunk->new_lines - 1};
    if (!ranges.empty() && ranges.back().last + 1 >= range.first) {
      ranges.back().last = std::max(ranges.back().last, range.last);
    } else {
      ranges.push_back(range);
    }
  }
  return ranges;
}

std::vector<StagedFile> staged_files(git_repository* repo, const git::IndexSnapshot& index,
                                     const std::optional<git_oid>& head_tree, uint64_t max_file_size,
                                     model::ScanStats& stats) {
  std::vector<StagedFile> files;
  git_odb* raw_odb = nullptr;
  int rc = git_repository_odb(&raw_odb, repo);
  git::OdbPtr odb(raw_odb);
  if (rc < 0) {
    stats.skipped.push_back(model::Skipped{"index", "cannot open the object database: " + git::libgit2_error(rc), true});
    return files;
  }
  Differ differ(odb.get(), index, stats);
  differ.run(head_tree);

  git::OidMap<uint32_t> deleted_by_oid;
  for (uint32_t i = 0; i < differ.deleted.size(); ++i) deleted_by_oid.insert(differ.deleted[i].oid, i);
  size_t rename_diffs = 0;

  for (const Change& change : differ.changes) {
    const git::IndexEntry& e = index.entries[change.entry];
    StagedFile file;
    file.path = std::string(index.path(e));
    file.oid = e.oid;
    file.size = e.file_size;
    if (change.old_blob) {
      file.only_lines = added_line_ranges(repo, *change.old_blob, e.oid, max_file_size);
      if (file.only_lines && file.only_lines->empty()) continue;  // only deletions
    } else if (!differ.deleted.empty()) {
      // An added file may be a deleted one moved: exactly (nothing new) or with edits (only
      // the edits are new), judged like git's default rename detection (>= 50% similar).
      if (deleted_by_oid.contains(e.oid)) continue;
      std::vector<const Deleted*> candidates;
      for (const Deleted& d : differ.deleted) candidates.push_back(&d);
      std::string_view base = basename(file.path);
      std::string_view ext = extension(file.path);
      auto score = [&](const Deleted* d) {
        return (basename(d->path) == base ? 2 : 0) + (!ext.empty() && extension(d->path) == ext ? 1 : 0);
      };
      size_t take = std::min(candidates.size(), kMaxRenameCandidatesPerFile);
      std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(take), candidates.end(),
                        [&](const Deleted* a, const Deleted* b) { return score(a) > score(b); });
      int64_t total = -1;
      std::optional<std::vector<LineRange>> best;
      int64_t best_added = -1;
      for (size_t c = 0; c < take && rename_diffs < kMaxRenameDiffs; ++c, ++rename_diffs) {
        std::optional<std::vector<LineRange>> ranges = added_line_ranges(repo, candidates[c]->oid, e.oid, max_file_size);
        if (!ranges) continue;
        int64_t added = line_count(ranges);
        if (best_added < 0 || added < best_added) {
          best_added = added;
          best = std::move(ranges);
        }
      }
      if (best) {
        total = blob_lines(repo, e.oid);
        if (total > 0 && best_added * 2 <= total) {
          if (best->empty()) continue;
          file.only_lines = std::move(best);
        }
      }
    }
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace twilint::source
