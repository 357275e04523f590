// `twilint revoke`'s one request: deleting an API key through Twilio's REST API,
//   DELETE {endpoint}/2010-04-01/Accounts/{AC}/Keys/{SK}.json   (basic auth: the caller's credentials)
// and what each answer means. Sending is the caller's decision (dry run by default).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace twilint::verify {

struct RevokeRequest {
  std::string endpoint;     // base URL without a trailing '/'
  std::string account_sid;  // AC…
  std::string key_sid;      // SK… to delete
  std::string user;         // basic auth user (AC… or SK…); never logged
  std::string password;     // never logged
  std::chrono::milliseconds timeout{10000};
};

// The URL the request goes to.
std::string revoke_url(const RevokeRequest& request);

enum class RevokeStatus {
  kDeleted,       // 204 (or 200)
  kUnauthorized,  // 401: the credentials were rejected (a Standard key cannot manage /Keys)
  kForbidden,     // 403
  kNotFound,      // 404: no such key in that account (already deleted, or another account's)
  kRateLimited,   // 429
  kServerError,   // 5xx
  kTimedOut,
  kFailed,        // no answer (DNS, connect, TLS, dropped) or an unexpected status
};

struct RevokeResult {
  RevokeStatus status = RevokeStatus::kFailed;
  int http_status = 0;
  int twilio_code = 0;  // from Twilio's JSON error body; 0 when absent
  long retry_after_seconds = 0;
  std::string detail;   // one line for the user: what happened and what to do
};

// Sends the DELETE and waits for the answer. Requires http_global_init() to have run.
RevokeResult revoke_key(const RevokeRequest& request);

}  // namespace twilint::verify
