// Internal to revoke_run: turning a report fingerprint into the API key SID to delete (and, for
// --with-leaked, the leaked credentials that the report verified live).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "rules/rule.h"

namespace twilint::fix {

struct LeakedCredentials {
  std::string account_sid;
  std::string user;
  std::string password;
  std::string where;  // "path:line" of the credential, for messages
};

struct ResolvedTarget {
  std::string rule_id;  // of the report finding
  std::string key_sid;  // SK… to delete; empty for an Auth Token target
  std::optional<LeakedCredentials> leaked;  // set when the report shows a live credential in that file
  std::string error;    // non-empty: could not resolve (one line)
};

// Looks `fingerprint` (or a unique prefix of it) up in `report` (a twilint JSON report) and reads
// the finding's file (or HEAD's version of it once fixed) for the unredacted SIDs.
ResolvedTarget resolve_fingerprint(const nlohmann::json& report, const std::string& fingerprint,
                                   const rules::RuleSet& rules, const config::Config& config);

}  // namespace twilint::fix
