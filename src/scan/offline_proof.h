// Proof of a leak without a network call (issue 16): an Access Token is an HS256 JWT signed with
// the secret of the API key named in its `iss`. When a blob holds both an Access Token and an API
// key secret and the token's signature is the one that secret makes, the secret is proven to be
// that key's (for the account in `sub`): both findings say so, the secret is critical.
#pragma once

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

}  // namespace twilint::scan
