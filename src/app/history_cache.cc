#include "app/history_cache.h"

#include <unordered_map>
#include <vector>

#include "app/checkpoint_codec.h"
#include "git/common.h"
#include "util/sha256.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0.0.0"
#endif

namespace twilint::app {
namespace {

// Keeps the blobs the next run must hand out again: those whose results have findings or were not
// cached (the rest only count in blob_stats), and the commits they name.
void keep_blobs_to_hand_out_again(source::HistoryCheckpoint& checkpoint, cache::BlobCache& blobs) {
  std::vector<source::WalkedBlob> kept;
  std::vector<model::CommitInfo> commits;
  std::unordered_map<uint32_t, uint32_t> renumbered;
  for (source::WalkedBlob& blob : checkpoint.blobs) {
    if (!blobs.must_hand_out_again(blob.blob, blob.path)) continue;
    auto [it, inserted] = renumbered.try_emplace(blob.commit, static_cast<uint32_t>(commits.size()));
    if (inserted) commits.push_back(std::move(checkpoint.commits[blob.commit]));
    blob.commit = it->second;
    kept.push_back(std::move(blob));
  }
  checkpoint.blobs = std::move(kept);
  checkpoint.commits = std::move(commits);
}

}  // namespace

std::unique_ptr<HistoryCache> HistoryCache::open(const Settings& settings, std::vector<std::string>& warnings) {
  if (!settings.use_cache) return nullptr;
  std::optional<std::string> identity = git::repository_identity(settings.history.repo);
  if (!identity) return nullptr;  // the history source reports the error itself
  const Loaded& loaded = *settings.loaded;
  // Everything that decides what a (blob, path) yields: the rule pack (built-in and extra files),
  // the config text, the tool version and the size limit.
  std::string key = std::string("version=") + TWILINT_VERSION + "\nrules=" + loaded.rules.digest +
                         "\nconfig=" + loaded.config.digest + "\nmax_file_size=" + std::to_string(settings.max_file_size);
  std::unique_ptr<cache::BlobCache> blobs =
      cache::BlobCache::open(settings.cache_dir, *identity, util::sha256_hex(key), warnings);
  if (!blobs) return nullptr;
  std::unique_ptr<HistoryCache> cache(new HistoryCache(std::move(blobs)));
  if (!cache->blobs_->walk().empty()) {
    cache->stored_ = decode_checkpoint(cache->blobs_->walk());
    if (!cache->stored_) {
      warnings.push_back("cache " + cache->blobs_->file() +
                         " has an unreadable history checkpoint; walking the whole history and rewriting it");
    }
  }
  return cache;
}

void HistoryCache::save(const scan::ScanResult& result, std::vector<std::string>& warnings) {
  // A checkpoint may only stand for a complete walk: what was skipped for an error must be
  // reported again next time, and a cancelled scan never gets here.
  if (!result.cancelled && !result.stats.incomplete() && !recorded_.commit_digest.empty()) {
    const bool unchanged = stored_ && stored_->commit_count == recorded_.commit_count &&
                           stored_->commit_digest == recorded_.commit_digest;
    if (!unchanged) {
      recorded_.blob_stats.add_blob_counts(result.commit_blob_stats);
      keep_blobs_to_hand_out_again(recorded_, *blobs_);
      blobs_->set_walk(encode_checkpoint(recorded_));
    }
  }
  blobs_->save(warnings);
}

}  // namespace twilint::app
