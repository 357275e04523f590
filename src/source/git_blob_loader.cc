#include "source/git_blob_loader.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace twilint::source {
namespace {

// More workers than threads, so two threads rarely want the same worker at once, within bounds.
constexpr size_t kWorkersPerThread = 4;
constexpr size_t kMinWorkers = 4;
constexpr size_t kMaxWorkers = 64;
// Delta-base caches: a fixed total shared out among the workers, so memory stays bounded
// however many cores there are; each still holds the bases of the files routed to it.
constexpr size_t kTotalObjectCacheBytes = size_t{96} << 20;
constexpr size_t kMinWorkerCacheBytes = size_t{4} << 20;
constexpr size_t kMaxWorkerCacheBytes = size_t{48} << 20;

}  // namespace

BlobLoader::BlobLoader(git_repository* repo, uint64_t max_file_size, unsigned jobs)
    : git_dir_(git_repository_path(repo)), max_file_size_(max_file_size) {
  git::ensure_libgit2();
  const unsigned threads = jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
  size_t count = std::clamp<size_t>(kWorkersPerThread * threads, kMinWorkers, kMaxWorkers);
  for (size_t i = 0; i < count; ++i) workers_.push_back(std::make_unique<Worker>());
#if TWILINT_FAST_ODB
  store_ = git::ObjectStore::open(std::string(git_repository_commondir(repo)) + "objects");
  size_t cache_bytes = std::clamp(kTotalObjectCacheBytes / count, kMinWorkerCacheBytes, kMaxWorkerCacheBytes);
  // Readers are cheap until used: their caches fill only as they read.
  for (auto& worker : workers_) worker->reader = std::make_unique<git::ObjectReader>(store_, cache_bytes);
#endif
}

BlobLoader::Worker& BlobLoader::acquire(const std::string& path) {
  size_t preferred = std::hash<std::string>()(path) % workers_.size();
  Worker& worker = *workers_[preferred];
  worker.mutex.lock();
  return worker;
}

Loaded BlobLoader::load(const Item& item) {
  Loaded out;
  git_oid oid;
  if (!git::parse_oid_hex(item.locator, &oid)) {
    out.skipped = model::Skipped{item.origin.path, "invalid blob id '" + item.locator + "'", true};
    return out;
  }
  // `git add -N` records the empty blob without writing it to the object database.
  static const std::string kEmptyBlob = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
  if (item.locator == kEmptyBlob) return out;

  Worker& worker = acquire(item.origin.path);
  std::lock_guard<std::mutex> held(worker.mutex, std::adopt_lock);
  return read_blob(worker, item, oid);
}

std::vector<std::string> BlobLoader::parent_versions(const Item& item) {
  std::vector<std::string> versions;
  git_oid commit_id;
  if (!item.origin.commit || !git::parse_oid_hex(item.origin.commit->id, &commit_id)) return versions;
  // The same worker as load() for this path: the parent's version is usually the delta base of
  // this one, and that worker's cache holds it.
  Worker& worker = acquire(item.origin.path);
  std::lock_guard<std::mutex> held(worker.mutex, std::adopt_lock);
  std::string error;
  git_repository* repo = worker_repo(worker, &error);
  git_commit* raw_commit = nullptr;
  if (repo == nullptr || git_commit_lookup(&raw_commit, repo, &commit_id) < 0) return versions;
  git::CommitPtr commit(raw_commit);
  const unsigned parents = git_commit_parentcount(commit.get());
  for (unsigned i = 0; i < parents; ++i) {
    // A parent missing from the object database (a shallow clone's boundary) holds nothing.
    git_commit* raw_parent = nullptr;
    if (git_commit_lookup(&raw_parent, repo, git_commit_parent_id(commit.get(), i)) < 0) continue;
    git::CommitPtr parent(raw_parent);
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, parent.get()) < 0) continue;
    git::TreePtr tree(raw_tree);
    git_tree_entry* raw_entry = nullptr;
    if (git_tree_entry_bypath(&raw_entry, tree.get(), item.origin.relative.c_str()) < 0) continue;
    git::TreeEntryPtr entry(raw_entry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) continue;
    Loaded loaded = read_blob(worker, item, *git_tree_entry_id(entry.get()));
    if (!loaded.skipped) versions.push_back(std::move(loaded.bytes));
  }
  return versions;
}

git_repository* BlobLoader::worker_repo(Worker& worker, std::string* error) {
  if (worker.repo == nullptr) {
    git_repository* raw = nullptr;
    int rc = git_repository_open_ext(&raw, git_dir_.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
    worker.repo.reset(raw);
    if (rc < 0) {
      worker.repo.reset();
      *error = "cannot open repository " + git_dir_ + ": " + git::libgit2_error(rc);
    }
  }
  return worker.repo.get();
}

Loaded BlobLoader::read_blob(Worker& worker, const Item& item, const git_oid& oid) {
  Loaded out;
#if TWILINT_FAST_ODB
  if (worker.reader != nullptr) {
    git_object_t type = GIT_OBJECT_INVALID;
    uint64_t size = 0;
    std::string error;
    git::ObjectReader::Status status = worker.reader->read(oid, max_file_size_, &type, &out.bytes, &size, &error);
    // Items name blobs (from tree entries or the index), so an oversized object whose type the
    // size check did not establish is still a blob.
    bool is_blob = type == GIT_OBJECT_BLOB;
    if (status == git::ObjectReader::Status::kTooLarge && (is_blob || type == GIT_OBJECT_INVALID)) {
      out.bytes.clear();
      out.skipped = model::Skipped{item.origin.path, "larger than max file size", false};
      return out;
    }
    if (status == git::ObjectReader::Status::kOk && is_blob) return out;
    out.bytes.clear();  // anything else: libgit2 has the last word (and the error message)
  }
#endif
  return load_with_libgit2(worker, item, oid);
}

Loaded BlobLoader::load_with_libgit2(Worker& worker, const Item& item, const git_oid& oid) {
  Loaded out;
  auto skip = [&](std::string reason, bool error) {
    out.bytes.clear();
    out.skipped = model::Skipped{item.origin.path, std::move(reason), error};
    return std::move(out);
  };
  std::string error;
  if (worker_repo(worker, &error) == nullptr) return skip(std::move(error), true);
  git_odb* raw_odb = nullptr;
  int rc = git_repository_odb(&raw_odb, worker.repo.get());
  git::OdbPtr odb(raw_odb);
  if (rc < 0) return skip("cannot open object database: " + git::libgit2_error(rc), true);

  // The header first, so an oversized blob is never inflated into memory.
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  rc = git_odb_read_header(&size, &type, odb.get(), &oid);
  if (rc == 0 && type != GIT_OBJECT_BLOB) return skip("object " + git::oid_hex(oid) + " is not a blob", true);
  if (rc == 0 && size > max_file_size_) return skip("larger than max file size", false);
  if (rc == 0) {
    git_odb_object* raw = nullptr;
    rc = git_odb_read(&raw, odb.get(), &oid);
    git::OdbObjectPtr object(raw);
    if (rc == 0) {
      out.bytes.assign(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw));
      return out;
    }
  }
  return skip(rc == GIT_ENOTFOUND ? "blob " + git::oid_hex(oid) + " is missing (partial clone or corrupt repository)"
                                  : "cannot read blob " + git::oid_hex(oid) + ": " + git::libgit2_error(rc),
              true);
}

}  // namespace twilint::source
