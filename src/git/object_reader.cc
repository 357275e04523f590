#include "git/object_reader.h"

// Built only where zlib is linked (TWILINT_FAST_ODB); elsewhere the git sources use libgit2 alone.
#if TWILINT_FAST_ODB

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>

namespace twilint::git {
namespace {

constexpr int kMaxChainDepth = 10000;  // git itself caps delta depth far below this
constexpr size_t kTrailer = 20;        // pack checksum
constexpr int kOfsDelta = 6;
constexpr int kRefDelta = 7;
// Resident pack pages are released after this many bytes have been read through the mappings.
constexpr uint64_t kReleaseEvery = uint64_t{32} << 20;

uint32_t be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

uint64_t be64(const unsigned char* p) { return (uint64_t{be32(p)} << 32) | be32(p + 4); }

// memcmp order of two 20-byte ids, most of the time decided by the first 8 bytes.
int compare_oid(const unsigned char* a, const unsigned char* b) {
  uint64_t x = be64(a);
  uint64_t y = be64(b);
  if (x != y) return x < y ? -1 : 1;
  return std::memcmp(a + 8, b + 8, GIT_OID_RAWSZ - 8);
}

// The size varint at the start of a delta (7 bits per byte, little-endian).
bool delta_varint(const unsigned char*& p, const unsigned char* end, uint64_t& value) {
  value = 0;
  for (int shift = 0; p < end && shift < 64; shift += 7) {
    unsigned char c = *p++;
    value |= static_cast<uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) return true;
  }
  return false;
}

bool fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

bool apply_delta(const std::string& base, const std::string& delta, std::string& out, std::string* error) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(delta.data());
  const unsigned char* end = p + delta.size();
  uint64_t source_size = 0;
  uint64_t result_size = 0;
  if (!delta_varint(p, end, source_size) || !delta_varint(p, end, result_size) || source_size != base.size()) {
    return fail(error, "delta does not fit its base");
  }
  out.clear();
  out.reserve(result_size);
  while (p < end) {
    unsigned char op = *p++;
    if (op & 0x80) {
      uint64_t offset = 0;
      uint64_t size = 0;
      for (int i = 0; i < 4; ++i) {
        if ((op & (1 << i)) && p < end) offset |= static_cast<uint64_t>(*p++) << (8 * i);
      }
      for (int i = 0; i < 3; ++i) {
        if ((op & (0x10 << i)) && p < end) size |= static_cast<uint64_t>(*p++) << (8 * i);
      }
      if (size == 0) size = 0x10000;
      if (offset + size > base.size() || out.size() + size > result_size) return fail(error, "delta copies outside its base");
      out.append(base, offset, size);
    } else if (op != 0) {
      if (static_cast<size_t>(end - p) < op || out.size() + op > result_size) return fail(error, "delta literal overruns");
      out.append(reinterpret_cast<const char*>(p), op);
      p += op;
    } else {
      return fail(error, "reserved delta opcode");
    }
  }
  if (out.size() != result_size) return fail(error, "delta result has the wrong size");
  return true;
}

// Inflates the zlib stream at `in` into exactly `size` bytes; false unless it ends exactly there.
bool inflate_exact(const unsigned char* in, size_t in_size, size_t size, std::string& out) {
  out.resize(size);
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return false;
  unsigned char dummy = 0;
  z.next_in = const_cast<unsigned char*>(in);
  z.avail_in = static_cast<uInt>(std::min<size_t>(in_size, UINT_MAX));
  z.next_out = size > 0 ? reinterpret_cast<unsigned char*>(out.data()) : &dummy;
  z.avail_out = size > 0 ? static_cast<uInt>(std::min<size_t>(size, UINT_MAX)) : 1;
  int rc = ::inflate(&z, Z_FINISH);
  bool ok = rc == Z_STREAM_END && z.total_out == size;
  inflateEnd(&z);
  return ok;
}

}  // namespace

ObjectStore::~ObjectStore() {
  for (Pack& pack : packs_) {
    if (pack.idx != nullptr) ::munmap(const_cast<unsigned char*>(pack.idx), pack.idx_size);
    if (pack.data != nullptr) ::munmap(const_cast<unsigned char*>(pack.data), pack.size);
  }
}

std::shared_ptr<const ObjectStore> ObjectStore::open(const std::string& objects_dir) {
  std::shared_ptr<ObjectStore> store(new ObjectStore());
  store->add_object_dir(objects_dir, 0);
  return store;
}

void ObjectStore::add_object_dir(const std::string& raw_dir, int depth) {
  std::string dir = raw_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (depth > 5 || std::find(object_dirs_.begin(), object_dirs_.end(), dir) != object_dirs_.end()) return;
  object_dirs_.push_back(dir);

  std::vector<std::string> idx_files;
  if (DIR* d = ::opendir((dir + "/pack").c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".idx") == 0) idx_files.push_back(dir + "/pack/" + name);
    }
    ::closedir(d);
  }
  std::sort(idx_files.begin(), idx_files.end());  // deterministic lookup order
  for (const std::string& idx : idx_files) add_pack(idx);

  // Alternates: one object directory per line, absolute or relative to this one.
  std::ifstream alternates(dir + "/info/alternates");
  std::string line;
  while (std::getline(alternates, line)) {
    if (line.empty() || line[0] == '#') continue;
    add_object_dir(line[0] == '/' ? line : dir + "/" + line, depth + 1);
  }
}

namespace {

// Maps a whole file read-only; nullptr when it cannot (or is smaller than `minimum`).
const unsigned char* map_file(const std::string& path, size_t minimum, size_t* size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && static_cast<uint64_t>(st.st_size) >= minimum) {
    map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  *size = static_cast<size_t>(st.st_size);
  return static_cast<const unsigned char*>(map);
}

}  // namespace

void ObjectStore::add_pack(const std::string& idx_path) {
  Pack pack;
  pack.path = idx_path.substr(0, idx_path.size() - 4) + ".pack";
  pack.idx = map_file(idx_path, 8 + 1024 + 40, &pack.idx_size);
  if (pack.idx == nullptr) return;
  // Only index version 2 (git's default since 1.5.2); anything else is left to libgit2.
  uint64_t minimum = 0;
  if (std::memcmp(pack.idx, "\377tOc", 4) == 0 && be32(pack.idx + 4) == 2) {
    pack.count = be32(pack.idx + 8 + 255 * 4);
    minimum = 8 + 1024 + uint64_t{pack.count} * (GIT_OID_RAWSZ + 4 + 4) + 40;
  }
  size_t pack_size = 0;
  if (minimum > 0 && pack.idx_size >= minimum) pack.data = map_file(pack.path, 12 + kTrailer, &pack_size);
  if (pack.data == nullptr || std::memcmp(pack.data, "PACK", 4) != 0) {
    ::munmap(const_cast<unsigned char*>(pack.idx), pack.idx_size);
    if (pack.data != nullptr) ::munmap(const_cast<unsigned char*>(pack.data), pack_size);
    return;
  }
  pack.size = pack_size;
  ::madvise(const_cast<unsigned char*>(pack.data), pack.size, MADV_RANDOM);
  packs_.push_back(pack);
}

void ObjectStore::note_bytes_read(uint64_t bytes) const {
  if (bytes_since_release_.fetch_add(bytes, std::memory_order_relaxed) + bytes < kReleaseEvery) return;
  bytes_since_release_.store(0, std::memory_order_relaxed);
  // Dropping clean, read-only file pages is safe while other threads read them: their next
  // access faults the page back in from the page cache.
  for (const Pack& pack : packs_) ::madvise(const_cast<unsigned char*>(pack.data), pack.size, MADV_DONTNEED);
}

bool ObjectStore::find(const git_oid& oid, Location* out) const {
  for (size_t i = 0; i < packs_.size(); ++i) {
    const Pack& pack = packs_[i];
    const unsigned char* fanout = pack.idx + 8;
    uint32_t lo = oid.id[0] == 0 ? 0 : be32(fanout + (oid.id[0] - 1) * 4);
    uint32_t hi = be32(fanout + oid.id[0] * 4);
    if (hi > pack.count || lo > hi) continue;
    const unsigned char* oids = fanout + 1024;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      int cmp = compare_oid(oids + size_t{mid} * GIT_OID_RAWSZ, oid.id);
      if (cmp < 0) {
        lo = mid + 1;
      } else if (cmp > 0) {
        hi = mid;
      } else {
        const unsigned char* offsets = oids + size_t{pack.count} * (GIT_OID_RAWSZ + 4);
        uint32_t small = be32(offsets + size_t{mid} * 4);
        uint64_t offset = small;
        if (small & 0x80000000u) {
          const unsigned char* large = offsets + size_t{pack.count} * 4 + size_t{small & 0x7fffffffu} * 8;
          if (large + 8 > pack.idx + pack.idx_size - 40) return false;
          offset = (uint64_t{be32(large)} << 32) | be32(large + 4);
        }
        if (offset < 12 || offset >= pack.size - kTrailer) return false;
        out->pack = i;
        out->offset = offset;
        return true;
      }
    }
  }
  return false;
}

ObjectReader::ObjectReader(std::shared_ptr<const ObjectStore> store, size_t cache_bytes)
    : store_(std::move(store)), cache_limit_(cache_bytes) {}

bool ObjectReader::parse_header(size_t pack_index, uint64_t offset, Header* header, std::string* error) {
  const ObjectStore::Pack& pack = store_->pack(pack_index);
  if (offset < 12 || offset >= pack.size - kTrailer) return fail(error, "object offset outside " + pack.path);
  const unsigned char* p = pack.data + offset;
  const unsigned char* end = pack.data + pack.size - kTrailer;
  unsigned char c = *p++;
  header->type = (c >> 4) & 7;
  uint64_t size = c & 15;
  for (int shift = 4; c & 0x80; shift += 7) {
    if (p >= end || shift > 57) return fail(error, "bad object header in " + pack.path);
    c = *p++;
    size += static_cast<uint64_t>(c & 0x7f) << shift;
  }
  header->size = size;
  if (header->type == kOfsDelta) {
    if (p >= end) return fail(error, "bad delta offset in " + pack.path);
    c = *p++;
    uint64_t back = c & 127;
    while (c & 128) {
      if (p >= end || back >= (uint64_t{1} << 56)) return fail(error, "bad delta offset in " + pack.path);
      c = *p++;
      back = ((back + 1) << 7) + (c & 127);
    }
    if (back == 0 || back > offset) return fail(error, "bad delta offset in " + pack.path);
    header->base = offset - back;
  } else if (header->type == kRefDelta) {
    if (end - p < GIT_OID_RAWSZ) return fail(error, "truncated delta base id in " + pack.path);
    std::memcpy(header->base_oid.id, p, GIT_OID_RAWSZ);
    p += GIT_OID_RAWSZ;
  } else if (header->type < 1 || header->type > 4) {
    return fail(error, "unknown object type " + std::to_string(header->type) + " in " + pack.path);
  }
  header->data = static_cast<uint64_t>(p - pack.data);
  return true;
}

bool ObjectReader::inflate(size_t pack_index, const Header& header, std::string* out, std::string* error) {
  const ObjectStore::Pack& pack = store_->pack(pack_index);
  if (header.size > SIZE_MAX / 2) return fail(error, "object too large in " + pack.path);
  uint64_t available = pack.size - kTrailer - header.data;
  // A zlib stream is never much longer than its data (deflateBound): no need to know where the
  // next object starts.
  uint64_t length = std::min<uint64_t>(available, header.size + header.size / 1000 + 64);
  if (!inflate_exact(pack.data + header.data, static_cast<size_t>(length), static_cast<size_t>(header.size), *out)) {
    return fail(error, "corrupt compressed data in " + pack.path);
  }
  store_->note_bytes_read(length);
  return true;
}

const ObjectReader::CacheEntry* ObjectReader::cache_find(const CacheKey& key) {
  if (cache_.empty()) return nullptr;
  auto it = cache_.find(key);
  if (it == cache_.end()) return nullptr;
  it->second.stamp = ++clock_;
  return &it->second;
}

void ObjectReader::cache_put(const CacheKey& key, const Bytes& bytes, int type) {
  size_t cost = bytes->size() + 64;
  if (cost > cache_limit_ / 4) return;
  auto [it, inserted] = cache_.try_emplace(key, CacheEntry{bytes, type, ++clock_});
  if (!inserted) return;
  order_.emplace_back(key, it->second.stamp);
  cache_used_ += cost;
  while (cache_used_ > cache_limit_ && !order_.empty()) {
    auto [oldest, stamp] = order_.front();
    order_.pop_front();
    auto victim = cache_.find(oldest);
    if (victim == cache_.end()) continue;
    if (victim->second.stamp != stamp) {
      order_.emplace_back(oldest, victim->second.stamp);  // used since it was queued
      continue;
    }
    cache_used_ -= victim->second.bytes->size() + 64;
    cache_.erase(victim);
  }
}

bool ObjectReader::object_size(const ObjectStore::Location& at, uint64_t* size, std::string* error) {
  Header header;
  if (!parse_header(at.pack, at.offset, &header, error)) return false;
  if (header.type != kOfsDelta && header.type != kRefDelta) {
    *size = header.size;
    return true;
  }
  // A delta starts with its base's size and its result's size: inflate just that much.
  const ObjectStore::Pack& pack = store_->pack(at.pack);
  unsigned char out[32];
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return fail(error, "zlib failure");
  z.next_in = const_cast<unsigned char*>(pack.data + header.data);
  z.avail_in = static_cast<uInt>(std::min<uint64_t>(64, pack.size - kTrailer - header.data));
  z.next_out = out;
  z.avail_out = sizeof out;
  int rc = ::inflate(&z, Z_SYNC_FLUSH);
  size_t produced = sizeof out - z.avail_out;
  inflateEnd(&z);
  const unsigned char* p = out;
  uint64_t source_size = 0;
  if ((rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) || !delta_varint(p, out + produced, source_size) ||
      !delta_varint(p, out + produced, *size)) {
    return fail(error, "corrupt delta in " + pack.path);
  }
  return true;
}

ObjectReader::Status ObjectReader::read_packed(const ObjectStore::Location& at, uint64_t max_size, int depth,
                                               int* type, Bytes* out, uint64_t* size, std::string* error) {
  if (auto hit = cache_.find(CacheKey{at.pack, at.offset}); hit != cache_.end()) {
    *type = hit->second.type;
    *size = hit->second.bytes->size();
    if (*size > max_size) return Status::kTooLarge;
    *out = hit->second.bytes;
    // Callers read each object once (unique blobs, unique trees), so an entry read as a target
    // has served its purpose: it was cached as a base for the objects below it in its chain,
    // which come first. Dropping it leaves room for bases still to be used.
    if (depth == 0) {
      cache_used_ -= hit->second.bytes->size() + 64;
      cache_.erase(hit);
    }
    return Status::kOk;
  }
  if (max_size != UINT64_MAX) {
    if (!object_size(at, size, error)) return Status::kFailed;
    if (*size > max_size) {
      *type = 0;
      return Status::kTooLarge;
    }
  }

  // Walk down the delta chain to a whole object or a cached base, then apply the deltas back up.
  std::vector<std::pair<uint64_t, Header>> chain;
  uint64_t offset = at.offset;
  Bytes base;
  int base_type = 0;
  for (;;) {
    if (static_cast<int>(chain.size()) + depth > kMaxChainDepth) {
      fail(error, "delta chain too deep in " + store_->pack(at.pack).path);
      return Status::kFailed;
    }
    if (!chain.empty()) {
      if (const CacheEntry* hit = cache_find(CacheKey{at.pack, offset})) {
        base = hit->bytes;
        base_type = hit->type;
        break;
      }
    }
    Header header;
    if (!parse_header(at.pack, offset, &header, error)) return Status::kFailed;
    if (header.type == kOfsDelta) {
      chain.emplace_back(offset, header);
      offset = header.base;
      continue;
    }
    if (header.type == kRefDelta) {
      chain.emplace_back(offset, header);
      ObjectStore::Location where;
      if (!store_->find(header.base_oid, &where)) {
        fail(error, "delta base not in a pack");
        return Status::kFailed;
      }
      if (where.pack == at.pack) {
        offset = where.offset;
        continue;
      }
      uint64_t ignored = 0;
      Status status =
          read_packed(where, UINT64_MAX, depth + static_cast<int>(chain.size()), &base_type, &base, &ignored, error);
      if (status != Status::kOk) return status;
      break;
    }
    auto whole = std::make_shared<std::string>();
    if (!inflate(at.pack, header, whole.get(), error)) return Status::kFailed;
    base_type = header.type;
    base = std::move(whole);
    if (!chain.empty()) cache_put(CacheKey{at.pack, offset}, base, base_type);
    break;
  }
  std::string delta;
  for (size_t i = chain.size(); i-- > 0;) {
    if (!inflate(at.pack, chain[i].second, &delta, error)) return Status::kFailed;
    auto result = std::make_shared<std::string>();
    if (!apply_delta(*base, delta, *result, error)) {
      *error += " in " + store_->pack(at.pack).path;
      return Status::kFailed;
    }
    base = std::move(result);
    // Intermediate results are the bases of the objects above them in the chain (often the
    // neighbouring versions of the same file): keep them for the reads that follow.
    if (i > 0) cache_put(CacheKey{at.pack, chain[i].first}, base, base_type);
  }
  *type = base_type;
  *size = base->size();
  *out = std::move(base);
  return Status::kOk;
}

ObjectReader::Status ObjectReader::read_loose(const git_oid& oid, uint64_t max_size, git_object_t* type,
                                              std::string* data, uint64_t* size, std::string* error) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  for (const std::string& dir : store_->object_dirs()) {
    std::string path = dir + "/" + std::string(hex, 2) + "/" + std::string(hex + 2);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st {};
    bool ok = ::fstat(fd, &st) == 0;
    scratch_.resize(ok ? static_cast<size_t>(st.st_size) : 0);
    size_t done = 0;
    while (ok && done < scratch_.size()) {
      ssize_t n = ::read(fd, scratch_.data() + done, scratch_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) ok = false;
      else done += static_cast<size_t>(n);
    }
    ::close(fd);
    if (!ok) {
      fail(error, "cannot read " + path);
      return Status::kFailed;
    }

    z_stream z{};
    if (inflateInit(&z) != Z_OK) {
      fail(error, "zlib failure");
      return Status::kFailed;
    }
    unsigned char head[64];
    z.next_in = reinterpret_cast<unsigned char*>(scratch_.data());
    z.avail_in = static_cast<uInt>(std::min<size_t>(scratch_.size(), UINT_MAX));
    z.next_out = head;
    z.avail_out = sizeof head;
    int rc = ::inflate(&z, Z_SYNC_FLUSH);
    size_t produced = sizeof head - z.avail_out;
    const unsigned char* nul = static_cast<const unsigned char*>(std::memchr(head, '\0', produced));
    auto corrupt = [&](const char* what) {
      inflateEnd(&z);
      fail(error, std::string(what) + ": " + path);
      return Status::kFailed;
    };
    if ((rc != Z_OK && rc != Z_STREAM_END) || nul == nullptr) return corrupt("corrupt loose object");
    std::string header(reinterpret_cast<const char*>(head), static_cast<size_t>(nul - head));
    size_t space = header.find(' ');
    if (space == std::string::npos) return corrupt("corrupt loose object header");
    std::string kind = header.substr(0, space);
    git_object_t t = kind == "blob"     ? GIT_OBJECT_BLOB
                     : kind == "tree"   ? GIT_OBJECT_TREE
                     : kind == "commit" ? GIT_OBJECT_COMMIT
                     : kind == "tag"    ? GIT_OBJECT_TAG
                                        : GIT_OBJECT_INVALID;
    uint64_t length = 0;
    for (size_t i = space + 1; i < header.size(); ++i) {
      if (header[i] < '0' || header[i] > '9' || length > (uint64_t{1} << 50)) return corrupt("corrupt loose object header");
      length = length * 10 + static_cast<uint64_t>(header[i] - '0');
    }
    if (t == GIT_OBJECT_INVALID) return corrupt("unknown loose object type");
    *type = t;
    *size = length;
    if (length > max_size) {
      inflateEnd(&z);
      return Status::kTooLarge;
    }
    size_t already = produced - static_cast<size_t>(nul + 1 - head);
    if (already > length) return corrupt("corrupt loose object");
    data->resize(static_cast<size_t>(length));
    if (already > 0) std::memcpy(data->data(), nul + 1, already);
    unsigned char dummy = 0;
    z.next_out = length > already ? reinterpret_cast<unsigned char*>(data->data()) + already : &dummy;
    z.avail_out = length > already ? static_cast<uInt>(std::min<uint64_t>(length - already, UINT_MAX)) : 1;
    while (rc == Z_OK) rc = ::inflate(&z, Z_FINISH);
    bool complete = rc == Z_STREAM_END && z.total_out == produced + (length - already);
    inflateEnd(&z);
    if (!complete) {
      fail(error, "corrupt loose object: " + path);
      return Status::kFailed;
    }
    return Status::kOk;
  }
  return Status::kNotFound;
}

ObjectReader::Status ObjectReader::read(const git_oid& oid, uint64_t max_size, git_object_t* type, std::string* data,
                                        uint64_t* size, std::string* error) {
  ObjectStore::Location at;
  if (!store_->find(oid, &at)) return read_loose(oid, max_size, type, data, size, error);
  int pack_type = 0;
  Bytes bytes;
  Status status = read_packed(at, max_size, 0, &pack_type, &bytes, size, error);
  *type = pack_type == 0 ? GIT_OBJECT_INVALID : static_cast<git_object_t>(pack_type);
  if (status != Status::kOk) return status;
  if (bytes.use_count() == 1) {
    *data = std::move(*std::const_pointer_cast<std::string>(bytes));  // not cached: take it
  } else {
    *data = *bytes;
  }
  return Status::kOk;
}

}  // namespace twilint::git

#endif  // TWILINT_FAST_ODB
