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

namespace twilint::scan {

class CredentialPairer {
 public:
  // `bytes` is one blob and must outlive the pairer.
  explicit CredentialPairer(std::string_view bytes) : bytes_(bytes) {}

  // The candidate for a match of rule `rule_id` (finding_key left empty), or nullopt when the rule
  // is not one --verify checks (twilio-auth-token, twilio-api-key-secret, twilio-credential-url)
  // or the secret cannot be decoded into a credential. A candidate whose partner SIDs were not
  // found has them empty: verification reports it indeterminate without sending anything.
  std::optional<model::CredentialCandidate> candidate(std::string_view rule_id, const match::RawMatch& m);

 private:
  using Sids = std::vector<std::pair<size_t, std::string_view>>;  // offset, SID
  const Sids& sids(char first);  // 'A' for AC, 'S' for SK; found once per blob, on first use
  std::string nearest(char first, size_t offset);

  std::string_view bytes_;
  std::optional<Sids> account_sids_;
  std::optional<Sids> key_sids_;
};

// "AC" or "SK" followed by exactly 32 lowercase hex digits.
bool is_sid(std::string_view s, char first);

// The distinct SIDs in `bytes` that the pairer would take as partners ('A' for AC, 'S' for SK):
// whole words, placeholders (ACaaaa…, AC0000…) left out. Sorted.
std::vector<std::string> distinct_sids(std::string_view bytes, char first);

}  // namespace twilint::scan
