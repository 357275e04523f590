// The incremental history cache for one `twilint history` run (Settings::use_cache, cache_dir), keyed by everything that decides a blob's findings: the stored result of
// every (blob, path) scanned before, for the scanner, and the checkpoint of the last walk, so that
// the history source walks only the commits added since.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/settings.h"
#include "cache/blob_cache.h"
#include "scan/scanner.h"
#include "source/git_history.h"
#include "source/history_checkpoint.h"

namespace twilint::app {

class HistoryCache {
 public:
  // The cache for the history scan `settings` describe, or nullptr: without Settings::use_cache
  // (the cache never holds unredacted secrets), outside a repository, or when the cache cannot be
  // used (a line in `warnings` says why; so does a walk checkpoint that does not decode, which
  // only costs a full walk).
  static std::unique_ptr<HistoryCache> open(const Settings& settings, std::vector<std::string>& warnings);

  // What the scanner looks blobs up in and adds them to.
  cache::BlobCache& blobs() { return *blobs_; }

  // Hands the stored walk checkpoint to the source and asks it for the new one. Call for a walk
  // of every ref only (no --branch, no --range): the checkpoint describes such a walk. `options`
  // then points into this object, which must outlive the source.
  void attach(source::HistoryOptions& options);

  // Stores the results the scan added and, when the scan was complete and the walk was recorded,
  // the new checkpoint (keeping only the blobs with findings). A failure is a line in `warnings`.
  void save(const scan::ScanResult& result, std::vector<std::string>& warnings);

 private:
  explicit HistoryCache(std::unique_ptr<cache::BlobCache> blobs) : blobs_(std::move(blobs)) {}

  std::unique_ptr<cache::BlobCache> blobs_;
  std::optional<source::HistoryCheckpoint> stored_;  // decoded at open
  bool attached_ = false;
  source::HistoryCheckpoint recorded_;  // filled by the source's enumerate()
};

}  // namespace twilint::app
