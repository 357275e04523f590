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
// kConfirmedOffline: no request was made; an Access Token found with the secret carries the
// signature that secret makes, which proves the secret is the one of the key (and account) the
// token names.
enum class VerificationStatus { kLive, kRestricted, kInvalid, kIndeterminate, kConfirmedOffline };

struct Verification {
  VerificationStatus status = VerificationStatus::kIndeterminate;
  int http_status = 0;  // 0 when no HTTP response was received
  int twilio_code = 0;  // Twilio's error "code" from the response body; 0 when none
  std::string detail;   // one line, for people; never contains the secret
};

// "live", "restricted", "invalid", "indeterminate", "confirmed-offline": the names every report
// format uses.
std::string_view to_string(VerificationStatus status);

// True for kLive and kRestricted: the credential works and must be treated as an incident.
bool is_live(const Verification& v);

// "live (HTTP 200)", "invalid (HTTP 401, Twilio error 20003): <detail>", "indeterminate: <detail>".
std::string describe(const Verification& v);

enum class CredentialKind {
  kAuthToken,    // Account SID + Auth Token
  kApiKey,       // API Key SID + secret (+ the Account SID the request is scoped to)
  kSendgridKey,  // a SendGrid API key on its own (a bearer token)
  kOAuthClient,  // a Twilio OAuth app: client id (OQ…) + client secret
};

// One credential the scan found, unredacted, with its partner SIDs: the nearest in the same blob,
// else the one other blobs of the same change hold (see scan::ScopeSids). Held in memory only,
// between the scan and verification: never written to any report, log or file. (SIDs and scopes
// are identifiers, not secrets.)
struct CredentialCandidate {
  std::string finding_key;  // which finding this is (scan::finding_key); results are keyed by it
  CredentialKind kind = CredentialKind::kAuthToken;
  std::string account_sid;  // AC…; empty when none was found
  std::string key_sid;      // SK… for kApiKey, the client id OQ… for kOAuthClient; empty when none was found
  std::string secret;       // the Auth Token, API key secret, SendGrid key or OAuth client secret
  // The change the blob belongs to, whose other blobs may lend a missing SID: "commit <40 hex>"
  // (history), "the staged change" (staged); empty (working tree) pairs within the blob only.
  std::string scope;
  // When a partner SID is still empty after pairing within the scope: why, for the indeterminate
  // outcome's detail (e.g. several different SIDs in the commit). Empty: the default detail.
  std::string unpaired_reason;
};

}  // namespace twilint::model
