// What a scan covered, for the summary of every report format.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace twilint::model {

// Something the scan passed over. `error` true means the user asked for it and it could not be
// read (exit 3); false means it was skipped by policy (binary, too large, submodule...).
struct Skipped {
  std::string path;
  std::string reason;
  bool error = false;
};

// Something wrong in the scanned content itself (a twilint:allow naming an unknown rule).
struct Warning {
  std::string path;
  int line = 0;
  std::string message;

  std::string to_string() const { return path + ":" + std::to_string(line) + ": " + message; }
  bool operator==(const Warning&) const = default;
  auto operator<=>(const Warning&) const = default;
};

struct ScanStats {
  uint64_t files_scanned = 0;  // files, or blobs for history
  uint64_t bytes_scanned = 0;
  uint64_t bytes_from_cache = 0;  // of bytes_scanned, results taken from the blob cache
  uint64_t files_skipped = 0;
  uint64_t duration_ms = 0;
  uint64_t suppressed = 0;  // hidden by twilint:allow
  uint64_t baselined = 0;   // hidden by --baseline
  uint64_t allowlisted = 0;  // hidden by the config allowlist
  uint64_t identifiers_hidden = 0;  // SIDs left out of the report (no --show-identifiers)
  uint64_t commits_scanned = 0;  // history only
  bool shallow = false;          // history of a shallow clone
  std::vector<Skipped> skipped;  // errors always listed; policy skips listed too
  std::vector<std::string> notes;  // e.g. "submodule vendor/lib skipped"
  // Printed on stderr as "path:line: message". Per blob, so merged like the counts.
  std::vector<Warning> warnings;

  bool incomplete() const {
    for (const Skipped& s : skipped) {
      if (s.error) return true;
    }
    return false;
  }

  // Adds what scanning some blobs counted (files, bytes, skips, warnings, suppressed and allowlisted) from
  // `from`: per-thread, per-blob and cached counts all merge the same way. Run-wide fields
  // (duration, baselined, commits, shallow, notes) are the caller's.
  void add_blob_counts(const ScanStats& from) {
    files_scanned += from.files_scanned;
    bytes_scanned += from.bytes_scanned;
    bytes_from_cache += from.bytes_from_cache;
    files_skipped += from.files_skipped;
    suppressed += from.suppressed;
    allowlisted += from.allowlisted;
    skipped.insert(skipped.end(), from.skipped.begin(), from.skipped.end());
    warnings.insert(warnings.end(), from.warnings.begin(), from.warnings.end());
  }
};

}  // namespace twilint::model
