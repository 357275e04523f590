#include "app/checkpoint_codec.h"

#include <cstdint>

namespace twilint::app {
namespace {

// Bumped whenever the layout changes: an older record then fails to decode (a full walk).
constexpr std::string_view kTag = "twilint-walk-1\n";
constexpr size_t kRawId = 20;
constexpr size_t kDigest = 32;

class Writer {
 public:
  void number(uint64_t n) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  }
  void bytes(std::string_view b) {
    number(b.size());
    out_.append(b);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

// Reads what Writer wrote; any read past the end makes ok() false (and returns zero / empty).
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  uint64_t number() {
    if (!ok_ || in_.size() - pos_ < 8) return fail();
    uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return n;
  }
  std::string bytes() {
    uint64_t size = number();
    if (!ok_ || size > in_.size() - pos_) return fail(), std::string();
    std::string b(in_.substr(pos_, size));
    pos_ += size;
    return b;
  }
  // A count of elements that take at least `min_size` bytes each: more than could fit is corrupt
  // (and would otherwise make the caller reserve memory for them).
  uint64_t count(size_t min_size) {
    uint64_t n = number();
    if (ok_ && n > (in_.size() - pos_) / min_size) return fail();
    return n;
  }
  bool take(std::string_view literal) {
    if (in_.substr(pos_, literal.size()) != literal) return fail(), false;
    pos_ += literal.size();
    return true;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  uint64_t fail() {
    ok_ = false;
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

bool is_hex_id(std::string_view s) {
  if (s.size() != 2 * kRawId) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string encode_checkpoint(const source::HistoryCheckpoint& c) {
  Writer w;
  w.out().append(kTag);
  w.number(c.commit_count);
  w.bytes(c.commit_digest);
  w.bytes(c.seen_trees);
  w.bytes(c.seen_blobs);
  w.number(c.noted_submodules.size());
  for (const std::string& s : c.noted_submodules) w.bytes(s);
  w.number(c.notes.size());
  for (const std::string& s : c.notes) w.bytes(s);
  w.number(c.commits.size());
  for (const model::CommitInfo& info : c.commits) {
    for (const std::string* field : {&info.id, &info.author, &info.email, &info.date, &info.summary}) w.bytes(*field);
  }
  w.number(c.blobs.size());
  for (const source::WalkedBlob& blob : c.blobs) {
    w.bytes(blob.blob);
    w.bytes(blob.path);
    w.number(blob.commit);
  }
  const model::ScanStats& stats = c.blob_stats;
  for (uint64_t n : {stats.files_scanned, stats.bytes_scanned, stats.files_skipped, stats.suppressed, stats.allowlisted}) {
    w.number(n);
  }
  w.number(stats.skipped.size());
  for (const model::Skipped& s : stats.skipped) {
    w.bytes(s.path);
    w.bytes(s.reason);
    w.number(s.error ? 1 : 0);
  }
  return std::move(w.out());
}

std::optional<source::HistoryCheckpoint> decode_checkpoint(std::string_view bytes) {
  Reader r(bytes);
  if (!r.take(kTag)) return std::nullopt;
  source::HistoryCheckpoint c;
  c.commit_count = r.number();
  c.commit_digest = r.bytes();
  c.seen_trees = r.bytes();
  c.seen_blobs = r.bytes();
  for (uint64_t n = r.count(8); n > 0; --n) c.noted_submodules.push_back(r.bytes());
  for (uint64_t n = r.count(8); n > 0; --n) c.notes.push_back(r.bytes());
  c.commits.resize(r.count(5 * 8));
  for (model::CommitInfo& info : c.commits) {
    for (std::string* field : {&info.id, &info.author, &info.email, &info.date, &info.summary}) *field = r.bytes();
  }
  c.blobs.resize(r.count(3 * 8));
  for (source::WalkedBlob& blob : c.blobs) {
    blob.blob = r.bytes();
    blob.path = r.bytes();
    uint64_t commit = r.number();
    if (!is_hex_id(blob.blob) || commit >= c.commits.size()) return std::nullopt;
    blob.commit = static_cast<uint32_t>(commit);
  }
  model::ScanStats& stats = c.blob_stats;
  for (uint64_t* n : {&stats.files_scanned, &stats.bytes_scanned, &stats.files_skipped, &stats.suppressed,
                      &stats.allowlisted}) {
    *n = r.number();
  }
  stats.skipped.resize(r.count(3 * 8));
  for (model::Skipped& s : stats.skipped) {
    s.path = r.bytes();
    s.reason = r.bytes();
    uint64_t error = r.number();
    if (error > 1) return std::nullopt;
    s.error = error == 1;
  }
  if (!r.ok() || !r.at_end() || c.commit_digest.size() != kDigest || c.seen_trees.size() % kRawId != 0 ||
      c.seen_blobs.size() % kRawId != 0) {
    return std::nullopt;
  }
  return c;
}

}  // namespace twilint::app
