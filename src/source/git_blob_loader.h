// Source::load() for git sources: reads one blob by id, from any number of worker threads at
// once. Nothing mutable is shared between threads: a fixed set of workers — each an object reader
// with its own delta-base cache, plus a libgit2 handle for what that reader leaves to libgit2 —
// is shared out by path, one thread at a time per worker. Versions of the same file are stored as
// deltas of each other, so routing them to the same worker lets it find their bases in its cache
// whichever thread asks; there are several workers per thread so that threads rarely wait.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "git/common.h"
#include "git/object_reader.h"
#include "source/source.h"

namespace twilint::source {

class BlobLoader {
 public:
  // `repo` is the repository the items come from (only its paths are kept); blobs larger than
  // `max_file_size` are reported as skipped without being read. `jobs` is how many threads the
  // scan loads from (0 = all cores): the loader keeps a few readers per thread.
  BlobLoader(git_repository* repo, uint64_t max_file_size, unsigned jobs = 0);

  // Reads the blob whose 40-hex id is item.locator. A blob above the size limit is
  // skipped {path, "larger than max file size", error=false}; a missing or unreadable object
  // (partial clone, corrupt repository) is skipped with error=true and the cause.
  Loaded load(const Item& item);

  // Source::parent_versions for an item whose origin.commit is set (see source.h).
  std::vector<std::string> parent_versions(const Item& item);

  // The object store the workers read from (null when the fast reader is not built in), for
  // the enumeration to share rather than map the packs a second time.
  const std::shared_ptr<const git::ObjectStore>& object_store() const { return store_; }

 private:
  struct Worker {
    std::mutex mutex;
    std::unique_ptr<git::ObjectReader> reader;  // null when the fast reader is not built in
    git::RepoPtr repo;                          // opened on first need
  };
  // Locks and returns the worker for `path`.
  Worker& acquire(const std::string& path);
  // Reads blob `oid` (named `locator`, at item.origin.path) with the worker held.
  Loaded read_blob(Worker& worker, const Item& item, const git_oid& oid);
  Loaded load_with_libgit2(Worker& worker, const Item& item, const git_oid& oid);
  // The worker's own libgit2 handle, opened on first need; null (with `error` set) on failure.
  git_repository* worker_repo(Worker& worker, std::string* error);

  std::string git_dir_;
  uint64_t max_file_size_;
  std::shared_ptr<const git::ObjectStore> store_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

// Delta-base cache of the reader that walks trees during enumeration (trees are small).
inline constexpr size_t kTreeReaderCacheBytes = size_t{32} << 20;

}  // namespace twilint::source
