// The incremental history run's one owner of the cache (Settings::use_cache, cache_dir), keyed by
// everything that decides a blob's findings. It is the scanner's result store (the stored result
// of every (blob, path) scanned before) and the history source's walk memory (the checkpoint of
// the last walk, so that only the commits added since are walked), and at the end it merges what
// the run added and prunes the checkpoint to what the next run must hand out again.
//
// How replayed items count: a blob the checkpoint hands out again is counted by the source (the
// checkpoint's blob_stats), never by the scanner (scan/scan_work.h Partial::uncounted); the
// checkpoint keeps the counts of blobs with a commit origin (ScanResult::commit_blob_stats).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/settings.h"
#include "cache/blob_cache.h"
#include "scan/scanner.h"
#include "source/git_history.h"
#include "source/history_checkpoint.h"

namespace twilint::app {

class HistoryCache : public scan::ResultStore, public source::WalkMemory {
 public:
  // The cache for the history scan `settings` describe, or nullptr: without Settings::use_cache
  // (the cache never holds unredacted secrets), outside a repository, or when the cache cannot be
  // used (a line in `warnings` says why; so does a walk checkpoint that does not decode, which
  // only costs a full walk).
  static std::unique_ptr<HistoryCache> open(const Settings& settings, std::vector<std::string>& warnings);

  // scan::ResultStore
  const model::BlobResult* find(std::string_view oid, std::string_view path) const override {
    return blobs_->find(oid, path);
  }
  void add(std::string_view oid, std::string_view path, model::BlobResult result) override {
    blobs_->add(oid, path, std::move(result));
  }

  // source::WalkMemory (the source ignores it for a --branch or --range walk)
  const source::HistoryCheckpoint* earlier_walk() const override { return stored_ ? &*stored_ : nullptr; }
  void record_walk(source::HistoryCheckpoint walk) override { recorded_ = std::move(walk); }

  // Stores the results the scan added and, when the scan was complete and the walk was recorded,
  // the new checkpoint (keeping only the blobs with findings). A failure is a line in `warnings`.
  void save(const scan::ScanResult& result, std::vector<std::string>& warnings);

 private:
  explicit HistoryCache(std::unique_ptr<cache::BlobCache> blobs) : blobs_(std::move(blobs)) {}

  std::unique_ptr<cache::BlobCache> blobs_;
  std::optional<source::HistoryCheckpoint> stored_;  // decoded at open
  source::HistoryCheckpoint recorded_;                // filled by the source's enumerate()
};

}  // namespace twilint::app
