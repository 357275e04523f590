// --format json: the fixed schema other programs parse (issue [core] section 5). Keys named there
// are never removed or renamed; additions come after them. Invalid UTF-8 in scanned bytes becomes
// U+FFFD rather than an exception or broken JSON.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/formats.h"
#include "report/summary.h"

namespace twilint::report {
namespace {

using Json = nlohmann::ordered_json;

// Only on findings --verify checked. A status or code that was never received is null, not 0.
Json verification_json(const model::Verification& v) {
  Json j;
  j["status"] = model::to_string(v.status);
  j["http_status"] = v.http_status != 0 ? Json(v.http_status) : Json(nullptr);
  j["twilio_code"] = v.twilio_code != 0 ? Json(v.twilio_code) : Json(nullptr);
  j["detail"] = v.detail;
  return j;
}

// The commit fields of a history finding or occurrence.
void add_commit(Json& j, const model::CommitInfo& c) {
  j["commit"] = c.id;
  j["author"] = c.author;
  j["email"] = c.email;
  j["date"] = c.date;
  j["commit_summary"] = c.summary;
}

// A history finding's other additions of the same secret: where, and in which commit.
Json occurrences_json(const std::vector<model::Occurrence>& occurrences) {
  Json out = Json::array();
  for (const model::Occurrence& o : occurrences) {
    Json j{{"path", o.origin.path}, {"line", o.line}, {"column", o.column}};
    if (o.origin.commit) add_commit(j, *o.origin.commit);
    out.push_back(std::move(j));
  }
  return out;
}

// `guidance` is the finding's own text when it has one, else its rule's: the scan stage leaves it
// empty so a file with thousands of findings does not hold thousands of copies of the guidance.
Json finding_json(const model::Finding& f, const std::string& rule_guidance, bool history) {
  Json j;
  j["rule_id"] = f.rule_id;
  j["kind"] = model::to_string(f.kind);
  j["severity"] = model::to_string(f.severity);
  j["path"] = f.origin.path;
  j["line"] = f.line;
  j["column"] = f.column;
  j["end_line"] = f.end_line;
  j["end_column"] = f.end_column;
  j["snippet"] = f.snippet;
  j["secret"] = f.secret;
  j["fingerprint"] = f.fingerprint;
  j["message"] = f.message;
  j["guidance"] = f.guidance.empty() ? rule_guidance : f.guidance;
  if (f.origin.commit) add_commit(j, *f.origin.commit);
  j["fix"] = f.fix;
  if (f.verification) j["verification"] = verification_json(*f.verification);
  if (history) j["occurrences"] = occurrences_json(f.occurrences);
  return j;
}

Json stats_json(const model::ScanStats& stats, const SeverityCounts& counts) {
  Json j;
  j["files_scanned"] = stats.files_scanned;
  j["bytes_scanned"] = stats.bytes_scanned;
  j["files_skipped"] = stats.files_skipped;
  j["duration_ms"] = stats.duration_ms;
  j["suppressed"] = stats.suppressed;
  j["identifiers_hidden"] = stats.identifiers_hidden;
  j["baselined"] = stats.baselined;
  j["allowlisted"] = stats.allowlisted;
  j["commits_scanned"] = stats.commits_scanned;
  j["shallow"] = stats.shallow;
  j["incomplete"] = stats.incomplete();
  Json by_severity = Json::object();
  for (model::Severity s : kSeveritiesDescending) by_severity[std::string(model::to_string(s))] = counts[s];
  j["findings_by_severity"] = std::move(by_severity);
  Json skipped = Json::array();
  for (const model::Skipped& s : stats.skipped) {
    skipped.push_back(Json{{"path", s.path}, {"reason", s.reason}, {"error", s.error}});
  }
  j["skipped"] = std::move(skipped);
  j["notes"] = stats.notes;
  return j;
}

class JsonReporter final : public Reporter {
 public:
  void begin(const ReportContext& context) override {
    context_ = context;
    for (const model::RuleInfo& r : context_.rules) guidance_[r.id] = r.guidance;
  }
  void on_finding(const model::Finding& finding) override { findings_.push_back(finding); }

  std::string end(const model::ScanStats& stats) override {
    Json root;
    root["tool"] = Json{{"name", kToolName}, {"version", tool_version(context_)}};
    root["mode"] = context_.mode;
    Json findings = Json::array();
    for (const model::Finding& f : findings_) findings.push_back(finding_json(f, guidance_[f.rule_id], context_.mode == "history"));
    root["findings"] = std::move(findings);
    root["stats"] = stats_json(stats, count_severities(findings_));
    return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  }

 private:
  ReportContext context_;
  std::vector<model::Finding> findings_;
  std::map<std::string, std::string> guidance_;  // rule id -> guidance
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter() { return std::make_unique<JsonReporter>(); }

}  // namespace twilint::report
