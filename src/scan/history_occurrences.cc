#include "scan/history_occurrences.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "util/text.h"

namespace twilint::scan {
namespace {

// The line as a diff compares it: without its terminator (and a CR before it).
std::string_view trim_eol(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// How often each of `wanted` occurs as a whole line of `text`.
std::map<std::string_view, int> count_lines(std::string_view text, const std::set<std::string_view>& wanted) {
  std::map<std::string_view, int> counts;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim_eol(text.substr(pos, end - pos));
    if (wanted.count(line) > 0) ++counts[line];
    if (end == text.size()) break;
    pos = end + 1;
  }
  return counts;
}

}  // namespace

void drop_carried_forward(std::vector<model::Finding>& found, std::string_view bytes,
                          const std::vector<std::string>& parent_versions) {
  if (found.empty() || parent_versions.empty()) return;
  util::LineIndex lines(bytes);
  // The distinct lines that hold findings, and the text of each.
  std::map<int, std::string_view> text_of_line;
  for (const model::Finding& f : found) {
    if (f.line > 0) text_of_line.emplace(f.line, trim_eol(lines.line_text(lines.line_start(f.line))));
  }
  std::set<std::string_view> wanted;
  for (const auto& [line, text] : text_of_line) wanted.insert(text);
  // Per line text, how many copies the parent with the most of them had.
  std::map<std::string_view, int> carried;
  for (const std::string& parent : parent_versions) {
    for (const auto& [text, n] : count_lines(parent, wanted)) carried[text] = std::max(carried[text], n);
  }
  // Lines in order: the first copies of a text are the carried ones.
  std::set<int> carried_lines;
  std::map<std::string_view, int> used;
  for (const auto& [line, text] : text_of_line) {
    auto it = carried.find(text);
    if (it != carried.end() && used[text]++ < it->second) carried_lines.insert(line);
  }
  std::erase_if(found, [&](const model::Finding& f) { return carried_lines.count(f.line) > 0; });
}

std::vector<model::Finding> group_occurrences(std::vector<WalkedFinding> findings) {
  auto first = [](const WalkedFinding& a, const WalkedFinding& b) {
    return std::tie(a.sequence, a.finding.line, a.finding.column) < std::tie(b.sequence, b.finding.line, b.finding.column);
  };
  std::sort(findings.begin(), findings.end(), first);
  std::vector<model::Finding> out;
  std::unordered_map<std::string, size_t> group_of;  // fingerprint -> index in `out`
  for (WalkedFinding& walked : findings) {
    model::Finding& f = walked.finding;
    auto [it, inserted] = group_of.try_emplace(f.fingerprint, out.size());
    if (inserted) {
      out.push_back(std::move(f));
      continue;
    }
    model::Finding& primary = out[it->second];
    if (f.severity > primary.severity) {
      primary.severity = f.severity;
      primary.message = std::move(f.message);
    }
    primary.occurrences.push_back(model::Occurrence{std::move(f.origin), f.line, f.column});
  }
  return out;
}

}  // namespace twilint::scan
