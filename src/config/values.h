// Parsers for the config's scalar values that have their own syntax: byte sizes and endpoint URLs.
// Each returns the value or a one-line reason suitable for a diagnostic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace twilint::config {

// "1048576", "512KB", "10MiB", "1M", "1.5 GiB" -> bytes. Units (case-insensitive): B; KB, MB, GB, TB
// are powers of 1000; KiB, MiB, GiB, TiB and the one-letter K, M, G, T are powers of 1024 (as in
// ripgrep's --max-filesize). Fractions are rounded down. Zero, negative or overflowing sizes fail.
// The error is a message-only Diagnostic (no file or line).
util::Expected<uint64_t> parse_byte_size(std::string_view text);

// Checks an endpoint base URL: http:// or https://, a host, an optional port 1..65535 and path;
// no credentials, query, fragment or whitespace. Returns the URL without a trailing '/', or a
// message-only Diagnostic.
util::Expected<std::string> normalize_endpoint(std::string_view url);

}  // namespace twilint::config
