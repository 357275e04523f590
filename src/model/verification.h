// Live verification (`--verify`): the credentials the scan stage hands over for checking, and the
// outcome that findings carry into every report format.
#pragma once

#include <string>
#include <string_view>

namespace twilint::model {

// What twilint concluded from Twilio's answer. kLive and kRestricted both mean the credential
// authenticated (a restricted key is a live key); kInvalid means Twilio rejected it; kIndeterminate
// means there was no usable answer (rate limit, 5xx, timeout, TLS, DNS, not Twilio answering, or no
// partner SID to probe with) and says nothing about the credential.
enum class VerificationStatus { kLive, kRestricted, kInvalid, kIndeterminate };

struct Verification {
  VerificationStatus status = VerificationStatus::kIndeterminate;
  int http_status = 0;  // 0 when no HTTP response was received
  int twilio_code = 0;  // Twilio's error "code" from the response body; 0 when none
  std::string detail;   // one line, for people; never contains the secret
};

// "live", "restricted", "invalid", "indeterminate": the names every report format uses.
std::string_view to_string(VerificationStatus status);

// True for kLive and kRestricted: the credential works and must be treated as an incident.
bool is_live(const Verification& v);

// "live (HTTP 200)", "invalid (HTTP 401, Twilio error 20003): <detail>", "indeterminate: <detail>".
std::string describe(const Verification& v);

enum class CredentialKind {
  kAuthToken,  // Account SID + Auth Token
  kApiKey,     // API Key SID + secret (+ the Account SID the request is scoped to)
};

// One credential the scan found, unredacted, with the partner SIDs found near it. Held in memory
// only, between the scan and verification: never written to any report, log or file.
struct CredentialCandidate {
  std::string finding_key;  // which finding this is (scan::finding_key); results are keyed by it
  CredentialKind kind = CredentialKind::kAuthToken;
  std::string account_sid;  // AC…; empty when none was found near the secret
  std::string key_sid;      // SK… for kApiKey; empty when none was found
  std::string secret;       // the Auth Token or the API key secret
};

}  // namespace twilint::model
