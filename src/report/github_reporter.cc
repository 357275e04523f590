// --format github: GitHub Actions workflow commands, which the runner turns into annotations on
// the pull request. One command per finding:
//   ::error file=PATH,line=N,col=N,endLine=N,endColumn=N,title=RULE_ID::[severity] message%0Afix: ...
// (error for high/critical, warning for medium/low, notice for info). Each path that could not be
// read is one `::error title=twilint could not read::PATH: reason` so an incomplete scan shows up
// as an annotation too. Then plain `twilint: ...` lines (not workflow commands, so they add no
// annotation) summarise the run in the job log.
// Escaping follows the runner: in data % \r \n become %25 %0D %0A; property values additionally
// escape : and , as %3A %2C. Other control characters are written as \xNN so nothing from a
// scanned file can start a command of its own.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/escape.h"
#include "report/formats.h"
#include "report/summary.h"

namespace twilint::report {
namespace {

std::string escape_command_text(std::string_view s, bool property) {
  std::string out;
  out.reserve(s.size());
  char32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t n = decode_utf8(s, i, cp);
    if (cp == '%') {
      out += "%25";
    } else if (cp == '\r') {
      out += "%0D";
    } else if (cp == '\n') {
      out += "%0A";
    } else if (property && cp == ':') {
      out += "%3A";
    } else if (property && cp == ',') {
      out += "%2C";
    } else {
      out += printable(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string escape_data(std::string_view s) { return escape_command_text(s, false); }
std::string escape_property(std::string_view s) { return escape_command_text(s, true); }

std::string_view command_for(model::Severity s) {
  switch (s) {
    case model::Severity::kCritical:
    case model::Severity::kHigh: return "error";
    case model::Severity::kMedium:
    case model::Severity::kLow: return "warning";
    case model::Severity::kInfo: return "notice";
  }
  return "notice";
}

std::string finding_command(const model::Finding& f) {
  std::vector<std::string> props;
  props.push_back("file=" + escape_property(f.origin.path));
  if (f.line > 0) props.push_back(fmt::format("line={}", f.line));
  if (f.column > 0) props.push_back(fmt::format("col={}", f.column));
  if (f.end_line > 0) props.push_back(fmt::format("endLine={}", f.end_line));
  if (f.end_column > 0) props.push_back(fmt::format("endColumn={}", f.end_column));
  props.push_back("title=" + escape_property(f.rule_id));

  std::string message = fmt::format("[{}] ", model::to_string(f.severity));
  if (f.origin.commit) {
    const model::CommitInfo& c = *f.origin.commit;
    message += fmt::format("commit {} ({}{}{}): ", short_commit(c.id), short_date(c.date), c.author.empty() ? "" : ", ",
                           c.author);
  }
  message += f.message.empty() ? f.rule_id : f.message;
  if (f.verification) message += "\nverified: " + model::describe(*f.verification);
  if (!f.fix.empty()) message += "\nfix: " + f.fix;
  return fmt::format("::{} {}::{}\n", command_for(f.severity), fmt::join(props, ","), escape_data(message));
}

class GithubReporter final : public Reporter {
 public:
  void begin(const ReportContext& context) override { context_ = context; }
  void on_finding(const model::Finding& finding) override {
    out_ += finding_command(finding);
    counts_.add(finding.severity);
  }

  std::string end(const model::ScanStats& stats) override {
    for (const model::Skipped& s : skipped_errors(stats)) {
      out_ += fmt::format("::error title=twilint could not read::{}\n", escape_data(s.path + ": " + s.reason));
    }
    if (stats.shallow) {
      out_ += "::warning title=twilint shallow clone::commits before the shallow boundary were not scanned\n";
    }

    const std::string verdict =
        counts_.total == 0 ? std::string("no Twilio credentials or misuse found") : findings_phrase(counts_);
    std::string summary = fmt::format("twilint: {}; scanned {} ({}) in {}", verdict,
                                      count_noun(stats.files_scanned, scanned_noun(context_.mode)),
                                      human_bytes(stats.bytes_scanned), human_duration(stats.duration_ms));
    if (stats.files_skipped > 0) summary += fmt::format("; {} skipped", count_noun(stats.files_skipped, "file"));
    if (stats.commits_scanned > 0) summary += fmt::format("; {} scanned", count_noun(stats.commits_scanned, "commit"));
    if (stats.suppressed > 0) summary += fmt::format("; {} suppressed", stats.suppressed);
    if (stats.baselined > 0) summary += fmt::format("; {} baselined", stats.baselined);
    if (stats.allowlisted > 0) summary += fmt::format("; {} allowlisted", stats.allowlisted);
    const size_t errors = skipped_errors(stats).size();
    if (errors > 0) summary += fmt::format("; INCOMPLETE: could not read {}", count_noun(errors, "path"));
    out_ += printable(summary) + "\n";
    for (const std::string& note : stats.notes) out_ += "twilint: note: " + printable(note) + "\n";
    return std::move(out_);
  }

 private:
  ReportContext context_;
  SeverityCounts counts_;
  std::string out_;
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter() { return std::make_unique<GithubReporter>(); }

}  // namespace twilint::report
