// The SARIF reporter's output validated against the official SARIF 2.1.0 JSON schema
// (tests/data/sarif-schema-2.1.0.json, draft-07) with ajv-cli and ajv-formats from the npm
// registry, so "uri", "uri-reference" and "date-time" formats are checked too.
// The validator lives outside the source tree; tests/tools/install_test_tools.sh installs it into
// ${TWILINT_TOOLS_DIR:-$HOME/.cache/twilint-test-tools}. Without it these tests fail, never skip.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/finding.h"
#include "model/rule_info.h"
#include "model/stats.h"
#include "report/reporter.h"
#include "support/test_support.h"

namespace twilint {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using model::Finding;
using model::RuleKind;
using model::Severity;

std::string tools_dir() {
  if (const char* dir = std::getenv("TWILINT_TOOLS_DIR"); dir != nullptr && *dir != '\0') return dir;
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : "") + "/.cache/twilint-test-tools";
}

std::string ajv_bin() { return tools_dir() + "/node_modules/.bin/ajv"; }
std::string schema_file() { return testing::source_dir() + "/tests/data/sarif-schema-2.1.0.json"; }

model::RuleInfo rule(std::string id, std::string title, RuleKind kind, Severity severity,
                     std::vector<std::string> references) {
  model::RuleInfo r;
  r.id = std::move(id);
  r.title = std::move(title);
  r.kind = kind;
  r.severity = severity;
  r.fix = "Load it from the environment and rotate it.";
  r.guidance = "## What is wrong\n\nA credential in source.\n\n```python\nclient = Client(sid, token)\n```";
  r.references = std::move(references);
  return r;
}

Finding finding(std::string rule_id, RuleKind kind, Severity severity, std::string path, int line, int column) {
  Finding f;
  f.rule_id = std::move(rule_id);
  f.kind = kind;
  f.severity = severity;
  f.origin.path = path;
  f.origin.relative = path;
  f.line = line;
  f.column = column;
  f.end_line = line;
  f.end_column = column + 32;
  f.snippet = std::string(static_cast<size_t>(column > 0 ? column - 1 : 0), ' ') + "9f3c…";
  f.secret = "9f3c…";
  f.fingerprint = f.rule_id + ":" + path + ":0a1b2c";
  f.message = "found " + f.rule_id;
  f.fix = "Rotate it.";
  f.guidance = "Guidance.";
  return f;
}

std::string render_sarif(const std::vector<Finding>& findings, const model::ScanStats& stats,
                         const std::vector<model::RuleInfo>& rules, const std::string& mode) {
  std::unique_ptr<report::Reporter> reporter = report::make_reporter("sarif");
  report::ReportContext context;
  context.tool_version = "0.1.0";
  context.mode = mode;
  context.root = ".";
  context.rules = rules;
  reporter->begin(context);
  for (const Finding& f : findings) reporter->on_finding(f);
  return reporter->end(stats);
}

// A report with every shape of finding and run the reporter can produce.
std::string representative_sarif() {
  const std::vector<model::RuleInfo> rules = {
      rule("twilio-auth-token", "Twilio Auth Token", RuleKind::kSecret, Severity::kHigh,
           {"not a URI, just words", "https://www.twilio.com/docs/iam/access-tokens"}),
      rule("twilio-account-sid", "Twilio Account SID", RuleKind::kIdentifier, Severity::kInfo, {}),
      rule("twilio-test-credentials-in-production", "Test credentials in production", RuleKind::kMisuse,
           Severity::kMedium, {"https://www.twilio.com/docs/iam/test-credentials"}),
      rule("twilio-api-key-sid", "", RuleKind::kIdentifier, Severity::kLow, {}),
  };

  std::vector<Finding> findings;
  findings.push_back(finding("twilio-auth-token", RuleKind::kSecret, Severity::kCritical, "src/app.py", 3, 21));
  findings.back().message = "complete credential pair\nwith 100% certainty";

  Finding odd = finding("twilio-account-sid", RuleKind::kIdentifier, Severity::kInfo,
                        "docs/café, notes/read me #1 [draft] ?.md", 1, 1);
  odd.snippet = "AC01… → 😀 \xff\xfe \x1b[31m";
  findings.push_back(odd);

  Finding misuse = finding("twilio-test-credentials-in-production", RuleKind::kMisuse, Severity::kMedium,
                           "config/prod.yaml", 4, 3);
  misuse.end_line = 6;  // a construct spanning lines
  misuse.end_column = 2;
  findings.push_back(misuse);

  Finding history = finding("twilio-api-key-secret", RuleKind::kSecret, Severity::kHigh, "../repo/old/settings.js", 12, 9);
  history.origin.relative = "old/settings.js";
  history.origin.commit = model::CommitInfo{"0123456789abcdef0123456789abcdef01234567", "Jane Doe", "jane@example.com",
                                            "2026-03-02T10:11:12+01:00", "Add settings"};
  findings.push_back(history);

  Finding nowhere = finding("twilio-api-key-sid", RuleKind::kIdentifier, Severity::kLow, "weird", 0, 0);
  nowhere.end_line = 0;
  nowhere.end_column = 0;
  nowhere.snippet.clear();
  nowhere.message.clear();
  nowhere.fingerprint.clear();
  findings.push_back(nowhere);

  model::ScanStats stats;
  stats.files_scanned = 10;
  stats.bytes_scanned = 12345;
  stats.files_skipped = 2;
  stats.duration_ms = 42;
  stats.suppressed = 1;
  stats.commits_scanned = 3;
  stats.shallow = true;
  stats.skipped = {{"big.bin", "binary", false}, {"locked.env", "permission denied", true}};
  stats.notes = {"submodule vendor/lib skipped"};
  return render_sarif(findings, stats, rules, "history");
}

class SarifSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(ajv_bin()))
        << "the SARIF schema validator is not installed (looked for " << ajv_bin()
        << "): run tests/tools/install_test_tools.sh first (it installs ajv-cli into "
           "${TWILINT_TOOLS_DIR:-$HOME/.cache/twilint-test-tools})";
    ASSERT_TRUE(fs::exists(schema_file())) << schema_file();
  }

  // Writes each document to "<name>.json" (ajv-cli picks its parser by extension) and runs the
  // validator once on all of them: node's start-up dominates the cost of a run.
  testing::RunResult validate(const std::vector<std::pair<std::string, std::string>>& documents) {
    std::vector<std::string> argv = {ajv_bin(), "validate", "--spec=draft7", "--strict=false", "--all-errors",
                                     "-c",      "ajv-formats", "-s",          schema_file()};
    for (const auto& [name, sarif] : documents) {
      argv.push_back("-d");
      argv.push_back(dir_.write(name + ".json", sarif).string());
    }
    return testing::run(argv);
  }

  void expect_valid(const std::vector<std::pair<std::string, std::string>>& documents) {
    const testing::RunResult result = validate(documents);
    std::string all;
    for (const auto& [name, sarif] : documents) all += "--- " + name + "\n" + sarif;
    EXPECT_EQ(result.exit_code, 0) << "SARIF does not match the schema:\n" << result.out << result.err << "\n" << all;
    for (const auto& [name, sarif] : documents) {
      EXPECT_NE((result.out + result.err).find(name + ".json valid"), std::string::npos) << result.out << result.err;
    }
  }

  testing::TempDir dir_;
};

TEST(SarifSchemaFile, IsTheOfficialDraft07One) {
  const Json schema = Json::parse(testing::read_file(schema_file()));
  EXPECT_EQ(schema["$schema"], "http://json-schema.org/draft-07/schema#");
  EXPECT_EQ(schema["$id"], "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json");
  EXPECT_EQ(schema["properties"]["version"]["enum"], Json::array({"2.1.0"}));
  EXPECT_TRUE(schema["definitions"].contains("reportingDescriptor"));
}

TEST_F(SarifSchemaTest, RepresentativeReportIsValid) { expect_valid({{"representative", representative_sarif()}}); }

TEST_F(SarifSchemaTest, EmptyReportIsValid) {
  model::ScanStats stats;
  stats.files_scanned = 3;
  const model::RuleInfo token =
      rule("twilio-auth-token", "Twilio Auth Token", RuleKind::kSecret, Severity::kHigh, {});
  expect_valid({{"empty-no-rules", render_sarif({}, stats, {}, "scan")},
                {"empty-with-rules", render_sarif({}, stats, {token}, "scan")}});
}

// The checks above mean something only if the validator rejects what the schema forbids,
// including a malformed URI (which is what uri_escape_path guards against).
TEST_F(SarifSchemaTest, ValidatorRejectsInvalidSarif) {
  Json doc = Json::parse(representative_sarif());
  Json missing_message = doc;
  missing_message["runs"][0]["results"][0].erase("message");
  Json bad_level = doc;
  bad_level["runs"][0]["results"][0]["level"] = "critical";
  Json bad_uri = doc;
  bad_uri["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b%zz";

  const testing::RunResult result = validate({{"missing-message", missing_message.dump()},
                                              {"bad-level", bad_level.dump()},
                                              {"bad-uri", bad_uri.dump()}});
  EXPECT_NE(result.exit_code, 0);
  const std::string output = result.out + result.err;
  for (const std::string name : {"missing-message", "bad-level", "bad-uri"}) {
    EXPECT_NE(output.find(name + ".json invalid"), std::string::npos) << name << "\n" << output;
  }
}

}  // namespace
}  // namespace twilint
