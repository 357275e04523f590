#include "report/escape.h"

#include <fmt/format.h>

namespace twilint::report {
namespace {

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Bidirectional overrides and isolates can make a line read differently from what it is
// ("Trojan Source"); a report shows them as escapes rather than obeying them.
bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

}  // namespace

size_t decode_utf8(std::string_view s, size_t pos, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len = 0;
  char32_t value = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, value = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, value = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    cp = kReplacementChar;
    return 1;
  }
  if (pos + len > s.size()) {
    cp = kReplacementChar;
    return 1;
  }
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if (!is_continuation(b)) {
      cp = kReplacementChar;
      return 1;
    }
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    cp = kReplacementChar;
    return 1;
  }
  cp = value;
  return len;
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t n = decode_utf8(s, i, cp);
    if (cp == kReplacementChar && n == 1) {
      append_utf8(out, cp);
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t n = decode_utf8(s, i, cp);
    if (cp == '\t') {
      out += '\t';
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(cp));
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
      out += fmt::format("\\u{{{:X}}}", static_cast<unsigned>(cp));
    } else if (cp == kReplacementChar && n == 1) {
      append_utf8(out, cp);
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

namespace {

std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  char32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t n = decode_utf8(s, i, cp);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\'': out += attribute ? "&apos;" : "'"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF || (cp == kReplacementChar && n == 1)) {
          append_utf8(out, kReplacementChar);
        } else {
          out.append(s.substr(i, n));
        }
    }
    i += n;
  }
  return out;
}

}  // namespace

std::string xml_attribute(std::string_view s) { return xml_escape(s, true); }
std::string xml_text(std::string_view s) { return xml_escape(s, false); }

std::string uri_escape_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

size_t utf16_length(std::string_view s) {
  size_t units = 0;
  char32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    i += decode_utf8(s, i, cp);
    units += cp >= 0x10000 ? 2 : 1;
  }
  return units;
}

size_t utf8_floor(std::string_view s, size_t pos) {
  if (pos >= s.size()) return s.size();
  // A UTF-8 sequence has at most three continuation bytes; further back is invalid input anyway.
  for (int back = 0; back < 3 && pos > 0 && is_continuation(static_cast<unsigned char>(s[pos])); ++back) {
    --pos;
  }
  return pos;
}

}  // namespace twilint::report
