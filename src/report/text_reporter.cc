// --format text: for people at a terminal. Findings grouped under a header line per file, then a
// summary that makes an incomplete scan impossible to miss. Colour only when the context asks.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/escape.h"
#include "report/formats.h"
#include "report/summary.h"

namespace twilint::report {
namespace {

// Long lines (minified files, one-line JSON) are shown as a window around the finding.
constexpr size_t kSnippetWindow = 160;
constexpr size_t kSnippetLeadIn = 60;

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}

  std::string operator()(std::string_view sgr, std::string_view text) const {
    if (!color_ || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
  }

  // Live is an incident (bold red), invalid is good news (green), indeterminate needs a look (yellow).
  static std::string_view verification_sgr(const model::Verification& v) {
    switch (v.status) {
      case model::VerificationStatus::kLive:
      case model::VerificationStatus::kRestricted:
      case model::VerificationStatus::kConfirmedOffline: return "1;31";
      case model::VerificationStatus::kInvalid: return "32";
      case model::VerificationStatus::kIndeterminate: return "33";
    }
    return "0";
  }

  static std::string_view severity_sgr(model::Severity s) {
    switch (s) {
      case model::Severity::kCritical: return "1;31";
      case model::Severity::kHigh: return "31";
      case model::Severity::kMedium: return "33";
      case model::Severity::kLow: return "34";
      case model::Severity::kInfo: return "36";
    }
    return "0";
  }

 private:
  bool color_;
};

// The part of the snippet `s` worth showing, trimmed: all of it when short, else a window that
// starts a little before the finding's column, cut on character boundaries and marked with "…".
std::string snippet_window(std::string_view s, int column) {
  size_t end = s.size();
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r')) --end;
  s = s.substr(0, end);
  size_t begin = 0;
  while (begin < s.size() && (s[begin] == ' ' || s[begin] == '\t')) ++begin;
  if (s.size() - begin <= kSnippetWindow) return printable(s.substr(begin));

  const size_t at = std::min(column > 0 ? static_cast<size_t>(column - 1) : 0, s.size());
  if (at > begin + kSnippetLeadIn) begin = utf8_floor(s, at - kSnippetLeadIn);
  end = utf8_floor(s, begin + kSnippetWindow);
  std::string out;
  if (begin > 0 && s.substr(0, begin).find_first_not_of(" \t") != std::string_view::npos) out += "…";
  out += printable(s.substr(begin, end - begin));
  if (end < s.size()) out += "…";
  return out;
}

// "also added in 2 commits: 1a2b3c4 a.py:3, 0f9e8d7 b.py:7": where else the secret of a
// history finding was added, the first few named.
std::string describe_occurrences(const model::Finding& f) {
  constexpr size_t kNamed = 3;
  std::unordered_set<std::string> commits;
  std::vector<std::string> named;
  for (const model::Occurrence& o : f.occurrences) {
    if (o.origin.commit) commits.insert(o.origin.commit->id);
    if (named.size() < kNamed) {
      std::string where = fmt::format("{}:{}", o.origin.path, o.line);
      named.push_back(o.origin.commit ? short_commit(o.origin.commit->id) + " " + where : where);
    }
  }
  std::string text = commits.empty() ? fmt::format("also added at {}", count_noun(f.occurrences.size(), "other place"))
                                     : fmt::format("also added in {}", count_noun(commits.size(), "commit"));
  text += ": " + fmt::format("{}", fmt::join(named, ", "));
  if (f.occurrences.size() > named.size()) text += fmt::format(" and {} more", f.occurrences.size() - named.size());
  return text;
}

class TextReporter final : public Reporter {
 public:
  void begin(const ReportContext& context) override { context_ = context; }

  void on_finding(const model::Finding& finding) override {
    auto [it, inserted] = group_of_path_.try_emplace(finding.origin.path, groups_.size());
    if (inserted) groups_.emplace_back(finding.origin.path, std::vector<size_t>{});
    groups_[it->second].second.push_back(findings_.size());
    findings_.push_back(finding);
  }

  std::string end(const model::ScanStats& stats) override {
    const Painter paint(context_.color);
    std::string out;
    for (const auto& [path, indexes] : groups_) {
      out += paint("1", printable(path)) + "\n";
      std::unordered_set<std::string> fixed_rules;  // rules whose fix this file already showed
      for (size_t i : indexes) {
        const model::Finding& f = findings_[i];
        append_finding(out, f, fixed_rules.insert(f.rule_id).second, paint);
      }
      out += "\n";
    }
    append_summary(out, stats, paint);
    return out;
  }

 private:
  // The fix is spelled out at a rule's first finding in a file (a file of 226 findings of one rule
  // said it 226 times); every finding ends with where the full guidance is.
  static void append_finding(std::string& out, const model::Finding& f, bool first_of_rule, const Painter& paint) {
    const std::string where = fmt::format("{}:{}:{}", printable(f.origin.path), f.line, f.column);
    out += fmt::format("  {}  {}  {}\n", where, paint(Painter::severity_sgr(f.severity), model::to_string(f.severity)),
                       paint("1", printable(f.rule_id)));
    if (f.origin.commit) {
      const model::CommitInfo& c = *f.origin.commit;
      std::string line = fmt::format("commit {}  {}", short_commit(c.id), short_date(c.date));
      if (!c.author.empty()) line += "  " + c.author;
      if (!c.summary.empty()) line += "  \"" + c.summary + "\"";
      out += "    " + paint("2", printable(line)) + "\n";
    }
    if (!f.snippet.empty()) out += "    " + paint("2", ">") + " " + snippet_window(f.snippet, f.column) + "\n";
    if (!f.occurrences.empty()) out += "    " + paint("2", printable(describe_occurrences(f))) + "\n";
    if (!f.message.empty()) out += "    " + printable(f.message) + "\n";
    if (f.verification) {
      out += "    " + paint(Painter::verification_sgr(*f.verification), "verified:") + " " +
             printable(model::describe(*f.verification)) + "\n";
    }
    const std::string explain = paint("2", "(twilint explain " + printable(f.rule_id) + ")");
    if (f.fix.empty()) {
      out += "    " + explain + "\n";
    } else if (first_of_rule) {
      out += "    " + paint("32", "fix:") + " " + printable(f.fix) + " " + explain + "\n";
    } else {
      out += "    " + paint("32", "fix:") + " as above " + explain + "\n";
    }
  }

  void append_summary(std::string& out, const model::ScanStats& stats, const Painter& paint) const {
    const SeverityCounts counts = count_severities(findings_);
    if (counts.total == 0) {
      out += paint("32", "no Twilio credentials or misuse found") + "\n";
    } else {
      std::string parts;
      for (model::Severity s : kSeveritiesDescending) {
        if (counts[s] == 0) continue;
        if (!parts.empty()) parts += ", ";
        parts += paint(Painter::severity_sgr(s), fmt::format("{} {}", counts[s], model::to_string(s)));
      }
      out += fmt::format("{} ({}) in {}\n", paint("1", count_noun(counts.total, "finding")), parts,
                         count_noun(groups_.size(), "file"));
    }

    std::string size = human_bytes(stats.bytes_scanned);
    if (stats.bytes_from_cache > 0 && stats.bytes_scanned > 0) {
      size += fmt::format(", {}% from cache", stats.bytes_from_cache * 100 / stats.bytes_scanned);
    }
    std::string scanned = fmt::format("scanned {} ({}) in {}", count_noun(stats.files_scanned, scanned_noun(context_.mode)),
                                      size, human_duration(stats.duration_ms));
    if (stats.files_skipped > 0) scanned += fmt::format("; {} skipped", count_noun(stats.files_skipped, "file"));
    out += scanned + "\n";
    for (const std::string& line : skipped_by_reason(stats)) out += fmt::format("  skipped {}\n", printable(line));

    std::vector<std::string> hidden;
    if (stats.suppressed > 0) hidden.push_back(fmt::format("{} suppressed by twilint:allow", stats.suppressed));
    if (stats.baselined > 0) hidden.push_back(fmt::format("{} in the baseline", stats.baselined));
    if (stats.allowlisted > 0) hidden.push_back(fmt::format("{} allowlisted", stats.allowlisted));
    if (stats.identifiers_hidden > 0) {
      hidden.push_back(fmt::format("{} (--show-identifiers)", count_noun(stats.identifiers_hidden, "SID identifier")));
    }
    if (!hidden.empty()) out += fmt::format("not shown: {}\n", fmt::join(hidden, ", "));

    if (context_.mode == "history" || stats.commits_scanned > 0) {
      out += fmt::format("history: {} scanned\n", count_noun(stats.commits_scanned, "commit"));
    }
    if (stats.shallow) {
      out += paint("33", "shallow clone: commits before the shallow boundary were not scanned") + "\n";
    }

    const std::vector<model::Skipped> errors = skipped_errors(stats);
    if (!errors.empty()) {
      out += paint("1;31", fmt::format("scan INCOMPLETE: could not read {}:", count_noun(errors.size(), "path"))) + "\n";
      for (const model::Skipped& s : errors) out += fmt::format("  {}: {}\n", printable(s.path), printable(s.reason));
    }
    for (const std::string& note : stats.notes) out += fmt::format("note: {}\n", printable(note));
  }

  ReportContext context_;
  std::vector<model::Finding> findings_;
  std::vector<std::pair<std::string, std::vector<size_t>>> groups_;  // path -> findings_ indexes
  std::unordered_map<std::string, size_t> group_of_path_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter() { return std::make_unique<TextReporter>(); }

}  // namespace twilint::report
