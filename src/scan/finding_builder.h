// Turns one blob's raw matches into findings: overlap resolution, credential pairing, inline
// suppression, allowlists, severity overrides, fingerprints and redaction. Pure: no I/O.
#pragma once

#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/effective_rules.h"
#include "match/matcher.h"
#include "model/finding.h"
#include "model/stats.h"
#include "model/verification.h"
#include "rules/rule.h"
#include "scan/offline_proof.h"

namespace twilint::scan {

struct BuildOptions {
  bool show_secrets = false;
  const config::EffectiveRules* effective = nullptr;  // each rule's severity; required, not owned
};

// When `credentials` is not null, also appends one candidate per finding that --verify can check
// (keyed by finding_key), holding the unredacted secret: it must never reach a report. When `proof`
// is not null, also appends the blob's reported Access Tokens and API key secrets to it, unredacted
// too, for confirm_across_scan.
std::vector<model::Finding> build_findings(std::string_view bytes, const model::Origin& origin,
                                           std::vector<match::RawMatch> raw, const rules::RuleSet& rules,
                                           const config::Config& config, const BuildOptions& options,
                                           model::ScanStats& stats,
                                           std::vector<model::CredentialCandidate>* credentials = nullptr,
                                           ProofMaterial* proof = nullptr);

// Identifies one finding within a run: the fingerprint alone does not (one secret can occur twice in
// a file, and history can report the same path in several commits).
std::string finding_key(const model::Finding& finding);

// "e8d2…" — the first 4 characters and an ellipsis; nothing for secrets of 8 characters or fewer.
std::string redact(std::string_view secret);

// sha256(rule id, relative path, secret): the content-based fingerprint baselines use.
std::string fingerprint(std::string_view rule_id, std::string_view relative_path, std::string_view secret);

}  // namespace twilint::scan
