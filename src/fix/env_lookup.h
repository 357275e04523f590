// Twilio's conventional environment variable names, and how each language reads one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "fix/language.h"

namespace twilint::fix {

inline constexpr std::string_view kAccountSidVar = "TWILIO_ACCOUNT_SID";
inline constexpr std::string_view kAuthTokenVar = "TWILIO_AUTH_TOKEN";
inline constexpr std::string_view kApiKeyVar = "TWILIO_API_KEY";
inline constexpr std::string_view kApiSecretVar = "TWILIO_API_SECRET";
inline constexpr std::string_view kOauthClientIdVar = "TWILIO_CLIENT_ID";
inline constexpr std::string_view kOauthClientSecretVar = "TWILIO_CLIENT_SECRET";
inline constexpr std::string_view kSendgridKeyVar = "SENDGRID_API_KEY";
inline constexpr std::string_view kSegmentTokenVar = "SEGMENT_PUBLIC_API_TOKEN";

// The variable a hard-coded value of this rule moves to; nullopt for rules whose finding is not a
// plain credential value (URLs with credentials, Access Tokens, misuse rules).
std::optional<std::string_view> env_var_for_rule(std::string_view rule_id);

// The expression that reads `name` from the environment in a code language (Python
// os.environ["X"], JS/TS process.env.X, Java/Kotlin System.getenv("X"), C#
// Environment.GetEnvironmentVariable("X"), Go os.Getenv("X"), Ruby ENV.fetch("X"), PHP
// getenv('X')); nullopt for languages that are not code (see is_code).
std::optional<std::string> env_lookup(Language language, std::string_view name);

}  // namespace twilint::fix
