#include "git/index_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>

namespace twilint::git {
namespace {

// Index entries: ctime, mtime (8 bytes each), dev, ino, mode, uid, gid, size (4 each), then the
// object id and 16 bits of flags.
constexpr size_t kEntryFixed = 40 + GIT_OID_RAWSZ + 2;
constexpr uint16_t kFlagExtended = 0x4000;
constexpr uint16_t kFlagNameMask = 0x0fff;
constexpr uint16_t kExtIntentToAdd = 0x2000;
constexpr int kMaxCacheTreeDepth = 4096;

uint32_t be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}
uint16_t be16(const unsigned char* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }

bool read_whole_file(const std::string& path, std::string& out, bool& missing, std::string* why) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      missing = true;
      return true;
    }
    *why = path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    *why = path + ": " + std::strerror(errno);
    ::close(fd);
    return false;
  }
  out.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return true;
}

// The variable-length integer of index v4 path compression (git's varint.c encoding).
bool read_varint(const unsigned char*& p, const unsigned char* end, uint64_t& value) {
  if (p >= end) return false;
  unsigned char c = *p++;
  value = c & 127;
  while (c & 128) {
    if (p >= end || value >= (uint64_t{1} << 56)) return false;
    value += 1;
    c = *p++;
    value = (value << 7) + (c & 127);
  }
  return true;
}

bool read_decimal(const unsigned char*& p, const unsigned char* end, char terminator, long& value) {
  bool negative = false;
  if (p < end && *p == '-') {
    negative = true;
    ++p;
  }
  const unsigned char* start = p;
  long v = 0;
  while (p < end && *p >= '0' && *p <= '9') {
    if (v > 100000000) return false;
    v = v * 10 + (*p - '0');
    ++p;
  }
  if (p == start || p >= end || *p != terminator) return false;
  ++p;
  value = negative ? -v : v;
  return true;
}

// One cache-tree node and, recursively, its subtrees.
bool read_cache_tree(const unsigned char*& p, const unsigned char* end, int depth, CacheTree& tree) {
  if (depth > kMaxCacheTreeDepth) return false;
  const unsigned char* nul = static_cast<const unsigned char*>(std::memchr(p, '\0', static_cast<size_t>(end - p)));
  if (nul == nullptr) return false;
  std::string_view name(reinterpret_cast<const char*>(p), static_cast<size_t>(nul - p));
  p = nul + 1;
  long entry_count = 0;
  long subtree_count = 0;
  if (!read_decimal(p, end, ' ', entry_count) || !read_decimal(p, end, '\n', subtree_count)) return false;
  if (subtree_count < 0) return false;
  git_oid oid;
  bool valid = entry_count >= 0;  // -1: invalidated since the last write-tree, no id follows
  if (valid) {
    if (end - p < GIT_OID_RAWSZ) return false;
    std::memcpy(oid.id, p, GIT_OID_RAWSZ);
    p += GIT_OID_RAWSZ;
  }
  uint32_t node = tree.add_node(name, valid ? &oid : nullptr);
  for (long i = 0; i < subtree_count; ++i) {
    if (!read_cache_tree(p, end, depth + 1, tree)) return false;
  }
  tree.close_node(node, static_cast<uint32_t>(subtree_count));
  return true;
}

// The split-index "link" extension: the shared index it builds on and, still encoded, the two
// bitmaps of shared-index entries this file deletes or replaces. They are decoded only once the
// shared index is read, because its entry count bounds them: a bitmap claiming 2^32 bits would
// otherwise be decoded into gigabytes (found by fuzz_git_index).
struct SplitLink {
  bool present = false;
  git_oid shared{};
  std::string deleted_bitmap;   // EWAH bytes, empty when absent
  std::string replaced_bitmap;
  size_t empty_paths = 0;  // entries with an empty path: allowed only as replacements
};

uint64_t be64(const unsigned char* p) { return (uint64_t{be32(p)} << 32) | be32(p + 4); }

// Steps over one EWAH bitmap (bit count, word count, the words, the last marker's position),
// copying its bytes to `out`. False when it runs past `end`.
bool take_ewah(const unsigned char*& p, const unsigned char* end, std::string& out) {
  if (end - p < 8) return false;
  uint32_t word_count = be32(p + 4);
  uint64_t size = 8 + uint64_t{word_count} * 8 + 4;
  if (static_cast<uint64_t>(end - p) < size) return false;
  out.assign(reinterpret_cast<const char*>(p), static_cast<size_t>(size));
  p += size;
  return true;
}

// Decodes an EWAH-compressed bitmap as git writes it (runs of equal words described by "marker"
// words, each followed by literal words), appending the positions of the set bits to `bits`.
// A bitmap of more than `max_bits` bits is malformed.
bool decode_ewah(const std::string& encoded, size_t max_bits, std::vector<uint32_t>& bits) {
  if (encoded.empty()) return true;
  const auto* p = reinterpret_cast<const unsigned char*>(encoded.data());
  uint32_t bit_count = be32(p);
  uint32_t word_count = be32(p + 4);
  if (bit_count > max_bits) return false;
  const unsigned char* words = p + 8;
  uint64_t position = 0;
  for (uint32_t i = 0; i < word_count && position < bit_count;) {
    uint64_t marker = be64(words + uint64_t{i++} * 8);
    uint64_t run = (marker >> 1) & 0xffffffffu;
    uint64_t literals = marker >> 33;
    if (marker & 1) {
      for (uint64_t bit = position; bit < position + run * 64 && bit < bit_count; ++bit) {
        bits.push_back(static_cast<uint32_t>(bit));
      }
    }
    position += run * 64;
    for (uint64_t k = 0; k < literals && i < word_count; ++k) {
      uint64_t word = be64(words + uint64_t{i++} * 8);
      for (int b = 0; b < 64; ++b) {
        if ((word >> b) & 1) {
          if (position + b >= bit_count) return false;
          bits.push_back(static_cast<uint32_t>(position + b));
        }
      }
      position += 64;
    }
  }
  return true;
}

// Parses one index file's bytes. Entries with empty paths are accepted only as replacements in
// a split index; the "link" extension, if any, is returned in `link`.
std::optional<IndexSnapshot> parse_index(const std::string& path, const std::string& bytes, SplitLink* link,
                                         std::string* why) {
  IndexSnapshot index;

  const unsigned char* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* end = data + bytes.size();
  auto malformed = [&](const std::string& what) {
    *why = path + ": " + what;
    return std::nullopt;
  };
  if (bytes.size() < 12 + GIT_OID_RAWSZ || std::memcmp(data, "DIRC", 4) != 0) return malformed("not an index file");
  uint32_t version = be32(data + 4);
  uint32_t count = be32(data + 8);
  if (version < 2 || version > 4) return malformed("unsupported index version " + std::to_string(version));
  const unsigned char* body_end = end - GIT_OID_RAWSZ;  // the trailing checksum
  if (count > bytes.size() / kEntryFixed) return malformed("entry count larger than the file");

  index.entries.reserve(count);
  index.paths.reserve(bytes.size());
  const unsigned char* p = data + 12;
  std::string previous;  // v4 paths are compressed against the previous one
  size_t empty_paths = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const unsigned char* entry_start = p;
    if (body_end - p < static_cast<ptrdiff_t>(kEntryFixed)) return malformed("truncated entry");
    IndexEntry entry;
    entry.mode = be32(p + 24);
    entry.file_size = be32(p + 36);
    std::memcpy(entry.oid.id, p + 40, GIT_OID_RAWSZ);
    uint16_t flags = be16(p + 40 + GIT_OID_RAWSZ);
    entry.stage = static_cast<uint8_t>((flags >> 12) & 3);
    p += kEntryFixed;
    if (flags & kFlagExtended) {
      if (version < 3 || body_end - p < 2) return malformed("bad extended flags");
      uint16_t extended = be16(p);
      entry.intent_to_add = (extended & kExtIntentToAdd) != 0;
      p += 2;
    }
    // A sparse index (directories collapsed into tree entries) is not supported.
    if ((entry.mode & 0170000) == 0040000) return malformed("sparse index directory entry");

    std::string_view name;
    if (version == 4) {
      uint64_t strip = 0;
      if (!read_varint(p, body_end, strip) || strip > previous.size()) return malformed("bad compressed path");
      const unsigned char* nul = static_cast<const unsigned char*>(std::memchr(p, '\0', static_cast<size_t>(body_end - p)));
      if (nul == nullptr) return malformed("unterminated path");
      previous.resize(previous.size() - strip);
      previous.append(reinterpret_cast<const char*>(p), static_cast<size_t>(nul - p));
      p = nul + 1;
      name = previous;
    } else {
      size_t length = flags & kFlagNameMask;
      const unsigned char* nul = nullptr;
      if (length < kFlagNameMask) {
        if (body_end - p < static_cast<ptrdiff_t>(length + 1) || p[length] != '\0') return malformed("bad path length");
        nul = p + length;
      } else {
        nul = static_cast<const unsigned char*>(std::memchr(p, '\0', static_cast<size_t>(body_end - p)));
        if (nul == nullptr) return malformed("unterminated path");
      }
      name = std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(nul - p));
      // Entries are padded with 1-8 NULs to a multiple of 8 bytes.
      size_t used = static_cast<size_t>(nul - entry_start);
      size_t padded = (used + 8) & ~size_t{7};
      if (body_end - entry_start < static_cast<ptrdiff_t>(padded)) return malformed("truncated entry padding");
      p = entry_start + padded;
    }
    if (name.empty()) ++empty_paths;  // allowed only for split-index replacements
    entry.path_offset = static_cast<uint32_t>(index.paths.size());
    entry.path_size = static_cast<uint32_t>(name.size());
    index.paths.append(name);
    index.entries.push_back(entry);
  }

  // Extensions: a 4-byte signature, a 4-byte size, the data. Upper-case signatures are optional
  // (ignorable) by git's rules; a lower-case one changes the meaning of the index.
  while (body_end - p >= 8) {
    const unsigned char* signature = p;
    uint32_t size = be32(p + 4);
    p += 8;
    if (static_cast<uint64_t>(body_end - p) < size) return malformed("truncated extension");
    if (std::memcmp(signature, "link", 4) == 0) {
      // Split index: the id of the shared index, then the delete and replace bitmaps.
      const unsigned char* q = p;
      const unsigned char* ext_end = p + size;
      if (size < GIT_OID_RAWSZ) return malformed("bad split-index link");
      std::memcpy(link->shared.id, q, GIT_OID_RAWSZ);
      q += GIT_OID_RAWSZ;
      link->present = true;
      if (q < ext_end && (!take_ewah(q, ext_end, link->deleted_bitmap) || !take_ewah(q, ext_end, link->replaced_bitmap))) {
        return malformed("bad split-index bitmaps");
      }
      p += size;
      continue;
    }
    if (signature[0] < 'A' || signature[0] > 'Z') {
      return malformed("unsupported index extension '" + std::string(reinterpret_cast<const char*>(signature), 4) + "'");
    }
    if (std::memcmp(signature, "TREE", 4) == 0) {
      const unsigned char* q = p;
      CacheTree tree;
      // A damaged cache-tree is only an optimisation lost: ignore it rather than trust part of it.
      if (size > 0 && read_cache_tree(q, p + size, 0, tree)) index.cache_tree = std::move(tree);
    }
    p += size;
  }
  if (p != body_end) return malformed("trailing bytes after the extensions");
  if (empty_paths > 0 && !link->present) return malformed("empty path");
  link->empty_paths = empty_paths;
  return index;
}

struct SplitBitmaps {
  std::vector<uint32_t> deleted;
  std::vector<uint32_t> replaced;
};

// The index a split index stands for: the shared index's entries, with replaced ones swapped
// for this file's leading entries and deleted ones dropped, plus this file's remaining entries;
// sorted as git sorts an index. The cache-tree is the split file's (it describes the result).
std::optional<IndexSnapshot> merge_split_index(const IndexSnapshot& shared, const IndexSnapshot& split,
                                               const SplitLink& link, const std::string& path, std::string* why) {
  auto malformed = [&](const std::string& what) {
    *why = path + ": " + what;
    return std::nullopt;
  };
  SplitBitmaps bitmaps;
  if (!decode_ewah(link.deleted_bitmap, shared.entries.size(), bitmaps.deleted) ||
      !decode_ewah(link.replaced_bitmap, shared.entries.size(), bitmaps.replaced)) {
    return malformed("bad split-index bitmaps");
  }
  if (link.empty_paths > bitmaps.replaced.size()) return malformed("empty path");
  struct Merged {
    const IndexEntry* entry;
    std::string_view path;
  };
  std::vector<int64_t> replacement(shared.entries.size(), -1);
  std::vector<bool> deleted(shared.entries.size(), false);
  size_t used = 0;
  for (uint32_t bit : bitmaps.replaced) {
    if (bit >= shared.entries.size() || used >= split.entries.size()) return malformed("bad split-index replace bitmap");
    replacement[bit] = static_cast<int64_t>(used++);
  }
  for (uint32_t bit : bitmaps.deleted) {
    if (bit >= shared.entries.size()) return malformed("bad split-index delete bitmap");
    deleted[bit] = true;
  }
  std::vector<Merged> merged;
  merged.reserve(shared.entries.size() + split.entries.size() - used);
  for (size_t i = 0; i < shared.entries.size(); ++i) {
    if (deleted[i]) continue;
    const IndexEntry& base = shared.entries[i];
    if (replacement[i] < 0) {
      merged.push_back(Merged{&base, shared.path(base)});
      continue;
    }
    const IndexEntry& replaced = split.entries[static_cast<size_t>(replacement[i])];
    std::string_view name = split.path(replaced);
    merged.push_back(Merged{&replaced, name.empty() ? shared.path(base) : name});
  }
  for (size_t k = used; k < split.entries.size(); ++k) {
    std::string_view name = split.path(split.entries[k]);
    if (name.empty()) return malformed("empty path");
    merged.push_back(Merged{&split.entries[k], name});
  }
  std::stable_sort(merged.begin(), merged.end(), [](const Merged& a, const Merged& b) {
    if (a.path != b.path) return a.path < b.path;
    return a.entry->stage < b.entry->stage;
  });

  IndexSnapshot index;
  index.entries.reserve(merged.size());
  for (const Merged& m : merged) {
    IndexEntry entry = *m.entry;
    entry.path_offset = static_cast<uint32_t>(index.paths.size());
    entry.path_size = static_cast<uint32_t>(m.path.size());
    index.paths.append(m.path);
    index.entries.push_back(entry);
  }
  index.cache_tree = split.cache_tree;
  return index;
}

}  // namespace

uint32_t CacheTree::add_node(std::string_view name, const git_oid* oid) {
  Node node;
  node.name_offset = static_cast<uint32_t>(names_.size());
  node.name_size = static_cast<uint32_t>(name.size());
  names_.append(name);
  if (oid != nullptr) {
    node.valid = true;
    node.oid = *oid;
  }
  nodes_.push_back(node);
  return static_cast<uint32_t>(nodes_.size() - 1);
}

void CacheTree::close_node(uint32_t node, uint32_t children) {
  nodes_[node].children = children;
  nodes_[node].subtree_nodes = static_cast<uint32_t>(nodes_.size()) - node;
}

std::optional<git_oid> CacheTree::tree_of(uint32_t node) const {
  if (node == kNoNode || !nodes_[node].valid) return std::nullopt;
  return nodes_[node].oid;
}

std::optional<git_oid> CacheTree::valid_tree(std::string_view dir) const {
  uint32_t at = root();
  while (!dir.empty() && at != kNoNode) {
    size_t slash = dir.find('/');
    std::string_view name = dir.substr(0, slash);
    dir = slash == std::string_view::npos ? std::string_view() : dir.substr(slash + 1);
    uint32_t next = kNoNode;
    for_each_child(at, [&](std::string_view child_name, uint32_t child) {
      if (next == kNoNode && child_name == name) next = child;
    });
    at = next;
  }
  return tree_of(at);
}

std::optional<IndexSnapshot> read_index_file(const std::string& path, const std::string& git_dir, std::string* why) {
  std::string bytes;
  bool missing = false;
  if (!read_whole_file(path, bytes, missing, why)) return std::nullopt;
  if (missing) return IndexSnapshot{};
  SplitLink link;
  std::optional<IndexSnapshot> index = parse_index(path, bytes, &link, why);
  static const git_oid kNoShared{};
  if (!index || !link.present) return index;
  if (git_oid_equal(&link.shared, &kNoShared)) {
    if (link.empty_paths > 0) {
      *why = path + ": empty path";
      return std::nullopt;
    }
    return index;
  }

  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &link.shared);
  std::string shared_path = git_dir + (git_dir.empty() || git_dir.back() == '/' ? "" : "/") + "sharedindex." + hex;
  std::string shared_bytes;
  if (!read_whole_file(shared_path, shared_bytes, missing, why)) return std::nullopt;
  if (missing) {
    *why = shared_path + ": the shared index of a split index is missing";
    return std::nullopt;
  }
  SplitLink nested;
  std::optional<IndexSnapshot> shared = parse_index(shared_path, shared_bytes, &nested, why);
  if (!shared) return std::nullopt;
  if (nested.present) {
    *why = shared_path + ": a shared index cannot itself be split";
    return std::nullopt;
  }
  return merge_split_index(*shared, *index, link, path, why);
}

}  // namespace twilint::git
