#include "cli/verification.h"

#include <chrono>
#include <cstdio>

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

std::string live_note(const model::Verification& v) {
  std::string why = "HTTP " + std::to_string(v.http_status);
  if (v.status == model::VerificationStatus::kRestricted) why += ", restricted";
  if (v.http_status == 404) why += ", account mismatch";
  return " — verified live: Twilio accepted this credential (" + why + ")";
}

}  // namespace

std::optional<verify::VerifyOptions> verify_options(const CommonOptions& options, const config::Config& config) {
  verify::VerifyOptions v;
  if (options.write_baseline && options.verify) {
    print_errors({{"", 0, "--verify does not apply to baseline create (a baseline lists fingerprints only)"}});
    return std::nullopt;
  }
  v.endpoint = config.verify_endpoint;
  if (!options.verify_endpoint.empty()) {
    auto endpoint = config::normalize_endpoint(options.verify_endpoint);
    if (!endpoint) {
      print_errors({{"", 0, "--verify-endpoint: " + endpoint.errors().front().message}});
      return std::nullopt;
    }
    v.endpoint = std::move(*endpoint);
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
  // The unredacted secrets are not needed any more.
  result.credentials.clear();
  result.credentials.shrink_to_fit();

  size_t live = 0;
  for (model::Finding& f : result.findings) {
    auto it = verified.outcomes.find(scan::finding_key(f));
    if (it == verified.outcomes.end()) continue;
    f.verification = it->second;
    if (model::is_live(it->second)) {
      ++live;
      f.severity = model::Severity::kCritical;
      f.message += live_note(it->second);
    }
  }
  std::fprintf(stderr, "twilint: --verify: %zu unique credential%s, %zu request%s to %s, %zu live\n",
               verified.unique_credentials, verified.unique_credentials == 1 ? "" : "s", verified.requests_sent,
               verified.requests_sent == 1 ? "" : "s", verify_options.endpoint.c_str(), live);

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
