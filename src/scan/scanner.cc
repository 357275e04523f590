#include "scan/scanner.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "scan/finding_builder.h"
#include "scan/history_occurrences.h"
#include "scan/progress_line.h"
#include "scan/scope_pairing.h"
#include "scan/window_scan.h"
#include "util/encoding.h"

namespace twilint::scan {
namespace {

// One item for a worker: its position in the enumeration (history: walk order), and the cache's
// result for it when it has one (a history blob with findings, which still needs its bytes to
// tell added lines from carried ones).
struct Work {
  source::Item item;
  uint64_t sequence = 0;
  const cache::BlobResult* hit = nullptr;
};

// A bounded queue between the enumerating thread and the workers, so that enumerating a huge
// history never holds more than kCapacity items in memory at once.
class WorkQueue {
 public:
  static constexpr size_t kCapacity = 4096;

  void push(Work&& item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < kCapacity || closed_; });
    items_.push_back(std::move(item));
    ++pushed_;
    not_empty_.notify_one();
  }
  std::optional<Work> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    Work item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }
  uint64_t pushed() {
    std::lock_guard lock(mutex_);
    return pushed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Work> items_;
  uint64_t pushed_ = 0;
  bool closed_ = false;
};

// The item's versions in its commit's parents, decoded as the scan decodes the item itself.
std::vector<std::string> decoded_parent_versions(source::Source& source, const source::Item& item) {
  std::vector<std::string> versions = source.parent_versions(item);
  for (std::string& version : versions) {
    if (auto decoded = util::decode_utf16_bom(version)) version = std::move(*decoded);
  }
  return versions;
}

bool on_lines(int line, const std::vector<source::LineRange>& ranges) {
  for (const source::LineRange& r : ranges) {
    if (line >= r.first && line <= r.last) return true;
  }
  return false;
}

// The change an item belongs to, for --verify's pairing across blobs (model::CredentialCandidate::
// scope): a history blob's commit, else whatever its source says (the staged change); empty for a
// working-tree file, which pairs within itself only.
std::string pairing_scope(const source::Item& item) {
  if (item.origin.commit) return "commit " + item.origin.commit->id;
  return item.pairing_scope;
}

// The ids of the rules whose findings hold Access Tokens (`tokens`) or API key secrets.
std::set<std::string> proof_rules(const rules::RuleSet& rules, bool tokens) {
  std::set<std::string> ids;
  for (const rules::Rule& r : rules.rules) {
    const bool is = tokens ? r.validators.decoder == "twilio-jwt" : r.verify == rules::VerifyMethod::kTwilioApiKey;
    if (is) ids.insert(r.id);
  }
  return ids;
}

// What one thread found and counted, merged into the result once the thread is done.
struct Partial {
  std::vector<WalkedFinding> findings;
  std::vector<model::CredentialCandidate> credentials;
  ScopeSids sids;
  ProofMaterial proof;  // raw tokens and key secrets, for confirm_across_scan
  model::ScanStats commit_stats;  // items attributed to a commit
  model::ScanStats other_stats;   // every other item
  model::ScanStats uncounted;     // replayed items: their source has counted them already

  model::ScanStats& stats_for(const source::Item& item) {
    if (item.replayed) return uncounted;
    return item.origin.commit ? commit_stats : other_stats;
  }
};

// A cached result for `item`: its findings, counted into `stats` as scanning it would count.
std::vector<model::Finding> take_cached(const source::Item& item, const cache::BlobResult& hit,
                                        model::ScanStats& stats) {
  std::vector<model::Finding> found;
  if (hit.binary) {
    ++stats.files_skipped;
    stats.skipped.push_back({item.origin.path, "binary", false});
    return found;
  }
  ++stats.files_scanned;
  stats.bytes_scanned += hit.bytes;
  stats.bytes_from_cache += hit.bytes;
  stats.suppressed += hit.suppressed;
  stats.allowlisted += hit.allowlisted;
  found = hit.findings;
  for (model::Finding& f : found) f.origin = item.origin;
  return found;
}

// Whether `found`, a cached item's findings, can be used without the blob's bytes: anything but
// a history blob with findings, whose lines must be compared with its parents' versions.
bool needs_bytes(const source::Item& item, const cache::BlobResult& hit) {
  return item.origin.commit.has_value() && !hit.findings.empty();
}

// Adds the findings of the raw bytes (and their credentials) that the decoded text did not have:
// decoding must never hide what the bytes themselves show (an "FF FE" file that is not UTF-16).
void add_raw_only(std::vector<model::Finding>& found, std::vector<model::Finding> raw_found,
                  std::vector<model::CredentialCandidate>& raw_credentials,
                  std::vector<model::CredentialCandidate>* credentials) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const model::Finding& f : found) seen.insert({f.rule_id, f.secret_hash});
  std::set<std::string> kept_keys;
  for (model::Finding& f : raw_found) {
    if (!seen.insert({f.rule_id, f.secret_hash}).second) continue;
    kept_keys.insert(finding_key(f));
    found.push_back(std::move(f));
  }
  if (credentials == nullptr) return;
  for (model::CredentialCandidate& c : raw_credentials) {
    if (kept_keys.count(c.finding_key) > 0) credentials->push_back(std::move(c));
  }
}

}  // namespace

Scanner::Scanner(const rules::RuleSet& rules, const config::Config& config, ScanOptions options)
    : rules_(rules), config_(config), options_(std::move(options)), matcher_(rules) {
  disabled_.assign(rules.rules.size(), false);
  for (const std::string& id : config.disabled_rules) {
    int i = rules.index_of(id);
    if (i >= 0) disabled_[static_cast<size_t>(i)] = true;
  }
  for (const rules::Rule& rule : rules.rules) {
    auto compile = [&](const std::vector<std::string>& patterns) {
      std::vector<util::Glob> globs;
      bool production = false, client = false;
      for (const std::string& p : patterns) {
        if (p == "@production") {
          production = true;
        } else if (p == "@client") {
          client = true;
        } else if (auto g = util::Glob::compile(p)) {
          globs.push_back(std::move(*g));
        }
      }
      if (production) globs.insert(globs.end(), config.production_paths.begin(), config.production_paths.end());
      if (client) globs.insert(globs.end(), config.client_paths.begin(), config.client_paths.end());
      // One automaton per rule: the built-in path sets expand to hundreds of globs.
      return config::PathSet(globs);
    };
    include_.push_back(compile(rule.paths.include));
    exclude_.push_back(compile(rule.paths.exclude));
  }
}

std::vector<bool> Scanner::rules_for_path(const std::string& path) const {
  std::vector<bool> enabled(rules_.rules.size(), true);
  for (size_t i = 0; i < enabled.size(); ++i) {
    const rules::Rule& rule = rules_.rules[i];
    if (disabled_[i]) {
      enabled[i] = false;
    } else if (!rule.paths.include.empty() && !include_[i].matches(path)) {
      enabled[i] = false;
    } else if (!exclude_[i].empty() && exclude_[i].matches(path)) {
      enabled[i] = false;
    }
  }
  return enabled;
}

std::vector<model::Finding> Scanner::analyze(std::string_view bytes, const model::Origin& origin,
                                             model::ScanStats& stats,
                                             std::vector<model::CredentialCandidate>* credentials,
                                             ProofMaterial* proof) const {
  std::vector<match::RawMatch> raw = matcher_.find(bytes, rules_for_path(origin.relative));
  BuildOptions build{options_.show_secrets};
  return build_findings(bytes, origin, std::move(raw), rules_, config_, build, stats, credentials, proof);
}

ScanResult Scanner::run(source::Source& source) {
  auto started = std::chrono::steady_clock::now();
  ScanResult result;
  WorkQueue queue;
  std::mutex results_mutex;
  std::vector<WalkedFinding> walked;  // every thread's findings, with their walk positions
  ScopeSids scope_sids;  // with collect_credentials: the SIDs of each change, for pairing across its blobs
  ProofMaterial proof;   // every thread's raw tokens and key secrets
  std::atomic<uint64_t> done{0}, bytes_done{0}, handled_inline{0};
  std::atomic<bool> enumeration_finished{false};
  auto cancelled = [&] { return options_.cancel != nullptr && options_.cancel->load(); };

  // [scan] exclude applies to every source (history and staged blobs too); the filesystem walker
  // also prunes excluded directories early, so this only catches the other sources. True when the
  // item is passed over.
  auto excluded_or_allowlisted = [&](const source::Item& item, model::ScanStats& stats) {
    if (util::any_matches(config_.exclude, item.origin.relative)) return true;
    if (util::any_matches(config_.allow_paths, item.origin.relative)) {
      ++stats.files_skipped;
      stats.skipped.push_back({item.origin.path, "allowlisted path", false});
      return true;
    }
    return false;
  };

  auto merge_partial = [&](Partial& part) {
    std::lock_guard lock(results_mutex);
    result.stats.add_blob_counts(part.commit_stats);
    result.stats.add_blob_counts(part.other_stats);
    result.commit_blob_stats.add_blob_counts(part.commit_stats);
    for (WalkedFinding& f : part.findings) walked.push_back(std::move(f));
    for (model::CredentialCandidate& c : part.credentials) result.credentials.push_back(std::move(c));
    scope_sids.merge(part.sids);
    proof.merge(std::move(part.proof));
  };

  // A blob's bytes through the matcher: its findings, counted into `stats` and added to the
  // cache. Nullopt for a binary blob (counted as skipped).
  // `raw` is the blob as loaded; when `also_raw`, its own findings that the decoded `bytes` lack
  // are added (decoding never hides what the bytes show).
  auto scan_bytes = [&](const source::Item& item, std::string_view bytes, std::string_view raw, bool also_raw,
                        model::ScanStats& stats, Partial& part) -> std::optional<std::vector<model::Finding>> {
    const uint64_t raw_size = raw.size();
    const bool cacheable = options_.cache != nullptr && !item.only_lines;
    if (util::looks_binary(bytes) && !item.named) {
      ++stats.files_skipped;
      stats.skipped.push_back({item.origin.path, "binary", false});
      if (cacheable) options_.cache->add(item.locator, item.origin.relative, cache::BlobResult{true, 0, 0, 0, {}});
      return std::nullopt;
    }
    ++stats.files_scanned;
    stats.bytes_scanned += raw_size;
    bytes_done += raw_size;
    model::ScanStats blob_stats;  // this blob's suppressed/allowlisted counts, for the cache
    const size_t first_candidate = part.credentials.size();
    const size_t first_proof = part.proof.size();
    std::vector<model::CredentialCandidate>* credentials = options_.collect_credentials ? &part.credentials : nullptr;
    std::vector<model::Finding> found = analyze(bytes, item.origin, blob_stats, credentials, &part.proof);
    if (also_raw) {
      model::ScanStats raw_stats;  // counted once: from the decoded text
      std::vector<model::CredentialCandidate> raw_credentials;
      add_raw_only(found, analyze(raw, item.origin, raw_stats, &raw_credentials, &part.proof), raw_credentials,
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
      cache::BlobResult stored{false, raw_size, blob_stats.suppressed, blob_stats.allowlisted, found};
      for (model::Finding& f : stored.findings) f.origin = {};
      options_.cache->add(item.locator, item.origin.relative, std::move(stored));
    }
    stats.add_blob_counts(blob_stats);
    return found;
  };


  // An item too large to hold, or a pipe: matched a window at a time (never cached).
  auto scan_streamed = [&](const source::Item& item, uint64_t sequence, source::ByteStream& stream, Partial& part,
                           model::ScanStats& stats) {
    WindowScanOptions window_options;
    window_options.skip_binary = !item.named;
    window_options.cancelled = cancelled;
    WindowAnalyzer analyze_window = [&](std::string_view window, model::ScanStats& window_stats,
                                        std::vector<model::CredentialCandidate>* credentials) {
      return analyze(window, item.origin, window_stats, credentials, &part.proof);
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
    bytes_done += scanned.bytes;
    if (scanned.error) stats.skipped.push_back({item.origin.path, "read error after " + std::to_string(scanned.bytes) +
                                                                      " bytes: " + *scanned.error, true});
    for (model::Finding& f : scanned.findings) part.findings.push_back(WalkedFinding{sequence, std::move(f)});
  };

  // Only what the cache does not know, or a history blob with findings, reaches a worker: with a
  // cache, every item was looked up on the enumerating thread before it was queued.
  auto worker = [&] {
    Partial part;
    while (auto work = queue.pop()) {
      if (cancelled()) continue;  // drain without work so the enumerator never blocks forever
      const source::Item& item = work->item;
      model::ScanStats& stats = part.stats_for(item);
      if (excluded_or_allowlisted(item, stats)) {
        ++done;
        continue;
      }
      source::Loaded loaded = source.load(item);
      ++done;
      if (loaded.skipped) {
        ++stats.files_skipped;
        stats.skipped.push_back(*loaded.skipped);
        continue;
      }
      if (loaded.stream) {
        scan_streamed(item, work->sequence, *loaded.stream, part, stats);
        continue;
      }
      std::string decoded_storage;
      std::string_view bytes = loaded.bytes;
      bool also_raw = false;  // the bytes after a UTF-16 BOM read as text themselves
      if (auto decoded = util::decode_utf16_bom(bytes)) {
        decoded_storage = std::move(*decoded);
        bytes = decoded_storage;
        also_raw = !util::looks_binary(std::string_view(loaded.bytes).substr(2));
      }
      std::optional<std::vector<model::Finding>> found;
      if (work->hit != nullptr) {
        found = take_cached(item, *work->hit, stats);
      } else {
        found = scan_bytes(item, bytes, loaded.bytes, also_raw, stats, part);
      }
      if (!found) continue;
      // A history blob's lines that its commit's parents already held are no new leak.
      if (item.origin.commit && !found->empty()) drop_carried_forward(*found, bytes, decoded_parent_versions(source, item));
      for (model::Finding& f : *found) {
        if (item.only_lines && !on_lines(f.line, *item.only_lines)) continue;
        part.findings.push_back(WalkedFinding{work->sequence, std::move(f)});
      }
    }
    merge_partial(part);
  };

  unsigned jobs = options_.jobs != 0 ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.emplace_back(worker);

  // On a terminal, a progress line for long scans (history); nothing otherwise.
  std::thread progress;
  std::mutex progress_mutex;
  std::condition_variable progress_cv;
  bool progress_stop = false;
  if (options_.progress) {
    progress = std::thread([&] {
      std::unique_lock lock(progress_mutex);
      while (!progress_cv.wait_for(lock, std::chrono::milliseconds(250), [&] { return progress_stop; })) {
        ProgressSnapshot snapshot;
        snapshot.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        snapshot.total = queue.pushed() + handled_inline.load();
        snapshot.done = done.load();
        snapshot.total_known = enumeration_finished;
        snapshot.bytes = bytes_done.load();
        std::fprintf(stderr, "\r\033[K%s", progress_line(snapshot).c_str());
        std::fflush(stderr);
      }
      std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    });
  }

  // Ctrl-C stops enumeration too (a long history walk): the sink throws and sources unwind.
  struct Cancelled {};
  model::ScanStats enumeration_stats;
  Partial known;  // items the cache knows, handled on this thread
  uint64_t next_sequence = 0;
  try {
    source.enumerate(
        [&](source::Item&& item) {
          if (cancelled()) throw Cancelled{};
          const uint64_t sequence = next_sequence++;
          // A blob scanned at this path by an earlier run: its stored result, right here. Handing
          // it to a worker would cost more (locks, wake-ups, context switches) than using it.
          if (options_.cache != nullptr && !item.only_lines) {
            if (const cache::BlobResult* hit = options_.cache->find(item.locator, item.origin.relative)) {
              if (needs_bytes(item, *hit)) {
                queue.push(Work{std::move(item), sequence, hit});
                return;
              }
              if (!excluded_or_allowlisted(item, known.stats_for(item))) {
                for (model::Finding& f : take_cached(item, *hit, known.stats_for(item))) {
                  known.findings.push_back(WalkedFinding{sequence, std::move(f)});
                }
              }
              ++handled_inline;
              ++done;
              return;
            }
          }
          queue.push(Work{std::move(item), sequence, nullptr});
        },
        enumeration_stats);
  } catch (const Cancelled&) {
  }
  enumeration_finished = true;
  queue.close();
  for (std::thread& t : workers) t.join();
  merge_partial(known);
  if (progress.joinable()) {
    {
      std::lock_guard lock(progress_mutex);
      progress_stop = true;
    }
    progress_cv.notify_all();
    progress.join();
  }

  result.stats.add_blob_counts(enumeration_stats);
  result.stats.commits_scanned = enumeration_stats.commits_scanned;
  result.stats.shallow = enumeration_stats.shallow;
  result.stats.notes = enumeration_stats.notes;
  result.cancelled = cancelled();
  if (options_.group_occurrences) {
    result.findings = group_occurrences(std::move(walked));
  } else {
    for (WalkedFinding& f : walked) result.findings.push_back(std::move(f.finding));
  }

  if (!options_.baseline.empty()) {
    auto hidden = std::remove_if(result.findings.begin(), result.findings.end(), [&](const model::Finding& f) {
      return options_.baseline.count(f.fingerprint) > 0;
    });
    result.stats.baselined = static_cast<uint64_t>(result.findings.end() - hidden);
    result.findings.erase(hidden, result.findings.end());
  }
  confirm_across_scan(result.findings, std::move(proof), proof_rules(rules_, true), proof_rules(rules_, false));
  if (!result.credentials.empty()) {
    // Only credentials that are reported get verified: not those on lines a staged scan ignores,
    // nor those the baseline hides.
    std::unordered_set<std::string> reported;
    for (const model::Finding& f : result.findings) reported.insert(finding_key(f));
    std::erase_if(result.credentials,
                  [&](const model::CredentialCandidate& c) { return reported.count(c.finding_key) == 0; });
    // Only now is every blob of every change seen.
    scope_sids.pair(result.credentials);
  }
  std::sort(result.findings.begin(), result.findings.end(), model::finding_order);
  // By every field: one path can be skipped twice (two blobs at it, binary and too large), and
  // the report must not depend on which thread or which run (cached or not) met them first.
  std::sort(result.stats.skipped.begin(), result.stats.skipped.end(), [](const model::Skipped& a, const model::Skipped& b) {
    return std::tie(a.path, a.reason, a.error) < std::tie(b.path, b.reason, b.error);
  });
  std::sort(result.stats.warnings.begin(), result.stats.warnings.end());
  result.stats.warnings.erase(std::unique(result.stats.warnings.begin(), result.stats.warnings.end()),
                              result.stats.warnings.end());
  result.stats.duration_ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  return result;
}

}  // namespace twilint::scan
