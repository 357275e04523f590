// The incremental history cache: an SQLite file per repository, outside the repository, holding
// what scanning each (blob id, path) produced, so a re-scan after a few new commits reads and
// matches only the new blobs. Entries are valid only for the settings digest they were written
// under (rule pack, config, tool version, max file size): any change empties the cache.
//
// Besides the blob results, one opaque record per repository: the history walk checkpoint the CLI
// encodes (what the last walk covered, so the next run walks only new commits). It is stored and
// invalidated together with the blob results.
//
// Never trusted blindly: a file SQLite cannot read, or a row that does not parse, makes the cache
// rebuild itself from empty (with a warning); a cache another process holds locked is bypassed
// (with a warning). Findings are stored as the scan stage produces them with secrets redacted:
// callers must not use the cache with --show-secrets.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/blob_result.h"
#include "model/finding.h"

struct sqlite3;

namespace twilint::cache {

using BlobResult = model::BlobResult;

class BlobCache {
 public:
  ~BlobCache();
  BlobCache(const BlobCache&) = delete;
  BlobCache& operator=(const BlobCache&) = delete;

  // Opens (creating if needed) the cache of repository `repo_id` (its absolute common git dir) in
  // directory `dir`, valid for `settings_digest`. Problems are appended to `warnings`; nullptr
  // means "run without a cache".
  static std::unique_ptr<BlobCache> open(const std::string& dir, const std::string& repo_id,
                                         const std::string& settings_digest, std::vector<std::string>& warnings);

  // The stored result for blob `oid` (40 hex) scanned at `path`, or nullptr. Thread-safe with
  // add(); the pointer stays valid for the cache's lifetime.
  const BlobResult* find(std::string_view oid, std::string_view path) const;

  // Records a new result (kept in memory until save()). Thread-safe.
  void add(std::string_view oid, std::string_view path, BlobResult result);

  // Whether a resumed history walk must hand (oid, path) out again: its result (stored or added
  // since open()) has findings, or there is none (the scan kept no result: it needs the blob's
  // bytes every run, as a blob holding an Access Token or API key secret does). Thread-safe.
  bool must_hand_out_again(std::string_view oid, std::string_view path);

  // The walk record stored by an earlier run, as given to set_walk(); empty if there is none.
  const std::string& walk() const { return walk_; }
  // Replaces the walk record at the next save().
  void set_walk(std::string record);

  // Writes the results added since open(), and the walk record if one was set, in one
  // transaction. False (and a warning) on failure; the cache then simply lacks them.
  bool save(std::vector<std::string>& warnings);

  size_t size() const { return entries_.size(); }
  const std::string& file() const { return file_; }

 // How one attempt to open the file went (blob_cache.cc).
  enum class OpenResult { kOk, kCorrupt, kBusy, kFailed };

 private:
  BlobCache() = default;
  // Opens file_ and loads it (or starts it over when its key is not ours); nullopt on success, else
  // why not, with `result` saying how it failed.
  std::optional<std::string> load(const std::string& settings_digest, const std::string& repo_id, OpenResult& result);

  sqlite3* db_ = nullptr;
  std::string file_;
  std::unordered_map<std::string, BlobResult> entries_;  // key: oid + '\n' + path; read-only after open
  std::string walk_;  // read-only after open
  std::mutex added_mutex_;
  std::vector<std::pair<std::string, BlobResult>> added_;
  std::unordered_map<std::string, bool> added_has_findings_;  // key of each result added: has findings
  std::optional<std::string> new_walk_;
};

// The default cache directory: $XDG_CACHE_HOME/twilint, else $HOME/.cache/twilint; empty if
// neither variable is set.
std::string default_cache_dir();

}  // namespace twilint::cache
