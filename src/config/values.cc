#include "config/values.h"

#include <limits>

#include "util/text.h"

namespace twilint::config {
namespace {

struct Unit {
  std::string_view name;  // lowercase
  uint64_t factor;
};

constexpr uint64_t kKi = 1024;
constexpr uint64_t kK = 1000;
constexpr Unit kUnits[] = {
    {"", 1},
    {"b", 1},
    {"k", kKi},
    {"kib", kKi},
    {"kb", kK},
    {"m", kKi * kKi},
    {"mib", kKi * kKi},
    {"mb", kK * kK},
    {"g", kKi * kKi * kKi},
    {"gib", kKi * kKi * kKi},
    {"gb", kK * kK * kK},
    {"t", kKi * kKi * kKi * kKi},
    {"tib", kKi * kKi * kKi * kKi},
    {"tb", kK * kK * kK * kK},
};

__extension__ using U128 = unsigned __int128;

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
// Fraction digits beyond this many cannot change a whole-byte result for any unit above.
constexpr int kMaxFractionDigits = 12;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

util::Diagnostic problem(std::string message) { return util::Diagnostic{"", 0, std::move(message)}; }

}  // namespace

util::Expected<uint64_t> parse_byte_size(std::string_view text) {
  // Built by appending: GCC 12 warns (-Wrestrict, a false positive) on "'" + std::string(...).
  std::string quoted(1, '\'');
  quoted.append(text).push_back('\'');
  const auto bad = [&] {
    return problem("bad size " + quoted +
                   " (expected bytes, or a number with a unit B, KB, MB, GB, KiB, MiB, GiB, K, M or G,"
                   " e.g. \"10MiB\")");
  };
  std::string s = util::trim(text);
  size_t i = 0;
  uint64_t whole = 0;
  bool overflow = false;
  for (; i < s.size() && is_digit(s[i]); ++i) {
    if (whole > (kMax - 9) / 10) overflow = true;
    whole = whole * 10 + static_cast<uint64_t>(s[i] - '0');
  }
  if (i == 0) return bad();
  // The fraction as numerator/denominator so "1.5M" is exact.
  uint64_t frac_num = 0;
  uint64_t frac_den = 1;
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      if (static_cast<int>(i - start) < kMaxFractionDigits) {
        frac_num = frac_num * 10 + static_cast<uint64_t>(s[i] - '0');
        frac_den *= 10;
      }
    }
    if (i == start) return bad();
  }
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  std::string unit = util::to_lower(std::string_view(s).substr(i));
  for (const Unit& u : kUnits) {
    if (u.name != unit) continue;
    if (overflow || (whole != 0 && u.factor > kMax / whole)) return problem("size " + quoted + " is too large");
    uint64_t bytes = whole * u.factor;
    // frac_num < 10^12 and factor <= 2^40: the product needs more than 64 bits.
    uint64_t extra = static_cast<uint64_t>(static_cast<U128>(frac_num) * u.factor / frac_den);
    if (bytes > kMax - extra) return problem("size " + quoted + " is too large");
    bytes += extra;
    if (bytes == 0) return problem("size " + quoted + " must be at least 1 byte");
    return bytes;
  }
  return bad();
}

util::Expected<std::string> normalize_endpoint(std::string_view url) {
  const auto fail = [&](const std::string& why) { return problem("bad endpoint '" + std::string(url) + "': " + why); };
  size_t scheme_len = 0;
  if (util::starts_with(url, "https://")) {
    scheme_len = 8;
  } else if (util::starts_with(url, "http://")) {
    scheme_len = 7;
  } else {
    return fail("must start with http:// or https://");
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail("contains whitespace or a control character");
  }
  if (url.find_first_of("?#") != std::string_view::npos) return fail("must not have a query or fragment");
  std::string_view rest = url.substr(scheme_len);
  std::string_view authority = rest.substr(0, rest.find('/'));
  // Credentials in a checked-in file would themselves be a leak; --verify sends its own auth.
  if (authority.find('@') != std::string_view::npos) return fail("must not contain user:password@");
  std::string_view host = authority;
  std::string_view port;
  bool has_port = false;
  if (!host.empty() && host.front() == '[') {  // IPv6 literal
    size_t close = host.find(']');
    if (close == std::string_view::npos || close == 1) return fail("bad IPv6 host");
    std::string_view after = host.substr(close + 1);
    host = host.substr(0, close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail("bad host");
      has_port = true;
      port = after.substr(1);
    }
  } else if (size_t colon = host.find(':'); colon != std::string_view::npos) {
    has_port = true;
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (host.empty()) return fail("missing host");
  if (has_port) {
    if (port.empty() || port.size() > 5) return fail("bad port");
    unsigned value = 0;
    for (char c : port) {
      if (!is_digit(c)) return fail("bad port");
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return fail("port out of range");
  }
  std::string out(url);
  // Requests append "/2010-04-01/..." to the base, so a trailing '/' would double it.
  while (out.size() > scheme_len + authority.size() && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace twilint::config
