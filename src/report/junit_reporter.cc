// --format junit: for CI systems that display JUnit XML (GitLab, Jenkins, Azure). One testsuite
// "twilint" holding:
//   - one testcase per file with findings (name = the path), failing with a single <failure>
//     whose type is the rule id of its most severe finding and whose body lists every finding;
//     one failure per testcase keeps every JUnit reader's counts the same;
//   - one testcase per path that could not be read, with an <error> (the scan is incomplete);
//   - one passing testcase "files without findings" whose output says how many there were, so the
//     report shows what was covered and is never an empty suite.
// A file's testcase fails only when one of its findings is at or above --fail-on (what makes the
// exit code 1); findings below it are listed in the passing testcase's <system-out>.
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "report/escape.h"
#include "report/formats.h"
#include "report/summary.h"

namespace twilint::report {
namespace {

constexpr std::string_view kClassName = "twilint";
constexpr std::string_view kCleanCaseName = "files without findings";

std::string seconds(uint64_t ms) { return fmt::format("{}.{:03}", ms / 1000, ms % 1000); }

std::string finding_text(const model::Finding& f) {
  std::string out = fmt::format("{}:{}:{} {} [{}]\n", f.origin.path, f.line, f.column, f.rule_id, model::to_string(f.severity));
  if (f.origin.commit) {
    const model::CommitInfo& c = *f.origin.commit;
    out += fmt::format("  commit {} {} {} <{}>: {}\n", short_commit(c.id), short_date(c.date), c.author, c.email, c.summary);
  }
  if (!f.snippet.empty()) out += "  | " + f.snippet + "\n";
  if (!f.message.empty()) out += "  " + f.message + "\n";
  if (f.verification) out += "  verified: " + model::describe(*f.verification) + "\n";
  if (!f.fix.empty()) out += "  fix: " + f.fix + "\n";
  return out;
}

class JunitReporter final : public Reporter {
 public:
  void begin(const ReportContext& context) override { context_ = context; }

  void on_finding(const model::Finding& finding) override {
    auto [it, inserted] = group_of_path_.try_emplace(finding.origin.path, groups_.size());
    if (inserted) groups_.emplace_back(finding.origin.path, std::vector<model::Finding>{});
    groups_[it->second].second.push_back(finding);
  }

  std::string end(const model::ScanStats& stats) override {
    const std::vector<model::Skipped> errors = skipped_errors(stats);
    const size_t tests = groups_.size() + errors.size() + 1;
    size_t failures = 0;
    for (const auto& group : groups_) failures += failing(group.second) ? 1 : 0;
    const std::string time = seconds(stats.duration_ms);
    const uint64_t with_findings = groups_.size();
    const uint64_t clean = stats.files_scanned > with_findings ? stats.files_scanned - with_findings : 0;
    const std::string_view noun = scanned_noun(context_.mode);

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{}\">\n", kToolName,
                       tests, failures, errors.size(), time);
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{}\">\n",
                       kToolName, tests, failures, errors.size(), time);
    append_properties(out, stats);

    for (const auto& [path, findings] : groups_) {
      const model::Finding* worst = &findings.front();
      for (const model::Finding& f : findings) {
        if (f.severity > worst->severity) worst = &f;
      }
      std::string body;
      for (const model::Finding& f : findings) body += finding_text(f);
      const std::string message = fmt::format("{}; most severe: {} at line {}", findings_phrase(count_severities(findings)),
                                              worst->rule_id, worst->line);
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", kClassName, xml_attribute(path));
      if (failing(findings)) {
        out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_attribute(message),
                           xml_attribute(worst->rule_id), xml_text(body));
      } else {
        out += fmt::format("      <system-out>{}</system-out>\n", xml_text(body));
      }
      out += "    </testcase>\n";
    }
    for (const model::Skipped& s : errors) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", kClassName, xml_attribute(s.path));
      out += fmt::format("      <error message=\"{}\" type=\"unreadable\">{}</error>\n",
                         xml_attribute("could not read: " + s.reason), xml_text(s.path + ": " + s.reason + "\n"));
      out += "    </testcase>\n";
    }
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", kClassName, kCleanCaseName);
    out += fmt::format("      <system-out>{}</system-out>\n",
                       xml_text(fmt::format("{} of {} scanned had no findings", count_noun(clean, noun),
                                              count_noun(stats.files_scanned, noun))));
    out += "    </testcase>\n";
    out += "  </testsuite>\n</testsuites>\n";
    return out;
  }

 private:
  // Whether a file's findings fail the run: one of them at or above --fail-on.
  bool failing(const std::vector<model::Finding>& findings) const {
    if (!context_.fail_on) return false;
    for (const model::Finding& f : findings) {
      if (f.severity >= *context_.fail_on) return true;
    }
    return false;
  }

  void append_properties(std::string& out, const model::ScanStats& stats) const {
    const std::vector<std::pair<std::string_view, std::string>> properties = {
        {"version", tool_version(context_)},
        {"mode", context_.mode},
        {"files_scanned", std::to_string(stats.files_scanned)},
        {"bytes_scanned", std::to_string(stats.bytes_scanned)},
        {"files_skipped", std::to_string(stats.files_skipped)},
        {"suppressed", std::to_string(stats.suppressed)},
        {"baselined", std::to_string(stats.baselined)},
        {"allowlisted", std::to_string(stats.allowlisted)},
        {"commits_scanned", std::to_string(stats.commits_scanned)},
        {"shallow", stats.shallow ? "true" : "false"},
        {"incomplete", stats.incomplete() ? "true" : "false"},
    };
    out += "    <properties>\n";
    for (const auto& [name, value] : properties) {
      out += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml_attribute(value));
    }
    for (const std::string& note : stats.notes) {
      out += fmt::format("      <property name=\"note\" value=\"{}\"/>\n", xml_attribute(note));
    }
    out += "    </properties>\n";
  }

  ReportContext context_;
  std::vector<std::pair<std::string, std::vector<model::Finding>>> groups_;  // by path, first-seen order
  std::unordered_map<std::string, size_t> group_of_path_;
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter() { return std::make_unique<JunitReporter>(); }

}  // namespace twilint::report
