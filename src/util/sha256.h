// SHA-256 (FIPS 180-4). Used for content fingerprints and cache keys, never for security decisions
// beyond "the same bytes".
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace twilint::util {

std::array<uint8_t, 32> sha256(std::string_view data);

// Lowercase hex of sha256(data): 64 characters.
std::string sha256_hex(std::string_view data);

// HMAC-SHA256 (RFC 2104): how an Access Token's HS256 signature is made from its API key secret.
std::array<uint8_t, 32> hmac_sha256(std::string_view key, std::string_view message);

}  // namespace twilint::util
