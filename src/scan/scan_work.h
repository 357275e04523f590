// The pieces a scan run is made of (scan/scan_run.h): the work a worker gets, the queue that
// bounds how much of a huge history is held at once, what each worker collects, and the steps
// on one item that do not need the run's state. Internal to scan/.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/blob_result.h"
#include "model/finding.h"
#include "model/stats.h"
#include "rules/rule.h"
#include "scan/history_occurrences.h"
#include "scan/offline_proof.h"
#include "scan/scope_pairing.h"
#include "source/source.h"

namespace twilint::scan {

// One item for a worker: its position in the enumeration (history: walk order), and the cache's
// result for it when it has one (a history blob with findings, which still needs its bytes to
// tell added lines from carried ones).
struct Work {
  source::Item item;
  uint64_t sequence = 0;
  const model::BlobResult* hit = nullptr;
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

// The item's versions in its commit's parents, decoded as the scan decodes the item itself.
std::vector<std::string> decoded_parent_versions(source::Source& source, const source::Item& item);

// Whether `line` is inside one of `ranges` (a staged change's added lines).
bool on_lines(int line, const std::vector<source::LineRange>& ranges);

// The change an item belongs to, for --verify's pairing across blobs (model::CredentialCandidate::
// scope): a history blob's commit, else whatever its source says (the staged change); empty for a
// working-tree file, which pairs within itself only.
std::string pairing_scope(const source::Item& item);

// The ids of the rules whose findings hold Access Tokens (`tokens`) or API key secrets.
std::set<std::string> proof_rules(const rules::RuleSet& rules, bool tokens);

// A cached result for `item`: its findings, counted into `stats` as scanning it would count.
std::vector<model::Finding> take_cached(const source::Item& item, const model::BlobResult& hit,
                                        model::ScanStats& stats);

// Whether a cached item's findings cannot be used without the blob's bytes: a history blob with
// findings, whose lines must be compared with its parents' versions.
bool needs_bytes(const source::Item& item, const model::BlobResult& hit);

// Adds the findings of the raw bytes (and their credentials) that the decoded text did not have:
// decoding must never hide what the bytes themselves show (an "FF FE" file that is not UTF-16).
void add_raw_only(std::vector<model::Finding>& found, std::vector<model::Finding> raw_found,
                  std::vector<model::CredentialCandidate>& raw_credentials,
                  std::vector<model::CredentialCandidate>* credentials);

}  // namespace twilint::scan
