#include "scan/scan_run.h"

#include <algorithm>
#include <condition_variable>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "scan/finding_builder.h"
#include "scan/window_scan.h"
#include "util/encoding.h"

namespace twilint::scan {
namespace {

// Thrown by the enumeration sink on Ctrl-C, so a long history walk stops too and sources unwind.
struct Cancelled {};

// Sorts what the report lists by every field: one path can be skipped twice (two blobs at it,
// binary and too large), and the report must not depend on which thread or which run (cached or
// not) met them first.
void order_stats(model::ScanStats& stats) {
  std::sort(stats.skipped.begin(), stats.skipped.end(), [](const model::Skipped& a, const model::Skipped& b) {
    return std::tie(a.path, a.reason, a.error) < std::tie(b.path, b.reason, b.error);
  });
  std::sort(stats.warnings.begin(), stats.warnings.end());
  stats.warnings.erase(std::unique(stats.warnings.begin(), stats.warnings.end()), stats.warnings.end());
}

}  // namespace

ScanRun::ScanRun(const Scanner& scanner, const rules::RuleSet& rules, const config::Config& config,
                 const ScanOptions& options, source::Source& source)
    : scanner_(scanner), rules_(rules), config_(config), options_(options), source_(source) {}

// [scan] exclude applies to every source (history and staged blobs too); the filesystem walker
// also prunes excluded directories early, so this only catches the other sources. True when the
// item is passed over.
bool ScanRun::excluded_or_allowlisted(const source::Item& item, model::ScanStats& stats) const {
  if (util::any_matches(config_.exclude, item.origin.relative)) return true;
  if (util::any_matches(config_.allow_paths, item.origin.relative)) {
    ++stats.files_skipped;
    stats.skipped.push_back({item.origin.path, "allowlisted path", false});
    return true;
  }
  return false;
}

// Replayed items' stats (Partial::uncounted) are left out: their source has counted them.
void ScanRun::merge(Partial& part) {
  std::lock_guard lock(results_mutex_);
  result_.stats.add_blob_counts(part.commit_stats);
  result_.stats.add_blob_counts(part.other_stats);
  result_.commit_blob_stats.add_blob_counts(part.commit_stats);
  for (WalkedFinding& f : part.findings) walked_.push_back(std::move(f));
  for (model::CredentialCandidate& c : part.credentials) result_.credentials.push_back(std::move(c));
  scope_sids_.merge(part.sids);
  proof_.merge(std::move(part.proof));
}

// A blob's bytes through the matcher: its findings, counted into `stats` and added to the cache.
// Nullopt for a binary blob (counted as skipped). `raw` is the blob as loaded; when `also_raw`, its
// own findings that the decoded `bytes` lack are added (decoding never hides what the bytes show).
std::optional<std::vector<model::Finding>> ScanRun::scan_bytes(const source::Item& item, std::string_view bytes,
                                                               std::string_view raw, bool also_raw,
                                                               model::ScanStats& stats, Partial& part) {
  const uint64_t raw_size = raw.size();
  const bool cacheable = options_.cache != nullptr && !item.only_lines;
  if (util::looks_binary(bytes) && !item.named) {
    ++stats.files_skipped;
    stats.skipped.push_back({item.origin.path, "binary", false});
    if (cacheable) options_.cache->add(item.locator, item.origin.relative, model::BlobResult{true, 0, 0, 0, {}});
    return std::nullopt;
  }
  ++stats.files_scanned;
  stats.bytes_scanned += raw_size;
  bytes_done_ += raw_size;
  model::ScanStats blob_stats;  // this blob's suppressed/allowlisted counts, for the cache
  const size_t first_candidate = part.credentials.size();
  const size_t first_proof = part.proof.size();
  std::vector<model::CredentialCandidate>* credentials = options_.collect_credentials ? &part.credentials : nullptr;
  std::vector<model::Finding> found = scanner_.analyze(bytes, item.origin, blob_stats, credentials, &part.proof);
  if (also_raw) {
    model::ScanStats raw_stats;  // counted once: from the decoded text
    std::vector<model::CredentialCandidate> raw_credentials;
    add_raw_only(found, scanner_.analyze(raw, item.origin, raw_stats, &raw_credentials, &part.proof), raw_credentials,
                 credentials);
  }
  if (options_.collect_credentials) {
    std::string scope = pairing_scope(item);
    if (!scope.empty()) {
      for (size_t i = first_candidate; i < part.credentials.size(); ++i) part.credentials[i].scope = scope;
      part.sids.add_blob(scope, bytes);  // whether or not this blob has findings: it may hold the SID
    }
  }
  // A blob holding a token or key secret is not cached: a cached result has no raw values, and
  // a later run must still prove what this blob holds against what another one does.
  if (cacheable && part.proof.size() == first_proof) {
    // Every finding of the blob at this path: which lines count as added depends on the commit.
    model::BlobResult stored{false, raw_size, blob_stats.suppressed, blob_stats.allowlisted, found};
    for (model::Finding& f : stored.findings) f.origin = {};
    options_.cache->add(item.locator, item.origin.relative, std::move(stored));
  }
  stats.add_blob_counts(blob_stats);
  return found;
}

// An item too large to hold, or a pipe: matched a window at a time (never cached).
void ScanRun::scan_streamed(const source::Item& item, uint64_t sequence, source::ByteStream& stream, Partial& part,
                            model::ScanStats& stats) {
  WindowScanOptions window_options;
  window_options.skip_binary = !item.named;
  window_options.cancelled = [this] { return cancelled(); };
  WindowAnalyzer analyze_window = [&](std::string_view window, model::ScanStats& window_stats,
                                      std::vector<model::CredentialCandidate>* credentials) {
    return scanner_.analyze(window, item.origin, window_stats, credentials, &part.proof);
  };
  WindowScanResult scanned = scan_in_windows(stream, analyze_window, window_options, stats,
                                             options_.collect_credentials ? &part.credentials : nullptr);
  if (scanned.binary) {
    ++stats.files_skipped;
    stats.skipped.push_back({item.origin.path, "binary", false});
    return;
  }
  ++stats.files_scanned;
  stats.bytes_scanned += scanned.bytes;
  bytes_done_ += scanned.bytes;
  if (scanned.error) {
    stats.skipped.push_back(
        {item.origin.path, "read error after " + std::to_string(scanned.bytes) + " bytes: " + *scanned.error, true});
  }
  for (model::Finding& f : scanned.findings) part.findings.push_back(WalkedFinding{sequence, std::move(f)});
}

// One queued item, with the cache's result for it or without: load, decode, match (or take the
// stored findings), drop lines its commit's parents held, keep the rest.
void ScanRun::handle(const Work& work, Partial& part) {
  const source::Item& item = work.item;
  model::ScanStats& stats = part.stats_for(item);
  if (excluded_or_allowlisted(item, stats)) {
    ++done_;
    return;
  }
  source::Loaded loaded = source_.load(item);
  ++done_;
  if (loaded.skipped) {
    ++stats.files_skipped;
    stats.skipped.push_back(*loaded.skipped);
    return;
  }
  if (loaded.stream) return scan_streamed(item, work.sequence, *loaded.stream, part, stats);
  std::string decoded_storage;
  std::string_view bytes = loaded.bytes;
  bool also_raw = false;  // the bytes after a UTF-16 BOM read as text themselves
  if (auto decoded = util::decode_utf16_bom(bytes)) {
    decoded_storage = std::move(*decoded);
    bytes = decoded_storage;
    also_raw = !util::looks_binary(std::string_view(loaded.bytes).substr(2));
  }
  std::optional<std::vector<model::Finding>> found =
      work.hit != nullptr ? take_cached(item, *work.hit, stats) : scan_bytes(item, bytes, loaded.bytes, also_raw, stats, part);
  if (!found) return;
  // A history blob's lines that its commit's parents already held are no new leak.
  if (item.origin.commit && !found->empty()) drop_carried_forward(*found, bytes, decoded_parent_versions(source_, item));
  for (model::Finding& f : *found) {
    if (item.only_lines && !on_lines(f.line, *item.only_lines)) continue;
    part.findings.push_back(WalkedFinding{work.sequence, std::move(f)});
  }
}

// Only what the cache does not know, or a history blob with findings, reaches a worker: with a
// cache, every item was looked up on the enumerating thread before it was queued.
void ScanRun::worker() {
  Partial part;
  while (auto work = queue_.pop()) {
    if (cancelled()) continue;  // drain without work so the enumerator never blocks forever
    handle(*work, part);
  }
  merge(part);
}

// A blob scanned at this path by an earlier run: its stored result, right here. Handing it to a
// worker would cost more (locks, wake-ups, context switches) than using it.
bool ScanRun::took_from_cache(source::Item& item, uint64_t sequence) {
  if (options_.cache == nullptr || item.only_lines) return false;
  const model::BlobResult* hit = options_.cache->find(item.locator, item.origin.relative);
  if (hit == nullptr) return false;
  if (needs_bytes(item, *hit)) {
    queue_.push(Work{std::move(item), sequence, hit});
    return true;
  }
  if (!excluded_or_allowlisted(item, known_.stats_for(item))) {
    for (model::Finding& f : take_cached(item, *hit, known_.stats_for(item))) {
      known_.findings.push_back(WalkedFinding{sequence, std::move(f)});
    }
  }
  ++handled_inline_;
  ++done_;
  return true;
}

void ScanRun::enumerate() {
  try {
    source_.enumerate(
        [&](source::Item&& item) {
          if (cancelled()) throw Cancelled{};
          const uint64_t sequence = next_sequence_++;
          if (!took_from_cache(item, sequence)) queue_.push(Work{std::move(item), sequence, nullptr});
        },
        enumeration_stats_);
  } catch (const Cancelled&) {
  }
  enumeration_finished_ = true;
  queue_.close();
}

void ScanRun::show_progress() {
  model::ProgressSnapshot snapshot;
  snapshot.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  snapshot.total = queue_.pushed() + handled_inline_.load();
  snapshot.done = done_.load();
  snapshot.total_known = enumeration_finished_;
  snapshot.bytes = bytes_done_.load();
  options_.progress(snapshot);
}

ScanResult ScanRun::run() {
  unsigned jobs = options_.jobs != 0 ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.emplace_back([this] { worker(); });

  std::thread progress;
  std::mutex progress_mutex;
  std::condition_variable progress_cv;
  bool progress_stop = false;
  if (options_.progress) {
    progress = std::thread([&] {
      std::unique_lock lock(progress_mutex);
      while (!progress_cv.wait_for(lock, std::chrono::milliseconds(250), [&] { return progress_stop; })) show_progress();
      options_.progress(model::ProgressSnapshot{.finished = true});
    });
  }
  enumerate();
  for (std::thread& t : workers) t.join();
  merge(known_);
  if (progress.joinable()) {
    {
      std::lock_guard lock(progress_mutex);
      progress_stop = true;
    }
    progress_cv.notify_all();
    progress.join();
  }
  return finish();
}

// Everything found, as one result: grouped (history), baseline applied, proofs across the scan,
// credentials narrowed to what is reported and paired, findings and stats in a fixed order.
ScanResult ScanRun::finish() {
  ScanResult result = std::move(result_);
  result.stats.add_blob_counts(enumeration_stats_);
  result.stats.commits_scanned = enumeration_stats_.commits_scanned;
  result.stats.shallow = enumeration_stats_.shallow;
  result.stats.notes = enumeration_stats_.notes;
  result.cancelled = cancelled();
  if (options_.group_occurrences) {
    result.findings = group_occurrences(std::move(walked_));
  } else {
    for (WalkedFinding& f : walked_) result.findings.push_back(std::move(f.finding));
  }
  if (!options_.baseline.empty()) {
    const size_t before = result.findings.size();
    std::erase_if(result.findings, [&](const model::Finding& f) { return options_.baseline.count(f.fingerprint) > 0; });
    result.stats.baselined = before - result.findings.size();
  }
  confirm_across_scan(result.findings, std::move(proof_), proof_rules(rules_, true), proof_rules(rules_, false));
  if (!result.credentials.empty()) {
    // Only credentials that are reported get verified: not those on lines a staged scan ignores,
    // nor those the baseline hides.
    std::unordered_set<std::string> reported;
    for (const model::Finding& f : result.findings) reported.insert(finding_key(f));
    std::erase_if(result.credentials,
                  [&](const model::CredentialCandidate& c) { return reported.count(c.finding_key) == 0; });
    // Only now is every blob of every change seen.
    scope_sids_.pair(result.credentials);
  }
  std::sort(result.findings.begin(), result.findings.end(), model::finding_order);
  order_stats(result.stats);
  result.stats.duration_ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_).count());
  return result;
}

}  // namespace twilint::scan
