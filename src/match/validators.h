// Validators that decide whether a candidate secret is real: entropy, placeholder structure,
// character mix, and the Twilio Access Token (JWT) decoder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace twilint::match {

// Shannon entropy in bits per character.
double shannon_entropy(std::string_view s);

// True for values that are structurally placeholders: runs and repeats (aaaa, 0000, abab...),
// sequences (0123456789abcdef...), X/x fills, known SDK fixtures, "your_..." words, template markers.
bool looks_like_placeholder(std::string_view secret);

// True when `s` has at least one uppercase letter, one lowercase letter and one digit.
bool has_mixed_alnum(std::string_view s);

// Decodes base64url (no padding required). nullopt on invalid input.
std::optional<std::string> base64url_decode(std::string_view in);

struct TwilioAccessToken {
  std::string api_key_sid;  // iss
  std::string account_sid;  // sub
  std::string identity;     // grants.identity, may be empty
  long long expires = 0;    // exp (unix seconds), 0 when absent
  std::string grants;       // comma-separated grant names (voice, video, chat...)
};

// Decodes a JWT and returns its Twilio claims only if it is a Twilio Access Token: header
// cty "twilio-fpa;v=1", payload iss an SK SID and sub an AC SID. The signature is not checked.
std::optional<TwilioAccessToken> decode_twilio_access_token(std::string_view jwt);

// Whether `jwt` (an HS256 JWT) carries the signature `secret` makes over its header and payload:
// offline proof that `secret` is the secret of the API key that issued the token. Constant time in
// the signature bytes; false for anything malformed.
bool jwt_signed_with(std::string_view jwt, std::string_view secret);

// "identity user-7, expires 2026-03-02T11:11:12Z, key SKb3a6…" for finding messages.
std::string describe(const TwilioAccessToken& token);

}  // namespace twilint::match
