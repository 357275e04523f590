// Text decoding before matching: UTF-16 files with a BOM are real (Windows config files) and are
// transcoded to UTF-8 so the same rules apply; everything else is matched as raw bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace twilint::util {

// If `bytes` starts with a UTF-16 LE or BE byte order mark, returns the UTF-8 transcoding (BOM
// dropped, unpaired surrogates replaced by U+FFFD; line count preserved). Otherwise nullopt.
std::optional<std::string> decode_utf16_bom(std::string_view bytes);

// Appends the UTF-8 encoding of code point `cp` (which must be a valid scalar value).
void append_utf8(std::string& out, char32_t cp);

// Offset of the first byte that is not part of well-formed UTF-8 (overlong forms, surrogates and
// code points past U+10FFFF included), or nullopt when all of `bytes` is valid UTF-8.
std::optional<size_t> first_invalid_utf8(std::string_view bytes);

// Binary heuristic: a NUL byte within the first 8 KiB (after any UTF-16 decoding).
bool looks_binary(std::string_view bytes);

}  // namespace twilint::util
