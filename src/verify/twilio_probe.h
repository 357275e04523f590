// What twilint asks Twilio for each kind of credential, and what Twilio's answer means. Pure: no I/O.
//
//   Auth Token: GET {endpoint}/2010-04-01/Accounts/{AC}.json                   user AC, password token
//   API key:    GET {endpoint}/2010-04-01/Accounts/{AC}/Messages.json?PageSize=1  user SK, password secret
//
// API keys are probed on Messages, not on /Accounts: Twilio answers a Standard key on /Accounts with
// 401 / 20003, which would make every live Standard key look dead.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/verification.h"
#include "verify/http_client.h"

namespace twilint::verify {

struct Probe {
  std::string url;
  std::string user;
  std::string password;
};

// The request for `credential` against `endpoint` (a base URL without a trailing '/'). When a
// partner SID is missing there is nothing to send: returns the indeterminate outcome instead, with
// the candidate's unpaired_reason as its detail when it has one.
struct ProbePlan {
  std::optional<Probe> probe;
  model::Verification outcome;  // meaningful when !probe
};
ProbePlan plan_probe(const model::CredentialCandidate& credential, std::string_view endpoint);

// The Twilio "code" of a JSON error body ({"code": 20003, "message": …, "status": 401}), or nullopt
// when the body is not one: then it was not Twilio that answered (a proxy, a firewall, a portal).
std::optional<int> twilio_error_code(std::string_view body);

// Maps one complete or failed exchange to an outcome. 200 live; 403 restricted (authenticated);
// 401 invalid (for an API key: "invalid, or restricted with no access to the probed resource");
// 404 live, account mismatch; everything else — 429, 5xx, timeouts, TLS, DNS, dropped connections
// and statuses without Twilio's JSON body — indeterminate, never invalid. A 429 is mapped here
// too; the caller decides whether to honour Retry-After first.
model::Verification classify(model::CredentialKind kind, const HttpResponse& response);

// The detail of an API key's 401: a restricted key without access to Messages gets the same answer
// as a wrong secret, so twilint never says plain "invalid" for a key.
inline constexpr std::string_view kApiKey401Detail = "invalid, or restricted with no access to the probed resource";

}  // namespace twilint::verify
