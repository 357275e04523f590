#include "verify/twilio_probe.h"

#include <nlohmann/json.hpp>

#include "verify/family_probe.h"

namespace twilint::verify {
namespace {

using model::CredentialKind;
using model::Verification;
using model::VerificationStatus;

Verification outcome(VerificationStatus status, int http_status, int twilio_code, std::string detail) {
  return Verification{status, http_status, twilio_code, std::move(detail)};
}

}  // namespace

ProbePlan plan_probe(const model::CredentialCandidate& c, const Endpoints& endpoints) {
  if (c.kind == CredentialKind::kSendgridKey) return plan_sendgrid_probe(c, endpoints.sendgrid);
  if (c.kind == CredentialKind::kOAuthClient) return plan_oauth_probe(c, endpoints.twilio_oauth);
  const std::string& endpoint = endpoints.twilio;
  ProbePlan plan;
  if (c.account_sid.empty()) {
    plan.outcome = outcome(VerificationStatus::kIndeterminate, 0, 0,
                           c.unpaired_reason.empty() ? "no account SID found to probe with" : c.unpaired_reason);
    return plan;
  }
  std::string accounts = std::string(endpoint) + "/2010-04-01/Accounts/" + c.account_sid;
  if (c.kind == CredentialKind::kAuthToken) {
    plan.probe = Probe{"GET", accounts + ".json", c.account_sid, c.secret, "", ""};
    return plan;
  }
  if (c.key_sid.empty()) {
    plan.outcome = outcome(VerificationStatus::kIndeterminate, 0, 0,
                           c.unpaired_reason.empty() ? "no API key SID found to probe with" : c.unpaired_reason);
    return plan;
  }
  plan.probe = Probe{"GET", accounts + "/Messages.json?PageSize=1", c.key_sid, c.secret, "", ""};
  return plan;
}

std::optional<int> twilio_error_code(std::string_view body) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  auto code = doc.find("code");
  if (code == doc.end() || !code->is_number_integer()) return std::nullopt;
  return code->get<int>();
}

Verification incomplete_outcome(const HttpResponse& r) {
  if (r.cancelled) return outcome(VerificationStatus::kIndeterminate, 0, 0, "interrupted");
  return outcome(VerificationStatus::kIndeterminate, 0, 0,
                 r.timed_out ? "no answer in time: " + r.error : "request failed: " + r.error);
}

Verification classify(CredentialKind kind, const HttpResponse& r) {
  if (kind == CredentialKind::kSendgridKey) return classify_sendgrid(r);
  if (kind == CredentialKind::kOAuthClient) return classify_oauth(r);
  const bool key = kind == CredentialKind::kApiKey;
  if (!r.complete) return incomplete_outcome(r);
  const std::optional<int> code = twilio_error_code(r.body);
  const int twilio_code = code.value_or(0);
  auto not_twilio = [&] {
    return outcome(VerificationStatus::kIndeterminate, r.status, 0,
                   "HTTP " + std::to_string(r.status) + " without Twilio's JSON body (a proxy or firewall answered?)");
  };
  switch (r.status) {
    case 200: {
      nlohmann::json doc = nlohmann::json::parse(r.body, nullptr, false);
      if (doc.is_discarded() || !doc.is_object()) return not_twilio();
      return outcome(VerificationStatus::kLive, 200, 0, "");
    }
    case 401:
      if (!code) return not_twilio();
      return outcome(VerificationStatus::kInvalid, 401, twilio_code,
                     key ? std::string(kApiKey401Detail) : "Twilio rejected this Account SID and Auth Token");
    case 403:
      if (!code) return not_twilio();
      return outcome(VerificationStatus::kRestricted, 403, twilio_code,
                     key ? "authenticated; the key is restricted (no access to the probed resource)"
                         : "authenticated, but not allowed to read the account");
    case 404:
      if (!code) return not_twilio();
      return outcome(VerificationStatus::kLive, 404, twilio_code,
                     "authenticated, account mismatch: the credential works, but not for the Account SID found near it");
    default:
      return other_status_outcome(r, twilio_code, "Twilio");
  }
}

Verification other_status_outcome(const HttpResponse& r, int vendor_code, std::string_view service) {
  if (r.status == 429) {
    std::string detail = "rate limited";
    if (r.retry_after_seconds > 0) detail += " (Retry-After " + std::to_string(r.retry_after_seconds) + " s)";
    return outcome(VerificationStatus::kIndeterminate, 429, vendor_code, detail);
  }
  if (r.status >= 500) {
    return outcome(VerificationStatus::kIndeterminate, r.status, vendor_code,
                   std::string(service) + " server error; try again later");
  }
  return outcome(VerificationStatus::kIndeterminate, r.status, vendor_code,
                 "unexpected HTTP status " + std::to_string(r.status));
}

}  // namespace twilint::verify
