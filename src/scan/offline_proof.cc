#include "scan/offline_proof.h"

#include <string>

#include "match/validators.h"

namespace twilint::scan {
namespace {

model::Verification confirmed(std::string detail) {
  model::Verification v;
  v.status = model::VerificationStatus::kConfirmedOffline;
  v.detail = std::move(detail);
  return v;
}

}  // namespace

void confirm_offline(std::vector<model::Finding>& findings, const std::vector<RawValue>& access_tokens,
                     const std::vector<RawValue>& key_secrets) {
  for (const RawValue& token : access_tokens) {
    auto decoded = match::decode_twilio_access_token(token.value);
    if (!decoded) continue;
    const std::string pair = "API key " + decoded->api_key_sid.substr(0, 6) + "…, account " +
                             decoded->account_sid.substr(0, 6) + "…";
    for (const RawValue& secret : key_secrets) {
      if (!match::jwt_signed_with(token.value, secret.value)) continue;
      model::Finding& t = findings[token.finding];
      model::Finding& s = findings[secret.finding];
      s.severity = model::Severity::kCritical;
      s.message += " — confirmed offline: it signs the Access Token at line " + std::to_string(t.line) + " (" + pair + ")";
      s.verification = confirmed("the Access Token at line " + std::to_string(t.line) + " carries this secret's signature (" +
                                 pair + "); no request was made");
      t.message += " — confirmed offline: signed by the API key secret at line " + std::to_string(s.line);
      t.verification = confirmed("its signature is the one the API key secret at line " + std::to_string(s.line) +
                                 " makes (" + pair + "); no request was made");
    }
  }
}

}  // namespace twilint::scan
