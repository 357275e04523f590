// Proof of a leak without a network call (issue 16): an Access Token is an HS256 JWT signed with
// the secret of the API key named in its `iss`. When a blob holds both an Access Token and an API
// key secret and the token's signature is the one that secret makes, the secret is proven to be
// that key's (for the account in `sub`): both findings say so, the secret is critical. The same
// holds across blobs: confirm_across_scan, once the whole scan is in.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"

namespace twilint::scan {

// One unredacted value of a finding of this blob, held only while the blob's findings are built.
struct RawValue {
  size_t finding = 0;  // index into the blob's findings
  std::string_view value;
};

void confirm_offline(std::vector<model::Finding>& findings, const std::vector<RawValue>& access_tokens,
                     const std::vector<RawValue>& key_secrets);

// The unredacted Access Tokens and API key secrets a scan met, kept (in memory only, never in a
// report or a cache) until every blob is seen, so that a token in one file or commit can prove a
// secret in another.
struct ProofMaterial {
  std::vector<std::string> access_tokens;
  std::vector<std::string> key_secrets;
  size_t size() const { return access_tokens.size() + key_secrets.size(); }
  void merge(ProofMaterial&& other);
};

// Anywhere in the same scan: each token a secret signs confirms the findings of both (matched by
// secret hash) that are not yet confirmed, naming where the other one is. `token_rules` and
// `key_rules` are the rule ids whose findings hold tokens and key secrets.
void confirm_across_scan(std::vector<model::Finding>& findings, ProofMaterial material,
                         const std::set<std::string>& token_rules, const std::set<std::string>& key_rules);

}  // namespace twilint::scan
