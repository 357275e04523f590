#include "cli/history_cache.h"

#include <cstdio>
#include <unordered_map>
#include <vector>

#include "cli/checkpoint_codec.h"
#include "git/common.h"
#include "util/sha256.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0.0.0"
#endif

namespace twilint::cli {
namespace {

void warn(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::fprintf(stderr, "twilint: warning: %s\n", w.c_str());
}

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

void add_cache_options(CLI::App* command, CommonOptions& options) {
  command->add_option("--cache-dir", options.cache_dir,
                      "Directory of the incremental history cache (default: $XDG_CACHE_HOME/twilint)");
  command->add_flag("--no-cache", options.no_cache, "Neither read nor write the history cache");
}

std::unique_ptr<HistoryCache> HistoryCache::open(const CommonOptions& options, const Loaded& loaded,
                                                 const std::string& repo, uint64_t max_file_size) {
  if (options.no_cache || options.show_secrets || options.verify) return nullptr;
  std::optional<std::string> identity = git::repository_identity(repo);
  if (!identity) return nullptr;  // the history source reports the error itself
  std::string dir = !options.cache_dir.empty()        ? options.cache_dir
                    : !loaded.config.cache_dir.empty() ? loaded.config.cache_dir
                                                       : cache::default_cache_dir();
  // Everything that decides what a (blob, path) yields: the rule pack (built-in and extra files),
  // the config text, the tool version and the size limit.
  std::string settings = std::string("version=") + TWILINT_VERSION + "\nrules=" + loaded.rules.digest +
                         "\nconfig=" + loaded.config.digest + "\nmax_file_size=" + std::to_string(max_file_size);
  std::vector<std::string> warnings;
  std::unique_ptr<cache::BlobCache> blobs = cache::BlobCache::open(dir, *identity, util::sha256_hex(settings), warnings);
  if (!blobs) {
    warn(warnings);
    return nullptr;
  }
  std::unique_ptr<HistoryCache> cache(new HistoryCache(std::move(blobs)));
  if (!cache->blobs_->walk().empty()) {
    cache->stored_ = decode_checkpoint(cache->blobs_->walk());
    if (!cache->stored_) {
      warnings.push_back("cache " + cache->blobs_->file() +
                         " has an unreadable history checkpoint; walking the whole history and rewriting it");
    }
  }
  warn(warnings);
  return cache;
}

void HistoryCache::attach(source::HistoryOptions& options) {
  options.resume_from = stored_ ? &*stored_ : nullptr;
  options.record_into = &recorded_;
  attached_ = true;
}

void HistoryCache::save(const scan::ScanResult& result) {
  // A checkpoint may only stand for a complete walk: what was skipped for an error must be
  // reported again next time, and a cancelled scan never gets here.
  if (attached_ && !result.cancelled && !result.stats.incomplete() && !recorded_.commit_digest.empty()) {
    const bool unchanged = stored_ && stored_->commit_count == recorded_.commit_count &&
                           stored_->commit_digest == recorded_.commit_digest;
    if (!unchanged) {
      recorded_.blob_stats.add_blob_counts(result.commit_blob_stats);
      keep_blobs_to_hand_out_again(recorded_, *blobs_);
      blobs_->set_walk(encode_checkpoint(recorded_));
    }
  }
  std::vector<std::string> warnings;
  blobs_->save(warnings);
  warn(warnings);
}

}  // namespace twilint::cli
