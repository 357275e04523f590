// `--verify`: checks found credentials against Twilio's REST API (and SendGrid's, and Twilio's
// OAuth server, for those kinds), politely and within bounds —
// one request per unique credential (a credential found in ten files is asked about once), at most
// `concurrency` requests in flight, each limited to `request_timeout`, and the whole run to
// `time_budget`, within which a 429's Retry-After is honoured (up to kMaxAttempts tries). Whatever
// does not fit in the budget is indeterminate, never invalid.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/verification.h"
#include "verify/twilio_probe.h"

namespace twilint::verify {

struct VerifyOptions {
  Endpoints endpoints;  // base URLs, no trailing '/'
  unsigned concurrency = 4;                          // >= 1
  std::chrono::milliseconds request_timeout{5000};
  std::chrono::milliseconds time_budget{60000};
  std::string user_agent = "twilint";
  const std::atomic<bool>* cancel = nullptr;  // stops sending and waiting when set (SIGINT)
};

inline constexpr int kMaxAttempts = 3;  // the first request plus up to two after a 429

struct VerifyResult {
  // finding_key -> outcome, for every candidate given.
  std::unordered_map<std::string, model::Verification> outcomes;
  size_t unique_credentials = 0;
  size_t requests_sent = 0;  // including retries after 429
  std::vector<std::string> endpoints_used;  // the base URLs requests were planned to, in first-use order
};

// "Twilio", "SendGrid" or "Twilio's OAuth server": who answers for a kind of credential.
std::string_view service_name(model::CredentialKind kind);

// Verifies every candidate. Candidates with the same (kind, account, key, secret) share one
// request and one outcome. Blocks until done or the budget is spent.
VerifyResult verify_all(const std::vector<model::CredentialCandidate>& candidates, const VerifyOptions& options);

}  // namespace twilint::verify
