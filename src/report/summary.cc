#include "report/summary.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace twilint::report {

void SeverityCounts::add(model::Severity s) {
  ++by_severity[static_cast<size_t>(s)];
  ++total;
}

SeverityCounts count_severities(const std::vector<model::Finding>& findings) {
  SeverityCounts counts;
  for (const model::Finding& f : findings) counts.add(f.severity);
  return counts;
}

std::string findings_phrase(const SeverityCounts& counts) {
  if (counts.total == 0) return "no findings";
  std::string out = count_noun(counts.total, "finding");
  std::string parts;
  for (model::Severity s : kSeveritiesDescending) {
    if (counts[s] == 0) continue;
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} {}", counts[s], model::to_string(s));
  }
  return fmt::format("{} ({})", out, parts);
}

std::string count_noun(uint64_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string_view scanned_noun(std::string_view mode) { return mode == "history" ? "blob" : "file"; }

std::string human_bytes(uint64_t bytes) {
  static constexpr std::array<std::string_view, 5> kUnits = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes) / 1024.0;
  size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string human_duration(uint64_t ms) {
  if (ms < 1000) return fmt::format("{} ms", ms);
  if (ms < 60'000) return fmt::format("{:.2f} s", static_cast<double>(ms) / 1000.0);
  const uint64_t seconds = ms / 1000;
  return fmt::format("{}m{:02}s", seconds / 60, seconds % 60);
}

std::string short_commit(std::string_view id) { return std::string(id.substr(0, 7)); }

std::string short_date(std::string_view iso) {
  // "2026-03-02T10:11:12+01:00": the date is everything before the 'T'.
  const size_t t = iso.find('T');
  return std::string(t == std::string_view::npos ? iso : iso.substr(0, t));
}

std::vector<model::Skipped> skipped_errors(const model::ScanStats& stats) {
  std::vector<model::Skipped> out;
  for (const model::Skipped& s : stats.skipped) {
    if (s.error) out.push_back(s);
  }
  return out;
}

std::vector<std::string> skipped_by_reason(const model::ScanStats& stats, size_t examples) {
  std::map<std::string, std::vector<std::string>> paths_by_reason;
  for (const model::Skipped& s : stats.skipped) {
    if (s.error) continue;
    std::string reason = s.reason.substr(0, s.reason.find(" ("));
    paths_by_reason[reason].push_back(s.path);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> groups(paths_by_reason.begin(), paths_by_reason.end());
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  std::vector<std::string> lines;
  for (const auto& [reason, paths] : groups) {
    std::string line = std::to_string(paths.size()) + " " + reason + ": ";
    for (size_t i = 0; i < paths.size() && i < examples; ++i) line += (i == 0 ? "" : ", ") + paths[i];
    if (paths.size() > examples) line += ", …";
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace twilint::report
