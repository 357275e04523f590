// Finds the blobs a tree adds to what has been seen so far. Trees and blobs already seen are
// skipped whole, so walking every commit of a history costs O(unique objects), not
// O(commits x files). Trees are parsed straight from the object database (no libgit2 tree
// objects, no per-entry allocation).
#pragma once

#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "model/stats.h"
#include "git/common.h"
#include "git/object_reader.h"
#include "git/oid_set.h"

namespace twilint::git {

class TreeWalker {
 public:
  // Called for each blob (regular or executable file) not seen before, with its '/'-separated
  // path inside the walked tree.
  using BlobSink = std::function<void(const std::string& path, const git_oid& blob)>;

  // `odb` (and `reader`, the fast path, may be null) must outlive the walker; they are used from
  // the calling thread only. What `reader` cannot read is read through `odb`.
  TreeWalker(git_odb* odb, ObjectReader* reader, model::ScanStats& stats) : odb_(odb), reader_(reader), stats_(stats) {}

  // Walks `tree` (the root tree of `context`, e.g. "commit 1a2b3c4"), calling `sink` for every
  // new blob and marking every tree and blob under it as seen. Symlinks are skipped; each
  // submodule path is noted once ("submodule PATH skipped"). A missing or corrupt tree is
  // recorded in stats.skipped (error=true, or a note when `errors_are_notes`) and passed over.
  void walk(const git_oid& tree, const std::string& context, const BlobSink& sink);

  // Marks a blob as seen; true when it was new.
  bool mark_blob(const git_oid& blob) { return seen_blobs_.insert(blob); }

  // Problems in what is walked become stats.notes instead of errors (a range's base history).
  void set_errors_are_notes(bool notes) { errors_are_notes_ = notes; }

  // What the walker has seen so far: tree and blob ids (raw 20-byte ids appended to `trees` and
  // `blobs`, in no order) and the submodule paths already noted.
  void save_seen(std::string& trees, std::string& blobs, std::vector<std::string>& submodules) const;
  // Marks everything save_seen gave (possibly by another walker of the same repository) as seen,
  // so later walks behave as if the walks that produced it had been made by this walker.
  // Requires: `trees` and `blobs` hold whole 20-byte ids.
  void restore_seen(std::string_view trees, std::string_view blobs, const std::vector<std::string>& submodules);

 private:
  void report(const std::string& path, const std::string& reason);
  // Reads tree `oid` into `data`; on failure reports it (at `where`) and returns false.
  bool read_tree(const git_oid& oid, const std::string& where, const std::string& context, std::string& data);

  git_odb* odb_;
  ObjectReader* reader_;
  model::ScanStats& stats_;
  OidSet seen_trees_;
  OidSet seen_blobs_;
  std::unordered_set<std::string> noted_submodules_;
  bool errors_are_notes_ = false;
};

}  // namespace twilint::git
