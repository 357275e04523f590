#include <array>
#include <utility>

#include "rules/rule.h"

namespace twilint::rules {
namespace {

constexpr std::array<std::pair<VerifyMethod, std::string_view>, 6> kNames{{
    {VerifyMethod::kNone, ""},
    {VerifyMethod::kTwilioAuthToken, "twilio-auth-token"},
    {VerifyMethod::kTwilioApiKey, "twilio-api-key"},
    {VerifyMethod::kTwilioBasicAuth, "twilio-basic-auth"},
    {VerifyMethod::kSendgrid, "sendgrid"},
    {VerifyMethod::kTwilioOAuth, "twilio-oauth"},
}};

}  // namespace

std::string_view verify_method_name(VerifyMethod method) {
  for (const auto& [m, name] : kNames) {
    if (m == method) return name;
  }
  return "";
}

std::optional<VerifyMethod> parse_verify_method(std::string_view name) {
  for (const auto& [m, n] : kNames) {
    if (!n.empty() && n == name) return m;
  }
  return std::nullopt;
}

}  // namespace twilint::rules
