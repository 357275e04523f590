// For --verify: turns a credential finding into what one probe needs — the unredacted secret and
// the partner SIDs found in the same blob (an Auth Token's Account SID; an API key secret's API Key
// SID and an Account SID to scope the request to). Pure: no I/O. The secret it returns must stay in
// memory; see model::CredentialCandidate.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "match/matcher.h"
#include "model/verification.h"
#include "rules/rule.h"

namespace twilint::scan {

class CredentialPairer {
 public:
  // `bytes` is one blob and must outlive the pairer.
  explicit CredentialPairer(std::string_view bytes) : bytes_(bytes) {}

  // The candidate for a match of a rule whose TOML `verify` is `method` (finding_key left empty),
  // or nullopt when the method is kNone or the secret cannot be decoded into a credential. A
  // candidate whose partners (SIDs, an OAuth client id) were not found has them empty:
  // verification reports it indeterminate without sending anything.
  std::optional<model::CredentialCandidate> candidate(rules::VerifyMethod method, const match::RawMatch& m);

 private:
  using Sids = std::vector<std::pair<size_t, std::string_view>>;  // offset, SID
  // 'A' for AC, 'S' for SK, 'O' for an OAuth client id (OQ); found once per blob, on first use.
  const Sids& sids(char first);
  std::string nearest(char first, size_t offset);
  model::CredentialCandidate auth_token(const match::RawMatch& m, std::string token, std::string account);
  model::CredentialCandidate api_key(const match::RawMatch& m, std::string key);
  std::optional<model::CredentialCandidate> auth_token_candidate(const match::RawMatch& m);
  model::CredentialCandidate basic_auth_candidate(const match::RawMatch& m);

  std::string_view bytes_;
  std::optional<Sids> account_sids_;
  std::optional<Sids> key_sids_;
  std::optional<Sids> client_ids_;
};

// "AC", "SK" or "OQ" (first 'A', 'S', 'O') followed by exactly 32 lowercase hex digits.
bool is_sid(std::string_view s, char first);

// The distinct SIDs in `bytes` that the pairer would take as partners ('A' for AC, 'S' for SK):
// whole words, placeholders (ACaaaa…, AC0000…) left out. Sorted.
std::vector<std::string> distinct_sids(std::string_view bytes, char first);

}  // namespace twilint::scan
