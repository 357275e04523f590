#include "cli/verification.h"

#include <chrono>
#include <cstdio>
#include <unordered_map>

#include "config/values.h"
#include "scan/finding_builder.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0.0.0"
#endif

namespace twilint::cli {
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

// "[SERVICE=]URL" into the endpoint it replaces; false (and the error printed) when it names no
// service twilint knows or its URL is not one.
bool apply_endpoint_flag(const std::string& value, verify::Endpoints& endpoints) {
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
    print_errors({{"", 0, "--verify-endpoint: unknown service '" + service + "' (twilio, sendgrid, twilio-oauth)"}});
    return false;
  }
  auto endpoint = config::normalize_endpoint(url);
  if (!endpoint) {
    print_errors({{"", 0, "--verify-endpoint: " + endpoint.errors().front().message}});
    return false;
  }
  *target = std::move(*endpoint);
  return true;
}

}  // namespace

std::optional<verify::VerifyOptions> verify_options(const CommonOptions& options, const config::Config& config) {
  verify::VerifyOptions v;
  if (options.write_baseline && options.verify) {
    print_errors({{"", 0, "--verify does not apply to baseline create (a baseline lists fingerprints only)"}});
    return std::nullopt;
  }
  v.endpoints = {config.verify_endpoint, config.sendgrid_endpoint, config.oauth_endpoint};
  for (const std::string& flag : options.verify_endpoints) {
    if (!apply_endpoint_flag(flag, v.endpoints)) return std::nullopt;
  }
  v.concurrency = options.verify_concurrency;
  v.request_timeout = to_ms(options.verify_request_timeout);
  v.time_budget = to_ms(options.verify_timeout);
  v.user_agent = "twilint/" TWILINT_VERSION;
  v.cancel = &interrupted();
  return v;
}

void verify_findings(const CommonOptions& options, const verify::VerifyOptions& verify_options,
                     scan::ScanResult& result) {
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
  std::fprintf(stderr, "twilint: --verify: %zu unique credential%s, %zu request%s to %s, %zu live\n",
               verified.unique_credentials, verified.unique_credentials == 1 ? "" : "s", verified.requests_sent,
               verified.requests_sent == 1 ? "" : "s", to.c_str(), live);

  if (options.only_verified) {
    size_t before = result.findings.size();
    std::erase_if(result.findings, [](const model::Finding& f) { return !f.verification || !model::is_live(*f.verification); });
    size_t hidden = before - result.findings.size();
    if (hidden > 0) {
      result.stats.notes.push_back("--only-verified: " + std::to_string(hidden) + " finding" + (hidden == 1 ? "" : "s") +
                                   " not shown (not verified live)");
    }
  }
}

}  // namespace twilint::cli
