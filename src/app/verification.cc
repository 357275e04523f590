#include "app/verification.h"

#include <chrono>
#include <optional>
#include <unordered_map>

#include "config/values.h"
#include "scan/finding_builder.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0.0.0"
#endif

namespace twilint::app {
namespace {

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0 + 0.5));
}

std::string live_note(const model::Verification& v, std::string_view service) {
  std::string why = "HTTP " + std::to_string(v.http_status);
  if (v.status == model::VerificationStatus::kRestricted) why += ", restricted";
  if (v.http_status == 404) why += ", account mismatch";
  return " — verified live: " + std::string(service) + " accepted this credential (" + why + ")";
}

// "[SERVICE=]URL" into the endpoint it replaces; the error when it names no service twilint
// knows or its URL is not one.
std::optional<util::Diagnostic> apply_endpoint_flag(const std::string& value, verify::Endpoints& endpoints) {
  std::string service = "twilio";
  std::string url = value;
  const size_t equals = value.find('=');
  if (equals != std::string::npos && equals < value.find("://")) {
    service = value.substr(0, equals);
    url = value.substr(equals + 1);
  }
  std::string* target = service == "twilio"         ? &endpoints.twilio
                        : service == "sendgrid"     ? &endpoints.sendgrid
                        : service == "twilio-oauth" ? &endpoints.twilio_oauth
                                                    : nullptr;
  if (target == nullptr) {
    return util::Diagnostic{"", 0, "--verify-endpoint: unknown service '" + service + "' (twilio, sendgrid, twilio-oauth)"};
  }
  auto endpoint = config::normalize_endpoint(url);
  if (!endpoint) {
    return util::Diagnostic{"", 0, "--verify-endpoint: " + endpoint.errors().front().message};
  }
  *target = std::move(*endpoint);
  return std::nullopt;
}

}  // namespace

util::Diagnostics resolve_verify_options(const Request& request, const config::Config& config,
                                         const std::atomic<bool>* cancel, verify::VerifyOptions& out) {
  util::Diagnostics errors;
  if (request.write_baseline && request.verify) {
    errors.push_back({"", 0, "--verify does not apply to baseline create (a baseline lists fingerprints only)"});
  }
  out.endpoints = {config.verify_endpoint, config.sendgrid_endpoint, config.oauth_endpoint};
  for (const std::string& flag : request.verify_endpoints) {
    if (auto error = apply_endpoint_flag(flag, out.endpoints)) errors.push_back(std::move(*error));
  }
  out.concurrency = request.verify_concurrency;
  out.request_timeout = to_ms(request.verify_request_timeout);
  out.time_budget = to_ms(request.verify_timeout);
  out.user_agent = "twilint/" TWILINT_VERSION;
  out.cancel = cancel;
  return errors;
}

std::string verify_findings(const verify::VerifyOptions& verify_options, bool only_verified, scan::ScanResult& result) {
  verify::VerifyResult verified = verify::verify_all(result.credentials, verify_options);
  std::unordered_map<std::string, model::CredentialKind> kind_of;
  for (const model::CredentialCandidate& c : result.credentials) kind_of[c.finding_key] = c.kind;
  // The unredacted secrets are not needed any more.
  result.credentials.clear();
  result.credentials.shrink_to_fit();

  size_t live = 0;
  for (model::Finding& f : result.findings) {
    const std::string key = scan::finding_key(f);
    auto it = verified.outcomes.find(key);
    if (it == verified.outcomes.end()) continue;
    f.verification = it->second;
    if (model::is_live(it->second)) {
      ++live;
      f.severity = model::Severity::kCritical;
      f.message += live_note(it->second, verify::service_name(kind_of[key]));
    }
  }
  std::string to = verified.endpoints_used.empty() ? verify_options.endpoints.twilio : "";
  for (const std::string& endpoint : verified.endpoints_used) to += (to.empty() ? "" : ", ") + endpoint;
  std::string summary = "--verify: " + std::to_string(verified.unique_credentials) + " unique credential" +
                        (verified.unique_credentials == 1 ? "" : "s") + ", " + std::to_string(verified.requests_sent) +
                        " request" + (verified.requests_sent == 1 ? "" : "s") + " to " + to + ", " +
                        std::to_string(live) + " live";

  if (only_verified) {
    size_t before = result.findings.size();
    std::erase_if(result.findings, [](const model::Finding& f) { return !f.verification || !model::is_live(*f.verification); });
    size_t hidden = before - result.findings.size();
    if (hidden > 0) {
      result.stats.notes.push_back("--only-verified: " + std::to_string(hidden) + " finding" + (hidden == 1 ? "" : "s") +
                                   " not shown (not verified live)");
    }
  }
  return summary;
}

}  // namespace twilint::app
