#include "verify/family_probe.h"

#include <nlohmann/json.hpp>

namespace twilint::verify {
namespace {

using model::Verification;
using model::VerificationStatus;

Verification outcome(VerificationStatus status, int http_status, std::string detail) {
  return Verification{status, http_status, 0, std::move(detail)};
}

nlohmann::json json_object(std::string_view body) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  return doc.is_object() ? doc : nlohmann::json();
}

Verification not_the_service(const HttpResponse& r, std::string_view service) {
  return outcome(VerificationStatus::kIndeterminate, r.status,
                 "HTTP " + std::to_string(r.status) + " without " + std::string(service) +
                     "'s JSON body (a proxy or firewall answered?)");
}

}  // namespace

std::string form_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

ProbePlan plan_sendgrid_probe(const model::CredentialCandidate& c, std::string_view endpoint) {
  ProbePlan plan;
  plan.probe = Probe{"GET", std::string(endpoint) + "/v3/scopes", "", "", c.secret, ""};
  return plan;
}

ProbePlan plan_oauth_probe(const model::CredentialCandidate& c, std::string_view endpoint) {
  ProbePlan plan;
  if (c.key_sid.empty()) {
    plan.outcome = outcome(VerificationStatus::kIndeterminate, 0,
                           c.unpaired_reason.empty() ? "no OAuth client id (OQ…) found to probe with" : c.unpaired_reason);
    return plan;
  }
  std::string form = "grant_type=client_credentials&client_id=" + form_encode(c.key_sid) +
                     "&client_secret=" + form_encode(c.secret);
  plan.probe = Probe{"POST", std::string(endpoint) + "/v2/token", "", "", "", std::move(form)};
  return plan;
}

Verification classify_sendgrid(const HttpResponse& r) {
  if (!r.complete) return incomplete_outcome(r);
  const nlohmann::json doc = json_object(r.body);
  const bool errors = doc.is_object() && doc.contains("errors") && doc["errors"].is_array();
  switch (r.status) {
    case 200:
      if (!doc.is_object() || !doc.contains("scopes") || !doc["scopes"].is_array()) {
        return not_the_service(r, "SendGrid");
      }
      return outcome(VerificationStatus::kLive, 200,
                     "SendGrid accepted the key (" + std::to_string(doc["scopes"].size()) + " scopes)");
    case 401:
      if (!errors) return not_the_service(r, "SendGrid");
      return outcome(VerificationStatus::kInvalid, 401, "SendGrid rejected this API key");
    case 403:
      if (!errors) return not_the_service(r, "SendGrid");
      return outcome(VerificationStatus::kRestricted, 403,
                     "authenticated; the key is restricted (no access to its scopes list)");
    default:
      return other_status_outcome(r, 0, "SendGrid");
  }
}

Verification classify_oauth(const HttpResponse& r) {
  if (!r.complete) return incomplete_outcome(r);
  const nlohmann::json doc = json_object(r.body);
  // Twilio's error body ({"code": …}) or an OAuth 2.0 one ({"error": "invalid_client"}).
  const bool error_body = doc.is_object() && (doc.contains("code") || doc.contains("error"));
  switch (r.status) {
    case 200:
      if (!doc.is_object() || !doc.contains("access_token") || !doc["access_token"].is_string()) {
        return not_the_service(r, "Twilio OAuth");
      }
      return outcome(VerificationStatus::kLive, 200,
                     "Twilio's OAuth server issued an access token for these client credentials (discarded)");
    case 400:
      if (doc.is_object() && doc.value("error", "") == "invalid_client") {
        return outcome(VerificationStatus::kInvalid, 400, "Twilio's OAuth server rejected this client id and secret");
      }
      return other_status_outcome(r, 0, "Twilio OAuth");
    case 401:
      if (!error_body) return not_the_service(r, "Twilio OAuth");
      return outcome(VerificationStatus::kInvalid, 401, "Twilio's OAuth server rejected this client id and secret");
    default:
      return other_status_outcome(r, 0, "Twilio OAuth");
  }
}

}  // namespace twilint::verify
