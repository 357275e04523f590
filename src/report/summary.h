// Wording shared by the human-readable parts of every format (text summary, GitHub and JUnit
// summary lines), so "3 findings (1 critical, 2 high)" reads the same everywhere.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/severity.h"
#include "model/stats.h"

namespace twilint::report {

// Findings per severity, indexed by static_cast<int>(Severity).
struct SeverityCounts {
  std::array<uint64_t, 5> by_severity{};
  uint64_t total = 0;

  void add(model::Severity s);
  uint64_t operator[](model::Severity s) const { return by_severity[static_cast<size_t>(s)]; }
};

SeverityCounts count_severities(const std::vector<model::Finding>& findings);

// Severities from most to least severe: the order every summary lists them in.
inline constexpr std::array<model::Severity, 5> kSeveritiesDescending = {
    model::Severity::kCritical, model::Severity::kHigh, model::Severity::kMedium, model::Severity::kLow,
    model::Severity::kInfo};

// "1 finding" / "3 findings (1 critical, 2 high)" / "no findings"; zero counts are left out.
std::string findings_phrase(const SeverityCounts& counts);

// "1 file" / "2 files": `count` and the noun, with an "s" unless count is 1.
std::string count_noun(uint64_t count, std::string_view noun);

// What one unit of ScanStats::files_scanned is in this mode: "blob" for history, else "file".
std::string_view scanned_noun(std::string_view mode);

// 1536 -> "1.5 KiB"; below 1 KiB in bytes ("512 B").
std::string human_bytes(uint64_t bytes);

// 15 -> "15 ms", 1250 -> "1.25 s", 125000 -> "2m05s".
std::string human_duration(uint64_t ms);

// The first 7 characters of a commit id (git's default abbreviation).
std::string short_commit(std::string_view id);

// The date part (YYYY-MM-DD) of an ISO 8601 timestamp, or the whole string if it has none.
std::string short_date(std::string_view iso);

// The skipped entries that were errors (the reason a scan is incomplete), in order.
std::vector<model::Skipped> skipped_errors(const model::ScanStats& stats);

// What was skipped by policy and why, one line per reason, most frequent first, naming up to
// `examples` paths: "2 binary: logo.png, font.woff". The reason's parenthesised detail (a size) is
// left out of the grouping.
std::vector<std::string> skipped_by_reason(const model::ScanStats& stats, size_t examples = 3);

}  // namespace twilint::report
