#include "scan/credential_pairs.h"

#include <algorithm>

#include "match/validators.h"

namespace twilint::scan {
namespace {

constexpr size_t kSidLength = 34;
constexpr size_t kSecretLength = 32;

bool is_hex_lower(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool is_word(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_auth_token(std::string_view s) {
  if (s.size() != kSecretLength) return false;
  for (char c : s) {
    if (!is_hex_lower(c)) return false;
  }
  return true;
}

char second_letter(char first) {
  switch (first) {
    case 'A': return 'C';
    case 'S': return 'K';
    default: return 'Q';  // 'O': a Twilio OAuth app's client id
  }
}

}  // namespace

bool is_sid(std::string_view s, char first) {
  if (s.size() != kSidLength || s[0] != first || s[1] != second_letter(first)) return false;
  return is_auth_token(s.substr(2));
}

namespace {

// Every partner SID in `bytes`, with its offset, in order.
std::vector<std::pair<size_t, std::string_view>> find_sids(std::string_view bytes, char first) {
  std::vector<std::pair<size_t, std::string_view>> found;
  const char pair[] = {first, second_letter(first), '\0'};
  for (size_t pos = bytes.find(pair); pos != std::string_view::npos; pos = bytes.find(pair, pos + 1)) {
    if (pos > 0 && is_word(bytes[pos - 1])) continue;
    if (pos + kSidLength > bytes.size()) break;
    if (pos + kSidLength < bytes.size() && is_word(bytes[pos + kSidLength])) continue;
    std::string_view sid = bytes.substr(pos, kSidLength);
    // Fixtures (ACaaaa…, AC0000…) would only waste a request, or pair a real secret with the wrong account.
    if (is_sid(sid, first) && !match::looks_like_placeholder(sid)) found.emplace_back(pos, sid);
  }
  return found;
}

}  // namespace

std::vector<std::string> distinct_sids(std::string_view bytes, char first) {
  std::vector<std::string> sids;
  for (const auto& [pos, sid] : find_sids(bytes, first)) sids.emplace_back(sid);
  std::sort(sids.begin(), sids.end());
  sids.erase(std::unique(sids.begin(), sids.end()), sids.end());
  return sids;
}

const CredentialPairer::Sids& CredentialPairer::sids(char first) {
  std::optional<Sids>& cache = first == 'A' ? account_sids_ : first == 'S' ? key_sids_ : client_ids_;
  if (!cache) cache = find_sids(bytes_, first);
  return *cache;
}

std::string CredentialPairer::nearest(char first, size_t offset) {
  std::string_view best;
  size_t best_distance = std::string_view::npos;
  for (const auto& [pos, sid] : sids(first)) {
    size_t distance = pos > offset ? pos - offset : offset - pos;
    if (distance < best_distance) {
      best_distance = distance;
      best = sid;
    }
  }
  return std::string(best);
}

model::CredentialCandidate CredentialPairer::auth_token(const match::RawMatch& m, std::string token,
                                                       std::string account) {
  model::CredentialCandidate c;
  c.kind = model::CredentialKind::kAuthToken;
  c.secret = std::move(token);
  c.account_sid = account.empty() ? nearest('A', m.secret_begin) : std::move(account);
  return c;
}

model::CredentialCandidate CredentialPairer::api_key(const match::RawMatch& m, std::string key) {
  model::CredentialCandidate c;
  c.kind = model::CredentialKind::kApiKey;
  c.secret = std::string(bytes_.substr(m.secret_begin, m.secret_end - m.secret_begin));
  c.key_sid = key.empty() ? nearest('S', m.secret_begin) : std::move(key);
  c.account_sid = nearest('A', m.secret_begin);
  return c;
}

std::optional<model::CredentialCandidate> CredentialPairer::auth_token_candidate(const match::RawMatch& m) {
  std::string_view secret = bytes_.substr(m.secret_begin, m.secret_end - m.secret_begin);
  if (is_auth_token(secret)) return auth_token(m, std::string(secret), "");
  // The base64 forms: an HTTP basic-auth header value ("AC…:token") or a Kubernetes Secret's data.
  std::optional<std::string> decoded = match::base64url_decode(secret);
  if (!decoded) return std::nullopt;
  if (decoded->size() == kSidLength + 1 + kSecretLength && (*decoded)[kSidLength] == ':' &&
      is_sid(std::string_view(*decoded).substr(0, kSidLength), 'A') &&
      is_auth_token(std::string_view(*decoded).substr(kSidLength + 1))) {
    return auth_token(m, decoded->substr(kSidLength + 1), decoded->substr(0, kSidLength));
  }
  if (is_auth_token(*decoded)) return auth_token(m, std::move(*decoded), "");
  return std::nullopt;
}

model::CredentialCandidate CredentialPairer::basic_auth_candidate(const match::RawMatch& m) {
  std::string_view secret = bytes_.substr(m.secret_begin, m.secret_end - m.secret_begin);
  // The user half, when it is a SID, says what the secret is.
  if (m.secret_begin >= kSidLength + 1 && bytes_[m.secret_begin - 1] == ':') {
    std::string_view user = bytes_.substr(m.secret_begin - 1 - kSidLength, kSidLength);
    if (is_sid(user, 'A') && is_auth_token(secret)) return auth_token(m, std::string(secret), std::string(user));
    if (is_sid(user, 'S')) return api_key(m, std::string(user));
  }
  // A variable user half ($TWILIO_ACCOUNT_SID, ${apiKey}): only Auth Tokens are 32 lowercase hex.
  return is_auth_token(secret) ? auth_token(m, std::string(secret), "") : api_key(m, "");
}

std::optional<model::CredentialCandidate> CredentialPairer::candidate(rules::VerifyMethod method,
                                                                      const match::RawMatch& m) {
  using rules::VerifyMethod;
  model::CredentialCandidate c;
  c.secret = std::string(bytes_.substr(m.secret_begin, m.secret_end - m.secret_begin));
  switch (method) {
    case VerifyMethod::kNone:
      return std::nullopt;
    case VerifyMethod::kTwilioAuthToken:
      return auth_token_candidate(m);
    case VerifyMethod::kTwilioApiKey:
      return api_key(m, "");
    case VerifyMethod::kTwilioBasicAuth:
      return basic_auth_candidate(m);
    case VerifyMethod::kSendgrid:
      c.kind = model::CredentialKind::kSendgridKey;
      return c;
    case VerifyMethod::kTwilioOAuth:
      c.kind = model::CredentialKind::kOAuthClient;
      c.key_sid = nearest('O', m.secret_begin);
      return c;
  }
  return std::nullopt;
}

}  // namespace twilint::scan
