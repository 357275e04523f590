// What twilint asks for each kind of credential, and what the answer means. Pure: no I/O.
//
//   Auth Token:   GET {twilio}/2010-04-01/Accounts/{AC}.json                    user AC, password token
//   API key:      GET {twilio}/2010-04-01/Accounts/{AC}/Messages.json?PageSize=1  user SK, password secret
//   SendGrid key: GET {sendgrid}/v3/scopes                                       Authorization: Bearer key
//   OAuth app:    POST {oauth}/v2/token  grant_type=client_credentials&client_id=OQ…&client_secret=…
//                 (the token it answers with is never kept or printed)
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
  std::string method = "GET";
  std::string url;
  std::string user;      // basic auth
  std::string password;  // basic auth
  std::string bearer;    // instead of basic auth
  std::string form;      // a POST's body
};

// Where each service is (base URLs without a trailing '/'): the real ones unless a proxy or a test
// server stands in (--verify-endpoint, [verify] in the config).
struct Endpoints {
  std::string twilio = "https://api.twilio.com";
  std::string sendgrid = "https://api.sendgrid.com";
  std::string twilio_oauth = "https://oauth.twilio.com";
};

// The request for `credential`. When a partner (SID, client id) is missing there is nothing to
// send: returns the indeterminate outcome instead, with the candidate's unpaired_reason as its
// detail when it has one.
struct ProbePlan {
  std::optional<Probe> probe;
  model::Verification outcome;  // meaningful when !probe
};
ProbePlan plan_probe(const model::CredentialCandidate& credential, const Endpoints& endpoints);

// The Twilio "code" of a JSON error body ({"code": 20003, "message": …, "status": 401}), or nullopt
// when the body is not one: then it was not Twilio that answered (a proxy, a firewall, a portal).
std::optional<int> twilio_error_code(std::string_view body);

// Maps one complete or failed exchange to an outcome (family_probe.h for SendGrid and OAuth apps).
// Twilio REST: 200 live; 403 restricted (authenticated);
// 401 invalid (for an API key: "invalid, or restricted with no access to the probed resource");
// 404 live, account mismatch; everything else — 429, 5xx, timeouts, TLS, DNS, dropped connections
// and statuses without Twilio's JSON body — indeterminate, never invalid. A 429 is mapped here
// too; the caller decides whether to honour Retry-After first.
model::Verification classify(model::CredentialKind kind, const HttpResponse& response);

// The detail of an API key's 401: a restricted key without access to Messages gets the same answer
// as a wrong secret, so twilint never says plain "invalid" for a key.
// The outcome of an exchange that did not complete (timeout, DNS, TLS, cancelled): indeterminate.
model::Verification incomplete_outcome(const HttpResponse& response);

// Any status a classifier has no meaning for: 429 (rate limited, with its Retry-After), 5xx
// (`service` server error), anything else unexpected; always indeterminate.
model::Verification other_status_outcome(const HttpResponse& response, int vendor_code, std::string_view service);

inline constexpr std::string_view kApiKey401Detail = "invalid, or restricted with no access to the probed resource";

}  // namespace twilint::verify
