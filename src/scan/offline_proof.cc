#include "scan/offline_proof.h"

#include <algorithm>
#include <string>

#include "match/validators.h"
#include "util/sha256.h"

namespace twilint::scan {
namespace {

model::Verification confirmed(std::string detail) {
  model::Verification v;
  v.status = model::VerificationStatus::kConfirmedOffline;
  v.detail = std::move(detail);
  return v;
}

// "API key SK3f9a…, account AC7d2e…": who issued the token, shortened as SIDs are in messages.
std::string signer(const match::TwilioAccessToken& token) {
  return "API key " + token.api_key_sid.substr(0, 6) + "…, account " + token.account_sid.substr(0, 6) + "…";
}

std::string place(const model::Finding& f) { return f.origin.path + ":" + std::to_string(f.line); }

void sort_unique(std::vector<std::string>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

// The first (in report order) finding of one of `rules` whose secret hashes to `hash`.
const model::Finding* first_with(const std::vector<model::Finding>& findings, const std::string& hash,
                                 const std::set<std::string>& rules) {
  const model::Finding* best = nullptr;
  for (const model::Finding& f : findings) {
    if (f.secret_hash != hash || rules.count(f.rule_id) == 0) continue;
    if (best == nullptr || model::finding_order(f, *best)) best = &f;
  }
  return best;
}

}  // namespace

void ProofMaterial::merge(ProofMaterial&& other) {
  for (std::string& t : other.access_tokens) access_tokens.push_back(std::move(t));
  for (std::string& s : other.key_secrets) key_secrets.push_back(std::move(s));
}

void confirm_across_scan(std::vector<model::Finding>& findings, ProofMaterial material,
                         const std::set<std::string>& token_rules, const std::set<std::string>& key_rules) {
  sort_unique(material.access_tokens);
  sort_unique(material.key_secrets);
  for (const std::string& token : material.access_tokens) {
    auto decoded = match::decode_twilio_access_token(token);
    if (!decoded) continue;
    const std::string pair = signer(*decoded);
    const std::string token_hash = util::sha256_hex(token);
    for (const std::string& secret : material.key_secrets) {
      if (!match::jwt_signed_with(token, secret)) continue;
      const std::string secret_hash = util::sha256_hex(secret);
      const model::Finding* t = first_with(findings, token_hash, token_rules);
      const model::Finding* s = first_with(findings, secret_hash, key_rules);
      if (t == nullptr || s == nullptr) continue;  // one of them is not reported (baseline, staged lines)
      const std::string token_at = place(*t), secret_at = place(*s);
      for (model::Finding& f : findings) {
        if (f.verification) continue;  // confirmed already, by what its own blob holds
        if (f.secret_hash == secret_hash && key_rules.count(f.rule_id) > 0) {
          f.severity = model::Severity::kCritical;
          f.message += " — confirmed offline: it signs the Access Token at " + token_at + " (" + pair + ")";
          f.verification = confirmed("the Access Token at " + token_at + " carries this secret's signature (" + pair +
                                     "); no request was made");
        } else if (f.secret_hash == token_hash && token_rules.count(f.rule_id) > 0) {
          f.message += " — confirmed offline: signed by the API key secret at " + secret_at;
          f.verification = confirmed("its signature is the one the API key secret at " + secret_at + " makes (" +
                                     pair + "); no request was made");
        }
      }
    }
  }
}

void confirm_offline(std::vector<model::Finding>& findings, const std::vector<RawValue>& access_tokens,
                     const std::vector<RawValue>& key_secrets) {
  for (const RawValue& token : access_tokens) {
    auto decoded = match::decode_twilio_access_token(token.value);
    if (!decoded) continue;
    const std::string pair = signer(*decoded);
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
