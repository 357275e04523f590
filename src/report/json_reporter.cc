// --format json: the schema other programs parse, documented field by field in docs/json.md. Keys
// are never renamed; a change that removes one raises kSchemaVersion. Invalid UTF-8 in scanned
// bytes becomes U+FFFD rather than an exception or broken JSON.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/formats.h"
#include "report/summary.h"

namespace twilint::report {
namespace {

using Json = nlohmann::ordered_json;

// 2: a rule's guidance moved from every finding to the top-level `rules` object (one copy per rule,
// not one per finding: 274 findings carried 704 KB of repeated guidance).
constexpr int kSchemaVersion = 2;

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

// A finding refers to its rule's guidance by `rule_id` (the top-level `rules` object); only a
// finding with guidance of its own, different from its rule's, carries a `guidance` key.
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
  if (!f.guidance.empty() && f.guidance != rule_guidance) j["guidance"] = f.guidance;
  if (f.origin.commit) add_commit(j, *f.origin.commit);
  j["fix"] = f.fix;
  if (f.verification) j["verification"] = verification_json(*f.verification);
  if (history) j["occurrences"] = occurrences_json(f.occurrences);
  return j;
}

// The rules the findings name, keyed by id: what each one is and how to fix it, once.
Json rules_json(const std::vector<model::RuleInfo>& rules, const std::vector<model::Finding>& findings) {
  std::map<std::string, const model::Finding*> named;
  for (const model::Finding& f : findings) named.try_emplace(f.rule_id, &f);
  Json out = Json::object();
  for (const model::RuleInfo& r : rules) {
    auto it = named.find(r.id);
    if (it == named.end()) continue;
    const std::string& guidance = r.guidance.empty() ? it->second->guidance : r.guidance;
    out[r.id] = Json{{"title", r.title},        {"kind", model::to_string(r.kind)},
                     {"severity", model::to_string(r.severity)}, {"fix", r.fix},
                     {"guidance", guidance},   {"references", r.references}};
    named.erase(it);
  }
  for (const auto& [id, f] : named) {  // a finding of a rule the context does not list
    out[id] = Json{{"title", ""}, {"kind", model::to_string(f->kind)}, {"severity", model::to_string(f->severity)},
                   {"fix", f->fix}, {"guidance", f->guidance}, {"references", Json::array()}};
  }
  return out;
}

Json stats_json(const model::ScanStats& stats, const SeverityCounts& counts) {
  Json j;
  j["files_scanned"] = stats.files_scanned;
  j["bytes_scanned"] = stats.bytes_scanned;
  j["bytes_from_cache"] = stats.bytes_from_cache;
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
    root["schema_version"] = kSchemaVersion;
    root["mode"] = context_.mode;
    Json findings = Json::array();
    for (const model::Finding& f : findings_) findings.push_back(finding_json(f, guidance_[f.rule_id], context_.mode == "history"));
    root["findings"] = std::move(findings);
    root["rules"] = rules_json(context_.rules, findings_);
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
