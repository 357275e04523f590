// --format compact: one line per finding, `path:line:col: severity rule: message`, the shape
// compilers print, so editors' quickfix lists, grep and awk read it. No summary: the exit code says
// whether the run failed; an incomplete scan adds one `twilint: scan INCOMPLETE` line per path.
#include <string>

#include <fmt/format.h>

#include "report/escape.h"
#include "report/formats.h"
#include "report/summary.h"

namespace twilint::report {
namespace {

class CompactReporter final : public Reporter {
 public:
  void begin(const ReportContext&) override {}

  void on_finding(const model::Finding& f) override {
    out_ += fmt::format("{}:{}:{}: {} {}: {}", printable(f.origin.path), f.line, f.column,
                        model::to_string(f.severity), printable(f.rule_id), printable(f.message));
    if (f.origin.commit) out_ += " (commit " + short_commit(f.origin.commit->id) + ")";
    out_ += "\n";
  }

  std::string end(const model::ScanStats& stats) override {
    for (const model::Skipped& s : skipped_errors(stats)) {
      out_ += fmt::format("{}: twilint: scan INCOMPLETE: {}\n", printable(s.path), printable(s.reason));
    }
    return std::move(out_);
  }

 private:
  std::string out_;
};

}  // namespace

std::unique_ptr<Reporter> make_compact_reporter() { return std::make_unique<CompactReporter>(); }

}  // namespace twilint::report
