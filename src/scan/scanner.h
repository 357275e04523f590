// Runs a source through the matcher on a thread pool and turns raw matches into findings:
// path filters, inline suppression, allowlists, overlap resolution, credential pairing,
// fingerprints, redaction. Output order is deterministic whatever the thread timing.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "config/config.h"
#include "config/effective_rules.h"
#include "match/matcher.h"
#include "model/finding.h"
#include "model/progress.h"
#include "model/stats.h"
#include "model/verification.h"
#include "rules/rule.h"
#include "scan/offline_proof.h"
#include "scan/result_store.h"
#include "source/source.h"

namespace twilint::scan {

struct ScanOptions {
  unsigned jobs = 0;  // 0 = all cores
  bool show_secrets = false;
  std::unordered_set<std::string> baseline;  // fingerprints to hide
  const std::atomic<bool>* cancel = nullptr;  // set by the SIGINT handler
  // Called about every quarter second, from a thread of its own, with how far the scan has come,
  // then once with `finished` set; unset = no progress. The caller draws it (history on a
  // terminal).
  std::function<void(const model::ProgressSnapshot&)> progress;
  // For --verify: also hand back each reported credential unredacted (ScanResult::credentials).
  bool collect_credentials = false;
  // History only: results of blobs already scanned, looked up by (blob id, path) on the
  // enumerating thread (a known blob never goes through the work queue); new results are added
  // to it. Never with show_secrets or collect_credentials (the cache holds
  // redacted findings only). Not owned.
  ResultStore* cache = nullptr;
  // History: one finding per (rule, path, secret) at its first introduction in walk order, the
  // other blobs that added it as its occurrences (scan/history_occurrences.h). Lines a blob
  // carried forward from its commit's parents are dropped whether or not this is set.
  bool group_occurrences = false;
  // The config applied to the rules (enabled, severity, path sets); unset = built from the
  // scanner's rules and config.
  std::shared_ptr<const config::EffectiveRules> effective_rules;
};

struct ScanResult {
  std::vector<model::Finding> findings;
  model::ScanStats stats;
  bool cancelled = false;
  // Only with collect_credentials: one per reported finding that --verify can check, in no
  // particular order, each with the partner SIDs of its own blob or, failing that, of its change
  // (the commit in history, the staged change; see ScopeSids). Holds unredacted secrets: keep in
  // memory, never print.
  std::vector<model::CredentialCandidate> credentials;
  // The part of `stats` that items attributed to a commit added (history blobs, not those only a
  // tree or blob ref reaches, nor replayed ones): what the history cache's checkpoint keeps.
  model::ScanStats commit_blob_stats;
};

class Scanner {
 public:
  // `rules` and `config` must outlive the scanner.
  Scanner(const rules::RuleSet& rules, const config::Config& config, ScanOptions options);

  ScanResult run(source::Source& source);

  // Findings for one blob's bytes, before baseline filtering and sorting. Counts suppressed and
  // allowlisted findings into `stats`. Thread-safe.
  // With `credentials`, also appends the candidates of the findings returned, with `proof` the
  // blob's raw Access Tokens and key secrets (see build_findings).
  std::vector<model::Finding> analyze(std::string_view bytes, const model::Origin& origin,
                                      model::ScanStats& stats,
                                      std::vector<model::CredentialCandidate>* credentials = nullptr,
                                      ProofMaterial* proof = nullptr) const;

 private:
  std::vector<bool> rules_for_path(const std::string& path) const;

  const rules::RuleSet& rules_;
  const config::Config& config_;
  ScanOptions options_;
  match::Matcher matcher_;
  std::shared_ptr<const config::EffectiveRules> effective_;
};

}  // namespace twilint::scan
