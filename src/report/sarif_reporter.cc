// --format sarif: SARIF 2.1.0 in the shape GitHub code scanning ingests (tool.driver.rules with
// help and security-severity, results with a %SRCROOT%-relative location and partialFingerprints).
// tests/sarif_schema_test.cc validates the output against the official JSON schema.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/escape.h"
#include "report/formats.h"
#include "report/summary.h"

namespace twilint::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/twilint/twilint";
constexpr std::string_view kSrcRoot = "%SRCROOT%";
// Versioned so a future change to how fingerprints are computed can use a new key.
constexpr std::string_view kFingerprintKey = "twilint/v1";

std::string_view sarif_level(model::Severity s) {
  switch (s) {
    case model::Severity::kCritical:
    case model::Severity::kHigh: return "error";
    case model::Severity::kMedium:
    case model::Severity::kLow: return "warning";
    case model::Severity::kInfo: return "note";
  }
  return "note";
}

// GitHub buckets alerts by this CVSS-like score: > 9 critical, 7-8.9 high, 4-6.9 medium, < 4 low.
std::string_view security_severity(model::Severity s) {
  switch (s) {
    case model::Severity::kCritical: return "9.5";
    case model::Severity::kHigh: return "8.0";
    case model::Severity::kMedium: return "5.5";
    case model::Severity::kLow: return "3.0";
    case model::Severity::kInfo: return "0.0";
  }
  return "0.0";
}

// "Twilio Auth Token" or "twilio-auth-token" -> "TwilioAuthToken".
std::string camel_case(std::string_view words) {
  std::string out;
  bool upper_next = true;
  for (char c : words) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper_next = true;
      continue;
    }
    out += (upper_next && c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    upper_next = false;
  }
  return out;
}

// True when `ref` is an absolute http(s) URI made only of characters RFC 3986 allows, so it can
// go in a `format: uri` field; rule files may hold free-form references.
bool is_plain_http_uri(std::string_view ref) {
  if (ref.rfind("https://", 0) != 0 && ref.rfind("http://", 0) != 0) return false;
  for (char c : ref) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

Json rule_json(const model::RuleInfo& rule) {
  const std::string title = rule.title.empty() ? rule.id : rule.title;
  const std::string& help = rule.guidance.empty() ? (rule.fix.empty() ? title : rule.fix) : rule.guidance;
  Json j;
  j["id"] = rule.id;
  j["name"] = camel_case(title);
  j["shortDescription"] = Json{{"text", title}};
  j["fullDescription"] = Json{{"text", rule.fix.empty() ? title : rule.fix}};
  for (const std::string& ref : rule.references) {
    if (is_plain_http_uri(ref)) {
      j["helpUri"] = ref;
      break;
    }
  }
  j["help"] = Json{{"text", help}, {"markdown", help}};
  j["defaultConfiguration"] = Json{{"level", sarif_level(rule.severity)}};
  j["properties"] = Json{{"tags", Json::array({"security", std::string(model::to_string(rule.kind)), "twilio"})},
                         {"security-severity", security_severity(rule.severity)},
                         {"precision", "high"}};
  return j;
}

// Finding columns count bytes; SARIF columns count UTF-16 code units by default. The snippet is
// the whole source line, unchanged before the finding's column (redaction starts at the secret),
// so the start column converts exactly; the end keeps the finding's byte length, which is exact
// for the ASCII credentials Twilio issues.
Json region_json(const model::Finding& f) {
  Json region = Json::object();
  if (f.line <= 0) return region;
  region["startLine"] = f.line;
  int start_column = f.column;
  if (f.column > 0) {
    const auto prefix_bytes = static_cast<size_t>(f.column - 1);
    if (prefix_bytes <= f.snippet.size()) {
      start_column = static_cast<int>(utf16_length(std::string_view(f.snippet).substr(0, prefix_bytes))) + 1;
    }
    region["startColumn"] = start_column;
  }
  if (f.end_line >= f.line) region["endLine"] = f.end_line;
  if (f.end_column > 0) {
    int end_column = f.end_column;
    if (f.end_line == f.line && f.column > 0 && f.end_column >= f.column) {
      end_column = start_column + (f.end_column - f.column);
    }
    region["endColumn"] = end_column;
  }
  if (!f.snippet.empty()) region["snippet"] = Json{{"text", f.snippet}};
  return region;
}

Json artifact_json(const model::Origin& origin) {
  return Json{{"uri", uri_escape_path(origin.relative.empty() ? origin.path : origin.relative)}, {"uriBaseId", kSrcRoot}};
}

// A history finding's other additions of its secret. The region has the line and the column as
// the finding's own start column counts them (bytes), which is exact for the ASCII credentials.
Json related_locations_json(const std::vector<model::Occurrence>& occurrences) {
  Json out = Json::array();
  for (size_t i = 0; i < occurrences.size(); ++i) {
    const model::Occurrence& o = occurrences[i];
    Json physical{{"artifactLocation", artifact_json(o.origin)}};
    if (o.line > 0) physical["region"] = Json{{"startLine", o.line}, {"startColumn", std::max(o.column, 1)}};
    std::string text = o.origin.commit ? fmt::format("also added in commit {} ({})", o.origin.commit->id, o.origin.commit->date)
                                       : fmt::format("also added at {}", o.origin.path);
    Json j{{"id", i + 1}, {"physicalLocation", std::move(physical)}, {"message", Json{{"text", text}}}};
    if (o.origin.commit) j["properties"] = Json{{"commit", o.origin.commit->id}};
    out.push_back(std::move(j));
  }
  return out;
}

Json result_json(const model::Finding& f, size_t rule_index) {
  std::string text = f.message.empty() ? f.rule_id : f.message;
  if (!f.fix.empty()) text += "\nFix: " + f.fix;

  Json physical{{"artifactLocation", artifact_json(f.origin)}};
  Json region = region_json(f);
  if (!region.empty()) physical["region"] = std::move(region);

  Json j;
  j["ruleId"] = f.rule_id;
  j["ruleIndex"] = rule_index;
  j["level"] = sarif_level(f.severity);
  j["message"] = Json{{"text", text}};
  j["locations"] = Json::array({Json{{"physicalLocation", std::move(physical)}}});
  if (!f.occurrences.empty()) j["relatedLocations"] = related_locations_json(f.occurrences);
  if (!f.fingerprint.empty()) j["partialFingerprints"] = Json{{kFingerprintKey, f.fingerprint}};
  Json properties{{"severity", model::to_string(f.severity)},
                  {"security-severity", security_severity(f.severity)},
                  {"kind", model::to_string(f.kind)}};
  if (f.origin.commit) {
    const model::CommitInfo& c = *f.origin.commit;
    properties["commit"] = c.id;
    properties["author"] = c.author;
    properties["email"] = c.email;
    properties["date"] = c.date;
    properties["commit_summary"] = c.summary;
  }
  if (f.verification) {
    const model::Verification& v = *f.verification;
    properties["verification"] = Json{{"status", model::to_string(v.status)},
                                      {"http_status", v.http_status != 0 ? Json(v.http_status) : Json(nullptr)},
                                      {"twilio_code", v.twilio_code != 0 ? Json(v.twilio_code) : Json(nullptr)},
                                      {"detail", v.detail}};
  }
  j["properties"] = std::move(properties);
  return j;
}

Json notification(std::string_view level, const std::string& text) {
  return Json{{"level", level}, {"message", Json{{"text", text}}}};
}

Json invocation_json(const model::ScanStats& stats, std::string_view mode) {
  Json notifications = Json::array();
  for (const model::Skipped& s : skipped_errors(stats)) {
    notifications.push_back(notification("error", fmt::format("could not read {}: {}", s.path, s.reason)));
  }
  if (stats.shallow) {
    notifications.push_back(notification("warning", "shallow clone: commits before the shallow boundary were not scanned"));
  }
  for (const std::string& note : stats.notes) notifications.push_back(notification("note", note));

  Json j;
  j["executionSuccessful"] = !stats.incomplete();
  if (!notifications.empty()) j["toolExecutionNotifications"] = std::move(notifications);
  j["properties"] = Json{{"mode", mode},
                         {"files_scanned", stats.files_scanned},
                         {"bytes_scanned", stats.bytes_scanned},
                         {"files_skipped", stats.files_skipped},
                         {"duration_ms", stats.duration_ms},
                         {"suppressed", stats.suppressed},
                         {"baselined", stats.baselined},
                         {"allowlisted", stats.allowlisted},
                         {"commits_scanned", stats.commits_scanned},
                         {"shallow", stats.shallow}};
  return j;
}

class SarifReporter final : public Reporter {
 public:
  void begin(const ReportContext& context) override { context_ = context; }
  void on_finding(const model::Finding& finding) override { findings_.push_back(finding); }

  std::string end(const model::ScanStats& stats) override {
    // driver.rules: every enabled rule, plus any rule a finding names that the context did not
    // list (so every result's ruleIndex points at its rule).
    std::vector<model::RuleInfo> rules;
    std::unordered_map<std::string, size_t> index_of;
    auto add_rule = [&](const model::RuleInfo& rule) {
      if (index_of.try_emplace(rule.id, rules.size()).second) rules.push_back(rule);
    };
    for (const model::RuleInfo& rule : context_.rules) add_rule(rule);
    for (const model::Finding& f : findings_) {
      if (index_of.count(f.rule_id) != 0) continue;
      model::RuleInfo rule;
      rule.id = f.rule_id;
      rule.kind = f.kind;
      rule.severity = f.severity;
      rule.fix = f.fix;
      rule.guidance = f.guidance;
      add_rule(rule);
    }

    // GitHub code scanning reads security-severity from the rule only: a rule whose findings in
    // this run were raised (an Auth Token paired with its SID is critical) carries the highest of
    // them, so a critical finding shows as Critical. Each result also carries its own.
    for (const model::Finding& f : findings_) {
      model::RuleInfo& rule = rules[index_of.at(f.rule_id)];
      rule.severity = std::max(rule.severity, f.severity);
    }
    Json rules_json = Json::array();
    for (const model::RuleInfo& rule : rules) rules_json.push_back(rule_json(rule));
    Json driver;
    driver["name"] = kToolName;
    driver["version"] = tool_version(context_);
    driver["informationUri"] = kInformationUri;
    driver["rules"] = std::move(rules_json);

    Json results = Json::array();
    for (const model::Finding& f : findings_) results.push_back(result_json(f, index_of.at(f.rule_id)));

    Json run;
    run["tool"] = Json{{"driver", std::move(driver)}};
    run["invocations"] = Json::array({invocation_json(stats, context_.mode)});
    run["columnKind"] = "utf16CodeUnits";
    run["results"] = std::move(results);

    Json root;
    root["$schema"] = kSchemaUri;
    root["version"] = "2.1.0";
    root["runs"] = Json::array({std::move(run)});
    return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  }

 private:
  ReportContext context_;
  std::vector<model::Finding> findings_;
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter() { return std::make_unique<SarifReporter>(); }

}  // namespace twilint::report
