// Where a blob came from: a path relative to the scan root as the user named it, and for git
// history the commit that first introduced it.
#pragma once

#include <optional>
#include <string>

namespace twilint::model {

struct CommitInfo {
  std::string id;       // full 40-hex commit id
  std::string author;   // author name
  std::string email;    // author email
  std::string date;     // author date, ISO 8601 (e.g. 2026-03-02T10:11:12+01:00)
  std::string summary;  // first line of the message
};

struct Origin {
  // '/'-separated display path: the root as the user named it joined with `relative`
  // ("src/a.py" for root ".", "../repo/src/a.py" for root "../repo").
  std::string path;
  // '/'-separated path relative to the scan root or repository root: used for fingerprints,
  // path globs and SARIF artifact URIs, so they do not depend on where twilint was run from.
  std::string relative;
  std::optional<CommitInfo> commit;  // set for history findings only
};

}  // namespace twilint::model
