// A finding as every reporter sees it: already filtered, paired, fingerprinted and (unless the
// user asked otherwise) redacted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/origin.h"
#include "model/severity.h"
#include "model/verification.h"

namespace twilint::model {

// Another place where a history finding's secret was added: a later commit that re-added it after
// a deletion, a commit on another branch that added it independently, another line or another
// blob at the same path. Never a blob version that only carried the line forward.
struct Occurrence {
  Origin origin;
  int line = 0;  // 1-based
  int column = 0;
};

struct Finding {
  std::string rule_id;
  RuleKind kind = RuleKind::kSecret;
  Severity severity = Severity::kInfo;
  Origin origin;
  int line = 0;  // 1-based, of the secret (or of the offending construct for misuse rules)
  int column = 0;
  int end_line = 0;
  int end_column = 0;  // 1-based, exclusive
  std::string snippet;      // the source line, secret redacted unless --show-secrets
  std::string secret;       // the secret (or the matched construct), redacted unless --show-secrets
  std::string fingerprint;  // rule id + path + sha256 of the secret; stable when lines move
  std::string secret_hash;  // sha256 hex of the unredacted secret (for baselines and verification)
  std::string message;      // one line: what was found, with pair / JWT details
  std::string fix;          // one line: what to do
  // Full guidance (what is wrong, right method, before/after). Empty from the scan stage: reporters
  // take the rule's guidance from ReportContext.rules, so findings do not each carry a copy.
  std::string guidance;
  std::optional<Verification> verification;  // set only by --verify, for credentials it checked
  // History only: the other places that added the same secret (same rule, path and secret), in
  // walk order; this finding is the first introduction. Empty in every other mode.
  std::vector<Occurrence> occurrences;
};

// Orders findings by path, then line, then column, then rule id: the deterministic report order.
bool finding_order(const Finding& a, const Finding& b);

}  // namespace twilint::model
