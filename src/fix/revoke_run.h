// `twilint revoke`: delete a leaked API key through Twilio's REST API. Targets are SK… SIDs or
// fingerprints of findings in a JSON report (--report). Authenticates with the user's own
// credentials from the environment (TWILIO_ACCOUNT_SID with TWILIO_API_KEY + TWILIO_API_SECRET, or
// with TWILIO_AUTH_TOKEN), never with a leaked one unless --with-leaked is given and the report's
// --verify said that credential is live. Dry run by default: prints the exact request; --yes sends
// it. An Auth Token cannot be deleted: for one, the secondary-token promotion steps are printed.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "config/config.h"
#include "rules/rule.h"

namespace twilint::fix {

struct RevokeOptions {
  std::vector<std::string> targets;  // SK… SIDs and/or report fingerprints (a unique prefix is enough)
  std::string report_file;           // JSON report (twilint scan -f json) for fingerprints
  bool yes = false;
  bool with_leaked = false;
  std::string endpoint = "https://api.twilio.com";
  double timeout_seconds = 10;
};

struct RevokeOutcome {
  bool usage_error = false;  // bad target, missing credentials, unreadable report: nothing sent
  int failed = 0;            // requests sent that did not delete their key
};

// `rules` and `config` re-scan a report's file to recover a redacted SID.
RevokeOutcome run_revoke(const RevokeOptions& options, const rules::RuleSet& rules, const config::Config& config,
                         std::FILE* out, std::FILE* err);

// The steps to replace a leaked Auth Token (printed for an Auth Token target).
std::string auth_token_rotation_steps();

}  // namespace twilint::fix
