// A fast, thread-friendly reader of git objects (pack files and loose objects) for the history
// scan's hot path. libgit2 1.5 serialises pack access behind process-wide locks and keeps a
// small delta-base cache, so its reads neither scale across threads nor avoid re-inflating delta
// chains. Here the pack indexes are opened once and shared read-only (ObjectStore), and each
// thread reads through its own ObjectReader with its own delta-base cache: nothing mutable is
// shared. Anything this reader does not handle (an object it cannot find or decode, an idx
// version it does not know) is reported as such, and callers fall back to libgit2, which gives
// the authoritative answer and error message.
#pragma once

#include <git2/oid.h>
#include <git2/types.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace twilint::git {

// The object directories of a repository (its own and its alternates) and their pack indexes.
// Immutable once opened; safe to share between threads.
class ObjectStore {
 public:
  ~ObjectStore();
  ObjectStore(const ObjectStore&) = delete;
  ObjectStore& operator=(const ObjectStore&) = delete;

  // Opens `objects_dir` (e.g. ".git/objects") and the directories named in its
  // info/alternates. Never fails: unreadable packs are left out (their objects are then "not
  // found" and read through libgit2).
  static std::shared_ptr<const ObjectStore> open(const std::string& objects_dir);

  struct Pack {
    std::string path;  // the .pack file
    const unsigned char* data = nullptr;  // mmap of the .pack file
    uint64_t size = 0;
    const unsigned char* idx = nullptr;  // mmap of the v2 .idx file
    size_t idx_size = 0;
    uint32_t count = 0;
  };
  struct Location {
    size_t pack = 0;
    uint64_t offset = 0;
  };

  // Where `oid` is packed; false when it is in no pack.
  bool find(const git_oid& oid, Location* out) const;
  const Pack& pack(size_t i) const { return packs_[i]; }
  const std::vector<std::string>& object_dirs() const { return object_dirs_; }

  // Called by readers with the number of pack bytes they just inflated. Pages of the mapped packs
  // count toward the process's resident memory once touched; every so often they are released
  // (the data stays in the page cache), so a history scan of a multi-gigabyte pack keeps a
  // bounded resident set.
  void note_bytes_read(uint64_t bytes) const;

 private:
  ObjectStore() = default;
  void add_object_dir(const std::string& dir, int depth);
  void add_pack(const std::string& idx_path);

  std::vector<std::string> object_dirs_;
  std::vector<Pack> packs_;
  mutable std::atomic<uint64_t> bytes_since_release_{0};
};

// Reads objects from an ObjectStore. One per thread: not thread-safe, and it keeps a cache of
// recently inflated delta bases (up to `cache_bytes`) so a chain is not inflated again for the
// next object that shares it.
class ObjectReader {
 public:
  enum class Status {
    kOk,
    kTooLarge,  // the object is bigger than the limit given; nothing was inflated
    kNotFound,  // in no pack and no loose file this reader knows
    kFailed,    // found but could not be decoded (corrupt, or a format this reader does not know)
  };

  ObjectReader(std::shared_ptr<const ObjectStore> store, size_t cache_bytes);

  // Reads `oid` into `data` and its type into `type`. Objects larger than `max_size` give
  // kTooLarge with `*size` set and `data` untouched (`type` may then be GIT_OBJECT_INVALID: a
  // delta's type is only known once its chain is walked). On kFailed, `error` says why.
  Status read(const git_oid& oid, uint64_t max_size, git_object_t* type, std::string* data, uint64_t* size,
              std::string* error);

 private:
  struct Header {
    int type = 0;          // pack type: 1-4 objects, 6 ofs-delta, 7 ref-delta
    uint64_t size = 0;     // inflated size of this entry's data
    uint64_t data = 0;     // offset of the zlib stream
    uint64_t base = 0;     // ofs-delta: base offset
    git_oid base_oid{};    // ref-delta: base id
  };
  using Bytes = std::shared_ptr<const std::string>;
  struct CacheKey {
    size_t pack;
    uint64_t offset;
    bool operator==(const CacheKey& o) const { return pack == o.pack && offset == o.offset; }
  };
  struct CacheKeyHash {
    size_t operator()(const CacheKey& k) const {
      return static_cast<size_t>((k.offset ^ (uint64_t{k.pack} << 48)) * 0x9e3779b97f4a7c15ull >> 16);
    }
  };
  struct CacheEntry {
    Bytes bytes;
    int type = 0;
    uint64_t stamp = 0;  // when last used
  };

  Status read_packed(const ObjectStore::Location& at, uint64_t max_size, int depth, int* type, Bytes* out,
                     uint64_t* size, std::string* error);
  Status read_loose(const git_oid& oid, uint64_t max_size, git_object_t* type, std::string* data, uint64_t* size,
                    std::string* error);
  bool parse_header(size_t pack, uint64_t offset, Header* header, std::string* error);
  bool inflate(size_t pack, const Header& header, std::string* out, std::string* error);
  // The inflated size of the object at `at` (for a delta, the size of its result).
  bool object_size(const ObjectStore::Location& at, uint64_t* size, std::string* error);
  const CacheEntry* cache_find(const CacheKey& key);
  void cache_put(const CacheKey& key, const Bytes& bytes, int type);

  std::shared_ptr<const ObjectStore> store_;
  size_t cache_limit_;
  size_t cache_used_ = 0;
  uint64_t clock_ = 0;
  // Least-recently-used eviction without moving entries on every hit: `order_` holds (key, stamp)
  // in insertion order; an entry is evicted when its record reaches the front with the entry's
  // current stamp, and re-queued when it was used since.
  std::unordered_map<CacheKey, CacheEntry, CacheKeyHash> cache_;
  std::deque<std::pair<CacheKey, uint64_t>> order_;
  std::string scratch_;  // a loose object's compressed bytes
};

}  // namespace twilint::git
