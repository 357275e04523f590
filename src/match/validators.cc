#include "match/validators.h"

#include <array>
#include <cmath>
#include <ctime>

#include <nlohmann/json.hpp>

#include "util/sha256.h"

namespace twilint::match {
namespace {

bool is_sid(const std::string& s, std::string_view prefix) {
  if (s.size() != 34 || s.compare(0, 2, prefix) != 0) return false;
  for (size_t i = 2; i < s.size(); ++i) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Longest run of characters each one more (or one less) than the previous, e.g. "3456789abc".
size_t longest_sequence(std::string_view s) {
  size_t best = 1, up = 1, down = 1;
  for (size_t i = 1; i < s.size(); ++i) {
    int d = lower(s[i]) - lower(s[i - 1]);
    bool hex_step = (lower(s[i - 1]) == '9' && lower(s[i]) == 'a') || (lower(s[i - 1]) == 'a' && lower(s[i]) == '9');
    up = (d == 1 || (hex_step && lower(s[i]) == 'a')) ? up + 1 : 1;
    down = (d == -1 || (hex_step && lower(s[i]) == '9')) ? down + 1 : 1;
    best = std::max({best, up, down});
  }
  return best;
}

// Smallest period p <= 8 such that s repeats with period p over its whole length, else 0.
size_t short_period(std::string_view s) {
  for (size_t p = 1; p <= 8 && p * 2 <= s.size(); ++p) {
    bool periodic = true;
    for (size_t i = p; i < s.size() && periodic; ++i) periodic = lower(s[i]) == lower(s[i - p]);
    if (periodic) return p;
  }
  return 0;
}

}  // namespace

double shannon_entropy(std::string_view s) {
  if (s.empty()) return 0.0;
  std::array<size_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0.0;
  for (size_t n : counts) {
    if (n == 0) continue;
    double p = static_cast<double>(n) / static_cast<double>(s.size());
    h -= p * std::log2(p);
  }
  return h;
}

bool looks_like_placeholder(std::string_view secret) {
  std::string_view body = secret;
  // SIDs: judge the 32 characters after the two-letter prefix.
  if (body.size() == 34 && ((body[0] == 'A' && body[1] == 'C') || (body[0] == 'S' && body[1] == 'K'))) {
    body.remove_prefix(2);
  }
  if (body.size() < 8) return true;
  std::string low;
  for (char c : body) low += lower(c);
  static constexpr std::string_view kWords[] = {"xxxx", "your", "example", "sample", "placeholder", "dummy",
                                                "changeme", "redacted", "insert", "replace", "secret_here",
                                                "token_here", "<", ">", "{{", "}}", "${", "****", "...."};
  for (std::string_view w : kWords) {
    if (low.find(w) != std::string::npos) return true;
  }
  // Structure, not entropy: real tokens have low-ish entropy (3.2-3.8 bits for hex) but never long
  // runs, sequences, short periods or a handful of distinct characters.
  std::array<bool, 256> seen{};
  size_t distinct = 0;
  size_t run = 1, longest_run = 1;
  for (size_t i = 0; i < low.size(); ++i) {
    if (!seen[static_cast<unsigned char>(low[i])]) {
      seen[static_cast<unsigned char>(low[i])] = true;
      ++distinct;
    }
    run = (i > 0 && low[i] == low[i - 1]) ? run + 1 : 1;
    longest_run = std::max(longest_run, run);
  }
  if (distinct * 4 < low.size() + 4 && distinct < 8) return true;  // e.g. 32 chars from <8 symbols
  if (longest_run >= 6) return true;
  if (longest_sequence(low) >= 8) return true;
  if (short_period(low) != 0) return true;
  return false;
}

bool has_mixed_alnum(std::string_view s) {
  bool upper = false, lower_case = false, digit = false;
  for (char c : s) {
    upper = upper || (c >= 'A' && c <= 'Z');
    lower_case = lower_case || (c >= 'a' && c <= 'z');
    digit = digit || (c >= '0' && c <= '9');
  }
  return upper && lower_case && digit;
}

std::optional<std::string> base64url_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-' || c == '+') return 62;
    if (c == '_' || c == '/') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v = value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

std::optional<TwilioAccessToken> decode_twilio_access_token(std::string_view jwt) {
  size_t dot1 = jwt.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  size_t dot2 = jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  auto header_text = base64url_decode(jwt.substr(0, dot1));
  auto payload_text = base64url_decode(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header_text || !payload_text) return std::nullopt;
  // nlohmann's parser reports malformed JSON through the `false` allow_exceptions flag: no throws.
  auto header = nlohmann::json::parse(*header_text, nullptr, false);
  auto payload = nlohmann::json::parse(*payload_text, nullptr, false);
  if (header.is_discarded() || payload.is_discarded() || !header.is_object() || !payload.is_object()) {
    return std::nullopt;
  }
  auto cty = header.find("cty");
  if (cty == header.end() || !cty->is_string() || cty->get<std::string>() != "twilio-fpa;v=1") return std::nullopt;
  auto iss = payload.find("iss");
  auto sub = payload.find("sub");
  if (iss == payload.end() || sub == payload.end() || !iss->is_string() || !sub->is_string()) return std::nullopt;
  TwilioAccessToken token;
  token.api_key_sid = iss->get<std::string>();
  token.account_sid = sub->get<std::string>();
  if (!is_sid(token.api_key_sid, "SK") || !is_sid(token.account_sid, "AC")) return std::nullopt;
  auto exp = payload.find("exp");
  if (exp != payload.end() && exp->is_number_integer()) token.expires = exp->get<long long>();
  auto grants = payload.find("grants");
  if (grants != payload.end() && grants->is_object()) {
    for (auto it = grants->begin(); it != grants->end(); ++it) {
      if (it.key() == "identity") {
        if (it->is_string()) token.identity = it->get<std::string>();
        continue;
      }
      if (!token.grants.empty()) token.grants += ",";
      token.grants += it.key();
    }
  }
  return token;
}

std::string describe(const TwilioAccessToken& token) {
  std::string out = "identity " + (token.identity.empty() ? std::string("(none)") : token.identity);
  if (!token.grants.empty()) out += ", grants " + token.grants;
  if (token.expires > 0) {
    std::time_t t = static_cast<std::time_t>(token.expires);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    out += ", expires " + std::string(buf);
    out += std::time(nullptr) > t ? " (expired)" : " (not yet expired)";
  }
  out += ", key " + token.api_key_sid.substr(0, 6) + "…, account " + token.account_sid.substr(0, 6) + "…";
  return out;
}

bool jwt_signed_with(std::string_view jwt, std::string_view secret) {
  size_t dot1 = jwt.find('.');
  size_t dot2 = dot1 == std::string_view::npos ? dot1 : jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || secret.empty()) return false;
  auto header = base64url_decode(jwt.substr(0, dot1));
  auto signature = base64url_decode(jwt.substr(dot2 + 1));
  if (!header || !signature || signature->size() != 32) return false;
  auto parsed = nlohmann::json::parse(*header, nullptr, false);
  if (!parsed.is_object() || parsed.value("alg", std::string()) != "HS256") return false;
  std::array<uint8_t, 32> expected = util::hmac_sha256(secret, jwt.substr(0, dot2));
  uint8_t difference = 0;
  for (size_t i = 0; i < expected.size(); ++i) difference |= expected[i] ^ static_cast<uint8_t>((*signature)[i]);
  return difference == 0;
}

}  // namespace twilint::match
