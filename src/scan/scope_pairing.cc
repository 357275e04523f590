#include "scan/scope_pairing.h"

#include "scan/credential_pairs.h"

namespace twilint::scan {
namespace {

// "commit 0123456789ab" for a history scope (a full id is noise in a one-line detail); other
// scopes are already their own description.
std::string describe_scope(const std::string& scope) {
  static constexpr std::string_view kCommit = "commit ";
  constexpr size_t kShortId = 12;
  if (scope.rfind(kCommit, 0) == 0 && scope.size() > kCommit.size() + kShortId) {
    return scope.substr(0, kCommit.size() + kShortId);
  }
  return scope;
}

// Fills `sid` when `found` holds exactly one; otherwise adds to `reason` why it stays empty.
void fill(std::string& sid, const std::set<std::string>& found, std::string_view what, const std::string& scope,
          std::string& reason) {
  if (!sid.empty()) return;
  if (found.size() == 1) {
    sid = *found.begin();
    return;
  }
  if (!reason.empty()) reason += "; ";
  reason += "no " + std::string(what) + " in the same file and ";
  reason += found.empty() ? "none elsewhere in " + describe_scope(scope)
                          : std::to_string(found.size()) + " different ones in " + describe_scope(scope) +
                                ": not guessing which";
}

}  // namespace

void ScopeSids::add_blob(const std::string& scope, std::string_view bytes) {
  if (scope.empty()) return;
  std::vector<std::string> accounts = distinct_sids(bytes, 'A');
  std::vector<std::string> keys = distinct_sids(bytes, 'S');
  if (accounts.empty() && keys.empty()) return;  // most blobs: keep the map to changes with SIDs
  Sids& sids = by_scope_[scope];
  sids.accounts.insert(accounts.begin(), accounts.end());
  sids.keys.insert(keys.begin(), keys.end());
}

void ScopeSids::merge(const ScopeSids& other) {
  for (const auto& [scope, theirs] : other.by_scope_) {
    Sids& mine = by_scope_[scope];
    mine.accounts.insert(theirs.accounts.begin(), theirs.accounts.end());
    mine.keys.insert(theirs.keys.begin(), theirs.keys.end());
  }
}

void ScopeSids::pair(std::vector<model::CredentialCandidate>& candidates) const {
  static const Sids kNone;
  for (model::CredentialCandidate& c : candidates) {
    // Only Twilio REST credentials take SIDs from the rest of a change (an OAuth client id is
    // taken from its own file; a SendGrid key needs no partner).
    const bool twilio_rest = c.kind == model::CredentialKind::kAuthToken || c.kind == model::CredentialKind::kApiKey;
    if (c.scope.empty() || !twilio_rest) continue;
    auto it = by_scope_.find(c.scope);
    const Sids& sids = it == by_scope_.end() ? kNone : it->second;
    std::string reason;
    fill(c.account_sid, sids.accounts, "account SID", c.scope, reason);
    if (c.kind == model::CredentialKind::kApiKey) fill(c.key_sid, sids.keys, "API key SID", c.scope, reason);
    c.unpaired_reason = std::move(reason);
  }
}

}  // namespace twilint::scan
