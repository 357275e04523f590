// For --verify: lends a credential the partner SID its own blob lacks from the other blobs of the
// same change — a commit in history, the staged change in staged mode (a .env with the Account SID
// and a config with the Auth Token, committed together). Pure: no I/O. SIDs are identifiers, not
// secrets, so holding them for the whole scan is fine.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/verification.h"

namespace twilint::scan {

class ScopeSids {
 public:
  // Records the partner SIDs in one blob of change `scope` (credential_pairs.h: distinct_sids).
  // An empty scope records nothing: that blob pairs within itself only.
  void add_blob(const std::string& scope, std::string_view bytes);

  // Takes in everything `other` recorded.
  void merge(const ScopeSids& other);

  // Fills each candidate's empty account_sid (and key_sid, for an API key) from its scope, when
  // the scope holds exactly one distinct SID of that kind. With several there is no telling which
  // account the secret belongs to, and guessing would send the secret to the wrong accounts: the
  // SID stays empty. Either way a SID left empty gets an `unpaired_reason` naming the scope.
  // SIDs found in the candidate's own blob are never replaced; candidates without a scope are
  // left alone.
  void pair(std::vector<model::CredentialCandidate>& candidates) const;

 private:
  struct Sids {
    std::set<std::string> accounts;
    std::set<std::string> keys;
  };
  std::map<std::string, Sids> by_scope_;
};

}  // namespace twilint::scan
