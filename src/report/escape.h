// Text hygiene shared by the reporters. Findings carry raw bytes from the scanned files (snippets,
// paths, messages), which may be invalid UTF-8 or hold control characters: a report must never
// break its own format or drive the reader's terminal because of them. Nothing here changes
// which characters of a secret are shown; redaction happened before.
#pragma once

#include "util/encoding.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace twilint::report {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at s[pos]. Returns the number of bytes it spans (>= 1) and sets
// `cp`; an invalid, overlong, surrogate or truncated sequence yields kReplacementChar and spans
// exactly one byte, so every byte of `s` is consumed. Requires pos < s.size().
size_t decode_utf8(std::string_view s, size_t pos, char32_t& cp);

// Appends the UTF-8 encoding of `cp` (which must be a valid scalar value) to `out`.
using util::append_utf8;

// `s` with every invalid UTF-8 byte replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

// For terminals and plain log lines: valid_utf8(s) with C0 controls (other than tab), DEL and C1
// controls written as `\xNN` / `\u{NN}`, so no escape sequence or line break from a scanned file
// reaches the output.
std::string printable(std::string_view s);

// XML 1.0 attribute value: & < > " ' escaped, tab/newline/CR as character references (so the
// parser's attribute normalisation keeps them), characters XML forbids (other C0 controls, U+FFFE,
// U+FFFF) and invalid UTF-8 as U+FFFD.
std::string xml_attribute(std::string_view s);

// XML 1.0 character data: as xml_attribute, but quotes, tab and newline are kept as they are.
std::string xml_text(std::string_view s);

// A '/'-separated relative path as an RFC 3986 URI reference: unreserved characters and '/' kept,
// every other byte (spaces, commas, '%', '#', non-ASCII UTF-8) percent-encoded.
std::string uri_escape_path(std::string_view path);

// The number of UTF-16 code units in valid_utf8(s).
size_t utf16_length(std::string_view s);

// `pos` (clamped to s.size()) moved back to the start of the UTF-8 sequence it falls inside, so
// cutting `s` there splits no character.
size_t utf8_floor(std::string_view s, size_t pos);

}  // namespace twilint::report
