#include "fix/env_lookup.h"

namespace twilint::fix {

std::optional<std::string_view> env_var_for_rule(std::string_view rule_id) {
  if (rule_id == "twilio-auth-token") return kAuthTokenVar;
  if (rule_id == "twilio-api-key-secret" || rule_id == "twilio-cli-profile") return kApiSecretVar;
  if (rule_id == "twilio-account-sid") return kAccountSidVar;
  if (rule_id == "twilio-api-key-sid") return kApiKeyVar;
  if (rule_id == "twilio-oauth-client-id") return kOauthClientIdVar;
  if (rule_id == "twilio-oauth-client-secret") return kOauthClientSecretVar;
  if (rule_id == "sendgrid-api-key") return kSendgridKeyVar;
  if (rule_id == "segment-public-api-token") return kSegmentTokenVar;
  return std::nullopt;
}

std::optional<std::string> env_lookup(Language language, std::string_view name) {
  std::string n(name);
  switch (language) {
    case Language::kPython: return "os.environ[\"" + n + "\"]";
    case Language::kJavaScript:
    case Language::kTypeScript: return "process.env." + n;
    case Language::kJava:
    case Language::kKotlin: return "System.getenv(\"" + n + "\")";
    case Language::kCSharp: return "Environment.GetEnvironmentVariable(\"" + n + "\")";
    case Language::kGo: return "os.Getenv(\"" + n + "\")";
    case Language::kRuby: return "ENV.fetch(\"" + n + "\")";
    case Language::kPhp: return "getenv('" + n + "')";
    default: return std::nullopt;
  }
}

}  // namespace twilint::fix
