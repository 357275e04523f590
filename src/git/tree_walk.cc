#include "git/tree_walk.h"

#include <cassert>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "git/tree_parse.h"

namespace twilint::git {
namespace {

std::string join(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  std::string path;
  path.reserve(dir.size() + 1 + name.size());
  path.append(dir).append(1, '/').append(name);
  return path;
}

}  // namespace

void TreeWalker::report(const std::string& path, const std::string& reason) {
  if (errors_are_notes_) {
    stats_.notes.push_back(path + ": " + reason);
  } else {
    stats_.skipped.push_back(model::Skipped{path, reason, true});
  }
}

bool TreeWalker::read_tree(const git_oid& oid, const std::string& where, const std::string& context,
                           std::string& data) {
#if TWILINT_FAST_ODB
  if (reader_ != nullptr) {
    git_object_t type = GIT_OBJECT_INVALID;
    uint64_t size = 0;
    std::string error;
    if (reader_->read(oid, UINT64_MAX, &type, &data, &size, &error) == ObjectReader::Status::kOk &&
        type == GIT_OBJECT_TREE) {
      return true;
    }
  }
#endif
  // libgit2 has the last word, and the error message.
  git_odb_object* raw = nullptr;
  int rc = git_odb_read(&raw, odb_, &oid);
  OdbObjectPtr object(raw);
  if (rc < 0) {
    report(where, rc == GIT_ENOTFOUND ? "tree " + oid_hex(oid) + " in " + context +
                                            " is missing (partial clone or corrupt repository)"
                                      : "cannot read tree " + oid_hex(oid) + " in " + context + ": " +
                                            libgit2_error(rc));
    return false;
  }
  if (git_odb_object_type(raw) != GIT_OBJECT_TREE) {
    report(where, "object " + oid_hex(oid) + " in " + context + " is not a tree");
    return false;
  }
  data.assign(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw));
  return true;
}

void TreeWalker::walk(const git_oid& root, const std::string& context, const BlobSink& sink) {
  std::vector<std::pair<git_oid, std::string>> stack;
  if (seen_trees_.insert(root)) stack.emplace_back(root, std::string());
  std::vector<std::pair<git_oid, std::string>> subtrees;
  std::string tree_bytes;
  while (!stack.empty()) {
    auto [oid, dir] = std::move(stack.back());
    stack.pop_back();
    const std::string where = dir.empty() ? "root tree of " + context : dir;
    if (!read_tree(oid, where, context, tree_bytes)) continue;
    const char* data = tree_bytes.data();
    size_t size = tree_bytes.size();
    size_t pos = 0;
    TreeEntry entry;
    subtrees.clear();
    while (pos < size) {
      if (!next_tree_entry(data, size, pos, entry)) {
        report(where, "tree " + oid_hex(oid) + " in " + context + " is corrupt; the rest of it was skipped");
        break;
      }
      switch (entry.mode & kModeTypeMask) {
        case kModeTree:
          if (seen_trees_.insert(entry.oid)) subtrees.emplace_back(entry.oid, join(dir, entry.name));
          break;
        case kModeRegular:
          if (seen_blobs_.insert(entry.oid)) sink(join(dir, entry.name), entry.oid);
          break;
        case kModeGitlink: {
          std::string path = join(dir, entry.name);
          if (noted_submodules_.insert(path).second) stats_.notes.push_back("submodule " + path + " skipped");
          break;
        }
        case kModeSymlink:  // the blob is a link target, not file content
        default:
          break;
      }
    }
    // Reverse, so subtrees are visited in tree (name) order.
    for (auto it = subtrees.rbegin(); it != subtrees.rend(); ++it) stack.push_back(std::move(*it));
  }
}

void TreeWalker::save_seen(std::string& trees, std::string& blobs, std::vector<std::string>& submodules) const {
  auto append = [](const OidSet& set, std::string& out) {
    out.reserve(out.size() + set.size() * GIT_OID_RAWSZ);
    set.for_each([&](const git_oid& oid) { out.append(reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ); });
  };
  append(seen_trees_, trees);
  append(seen_blobs_, blobs);
  submodules.insert(submodules.end(), noted_submodules_.begin(), noted_submodules_.end());
}

void TreeWalker::restore_seen(std::string_view trees, std::string_view blobs,
                              const std::vector<std::string>& submodules) {
  auto insert = [](std::string_view ids, OidSet& set) {
    assert(ids.size() % GIT_OID_RAWSZ == 0);
    set.reserve(set.size() + ids.size() / GIT_OID_RAWSZ);
    git_oid oid;
    for (size_t pos = 0; pos + GIT_OID_RAWSZ <= ids.size(); pos += GIT_OID_RAWSZ) {
      std::memcpy(oid.id, ids.data() + pos, GIT_OID_RAWSZ);
      set.insert(oid);
    }
  };
  insert(trees, seen_trees_);
  insert(blobs, seen_blobs_);
  noted_submodules_.insert(submodules.begin(), submodules.end());
}

}  // namespace twilint::git
