#include "fix/revoke_run.h"

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "fix/revoke_target.h"
#include "util/text.h"
#include "verify/http_client.h"
#include "verify/key_revoker.h"

namespace twilint::fix {
namespace {

bool is_key_sid(const std::string& s) {
  static const std::regex kSid("SK[0-9a-f]{32}");
  return std::regex_match(s, kSid);
}

bool is_account_sid(const std::string& s) {
  static const std::regex kSid("AC[0-9a-f]{32}");
  return std::regex_match(s, kSid);
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

struct Auth {
  std::string account_sid;
  std::string user;
  std::string password;
  std::string source;  // where they came from, for the dry run's description
};

// The user's own credentials from the environment; an error line when they are not there.
std::optional<Auth> environment_auth(std::string& error) {
  Auth a;
  a.account_sid = env("TWILIO_ACCOUNT_SID");
  if (!is_account_sid(a.account_sid)) {
    error = "set TWILIO_ACCOUNT_SID (AC…) and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET of a key "
            "allowed to manage keys, in the environment";
    return std::nullopt;
  }
  if (!env("TWILIO_API_KEY").empty() && !env("TWILIO_API_SECRET").empty()) {
    a.user = env("TWILIO_API_KEY");
    a.password = env("TWILIO_API_SECRET");
    a.source = "TWILIO_API_KEY " + a.user + " (secret from TWILIO_API_SECRET)";
    return a;
  }
  if (!env("TWILIO_AUTH_TOKEN").empty()) {
    a.user = a.account_sid;
    a.password = env("TWILIO_AUTH_TOKEN");
    a.source = "TWILIO_ACCOUNT_SID " + a.account_sid + " (Auth Token from TWILIO_AUTH_TOKEN)";
    return a;
  }
  error = "set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET, in the environment (with TWILIO_ACCOUNT_SID)";
  return std::nullopt;
}

struct Planned {
  std::string key_sid;
  Auth auth;
};

std::optional<nlohmann::json> read_report(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "--report: cannot read '" + path + "'";
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(s.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    error = "--report: '" + path + "' is not JSON (make it with twilint scan -f json)";
    return std::nullopt;
  }
  return doc;
}

// What one target asks for: a DELETE to send, the Auth Token steps, or an error line.
struct PlanResult {
  std::optional<Planned> planned;
  bool auth_token = false;
  std::string error;
};

PlanResult plan_target(const std::string& target, const RevokeOptions& options, const nlohmann::json* report,
                       const rules::RuleSet& rules, const config::Config& config) {
  PlanResult out;
  std::optional<LeakedCredentials> leaked;
  std::string key_sid = target;
  if (!is_key_sid(target)) {
    if (report == nullptr) {
      out.error = "'" + target + "' is not an API key SID (SK + 32 hex); for a finding's fingerprint add --report FILE";
      return out;
    }
    ResolvedTarget t = resolve_fingerprint(*report, target, rules, config);
    if (!t.error.empty() || t.rule_id == "twilio-auth-token") {
      out.error = t.error;
      out.auth_token = t.error.empty();
      return out;
    }
    key_sid = t.key_sid;
    leaked = t.leaked;
  }
  if (options.with_leaked) {
    if (!leaked) {
      out.error = "--with-leaked: the report shows no leaked Auth Token verified live for " + target +
                  " (scan with --verify -f json first); use your own credentials from the environment instead";
      return out;
    }
    out.planned = Planned{key_sid, Auth{leaked->account_sid, leaked->user, leaked->password,
                                        "the leaked Auth Token at " + leaked->where + " (verified live)"}};
    return out;
  }
  std::optional<Auth> auth = environment_auth(out.error);
  if (auth) out.planned = Planned{key_sid, *auth};
  return out;
}

}  // namespace

std::string auth_token_rotation_steps() {
  return "An Auth Token cannot be revoked through the API, only replaced; twilint sends nothing for it.\n"
         "  1. Console > Account > API keys & tokens > Auth Tokens: create a secondary Auth Token.\n"
         "  2. Deploy the secondary token everywhere the account is used (TWILIO_AUTH_TOKEN).\n"
         "  3. Promote the secondary token to primary: the leaked token stops working at once.\n"
         "  4. Promoting invalidates the account's API keys too: create new ones and deploy them.\n"
         "  Then move server code to API keys (twilint fix), and see every commit that holds the old token with\n"
         "  twilint history.\n";
}

RevokeOutcome run_revoke(const RevokeOptions& options, const rules::RuleSet& rules, const config::Config& config,
                         std::FILE* out, std::FILE* err) {
  RevokeOutcome outcome;
  auto usage = [&](const std::string& line) {
    std::fprintf(err, "twilint: error: %s\n", line.c_str());
    outcome.usage_error = true;
  };
  std::string endpoint = options.endpoint;
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  if (!util::starts_with(endpoint, "https://") && !util::starts_with(endpoint, "http://")) {
    usage("--endpoint: must be an http:// or https:// URL");
    return outcome;
  }
  std::optional<nlohmann::json> report;
  std::string error;
  if (!options.report_file.empty() && !(report = read_report(options.report_file, error))) {
    usage(error);
    return outcome;
  }
  std::vector<Planned> planned;
  bool auth_token_steps = false;
  for (const std::string& target : options.targets) {
    PlanResult p = plan_target(target, options, report ? &*report : nullptr, rules, config);
    if (!p.error.empty()) usage(p.error);
    auth_token_steps = auth_token_steps || p.auth_token;
    if (p.planned) planned.push_back(std::move(*p.planned));
  }
  if (auth_token_steps) std::fputs(auth_token_rotation_steps().c_str(), out);
  if (outcome.usage_error) return outcome;
  auto timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  if (options.yes) verify::http_global_init();
  for (const Planned& p : planned) {
    verify::RevokeRequest request{endpoint, p.auth.account_sid, p.key_sid, p.auth.user, p.auth.password, timeout};
    std::string url = verify::revoke_url(request);
    if (!options.yes) {
      std::fprintf(out, "would send: DELETE %s\n  authenticated as %s\n  (dry run: nothing sent; --yes sends it)\n",
                   url.c_str(), p.auth.source.c_str());
      continue;
    }
    verify::RevokeResult r = verify::revoke_key(request);
    if (r.status == verify::RevokeStatus::kDeleted) {
      std::fprintf(out, "DELETE %s: HTTP %d: %s\n", url.c_str(), r.http_status, r.detail.c_str());
    } else {
      ++outcome.failed;
      std::string status = r.http_status != 0 ? "HTTP " + std::to_string(r.http_status) : "no answer";
      std::fprintf(err, "twilint: error: DELETE %s: %s: %s\n", url.c_str(), status.c_str(), r.detail.c_str());
    }
  }
  return outcome;
}

}  // namespace twilint::fix
