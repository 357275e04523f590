// One Scanner::run: a source's items through a pool of workers into one ScanResult. The
// enumerating thread hands each item to a worker, or, when the history cache already knows it,
// takes its stored result on the spot; every worker handles its items with handle() (the cached
// and the uncached alike), keeps what it finds in a Partial of its own and merges it once at the
// end; finish() groups, filters and orders the whole. Internal to scan/.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "scan/scanner.h"
#include "scan/scan_work.h"

namespace twilint::scan {

class ScanRun {
 public:
  // Everything must outlive the run.
  ScanRun(const Scanner& scanner, const rules::RuleSet& rules, const config::Config& config,
          const ScanOptions& options, source::Source& source);

  ScanResult run();

 private:
  bool cancelled() const { return options_.cancel != nullptr && options_.cancel->load(); }
  bool excluded_or_allowlisted(const source::Item& item, model::ScanStats& stats) const;
  void merge(Partial& part);
  void worker();
  void handle(const Work& work, Partial& part);
  std::optional<std::vector<model::Finding>> scan_bytes(const source::Item& item, std::string_view bytes,
                                                        std::string_view raw, bool also_raw, model::ScanStats& stats,
                                                        Partial& part);
  void scan_streamed(const source::Item& item, uint64_t sequence, source::ByteStream& stream, Partial& part,
                     model::ScanStats& stats);
  // On the enumerating thread: true when the cache's result settles `item` without a worker.
  bool took_from_cache(source::Item& item, uint64_t sequence);
  void enumerate();
  void show_progress();
  ScanResult finish();

  const Scanner& scanner_;
  const rules::RuleSet& rules_;
  const config::Config& config_;
  const ScanOptions& options_;
  source::Source& source_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();

  WorkQueue queue_;
  std::mutex results_mutex_;  // guards result_, walked_, scope_sids_, proof_ while merging
  ScanResult result_;
  std::vector<WalkedFinding> walked_;  // every thread's findings, with their walk positions
  ScopeSids scope_sids_;  // with collect_credentials: the SIDs of each change, for pairing across its blobs
  ProofMaterial proof_;   // every thread's raw tokens and key secrets
  Partial known_;         // items the cache settled on the enumerating thread
  model::ScanStats enumeration_stats_;
  uint64_t next_sequence_ = 0;
  std::atomic<uint64_t> done_{0}, bytes_done_{0}, handled_inline_{0};
  std::atomic<bool> enumeration_finished_{false};
};

}  // namespace twilint::scan
