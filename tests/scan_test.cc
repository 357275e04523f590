// The scan stage: overlap resolution, pairing, suppression, allowlists, redaction, fingerprints.
#include <gtest/gtest.h>

#include "config/config.h"
#include "rules/loader.h"
#include "scan/finding_builder.h"
#include "scan/history_occurrences.h"
#include "scan/scanner.h"

namespace twilint {
namespace {

constexpr const char* kRules = R"(
[[rules]]
id = "sid"
title = "Account SID"
kind = "identifier"
severity = "info"
priority = 0
pattern = '''\bAC[0-9a-f]{32}\b'''
[rules.validators]
placeholder = true

[[rules]]
id = "token"
title = "Auth Token"
kind = "secret"
severity = "high"
priority = 50
pairs_with = ["sid"]
fix = "rotate it"
pattern = '''(?i)token\s*[=:]\s*["']?(?P<secret>[0-9a-f]{32})'''

[[rules]]
id = "url"
title = "Credential URL"
kind = "secret"
severity = "critical"
priority = 90
pattern = '''https?://AC[0-9a-f]{32}:(?P<secret>[0-9a-f]{32})@'''

[[rules]]
id = "prod-ref"
title = "Auth Token in production config"
kind = "misuse"
severity = "medium"
pattern = '''TWILIO_AUTH_TOKEN=(?P<secret>\S+)'''
[rules.paths]
include = ["@production"]
)";

class ScanStage : public ::testing::Test {
 protected:
  ScanStage() {
    auto set = rules::load_rules({{"scan_test.toml", kRules}});
    if (!set) ADD_FAILURE() << set.errors().front().to_string();
    rules_ = std::move(*set);
    config_ = config::default_config();
  }
  std::vector<model::Finding> analyze(const std::string& text, const std::string& path = "app.py",
                                      bool show_secrets = false) {
    scan::ScanOptions options;
    options.show_secrets = show_secrets;
    scan::Scanner scanner(rules_, config_, options);
    stats_ = {};
    return scanner.analyze(text, model::Origin{path, path, std::nullopt}, stats_);
  }
  rules::RuleSet rules_;
  config::Config config_;
  model::ScanStats stats_;
};

const std::string kToken = "e8d28a79023c39c200661fccd268a29a";
const std::string kSid = "ACeee65f53e9421ce50211670eae679f02";

TEST_F(ScanStage, RedactsSecretAndSnippetByDefault) {
  auto f = analyze("x = 1\nauth_token = \"" + kToken + "\"\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule_id, "token");
  EXPECT_EQ(f[0].line, 2);
  EXPECT_EQ(f[0].column, 15);
  EXPECT_EQ(f[0].end_column, 47);
  EXPECT_EQ(f[0].secret, "e8d2…");
  EXPECT_EQ(f[0].snippet, "auth_token = \"e8d2…\"");
  EXPECT_EQ(f[0].fix, "rotate it");
  EXPECT_EQ(f[0].severity, model::Severity::kHigh);
  auto shown = analyze("auth_token = \"" + kToken + "\"\n", "app.py", true);
  EXPECT_EQ(shown[0].secret, kToken);
  EXPECT_NE(shown[0].snippet.find(kToken), std::string::npos);
}

TEST_F(ScanStage, PairRaisesToCritical) {
  auto f = analyze("sid = \"" + kSid + "\"\ntoken = \"" + kToken + "\"\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[1].rule_id, "token");
  EXPECT_EQ(f[1].severity, model::Severity::kCritical);
  EXPECT_NE(f[1].message.find("complete credential pair"), std::string::npos);
}

TEST_F(ScanStage, MostSpecificRuleWinsOnTheSameSpan) {
  auto f = analyze("curl https://" + kSid + ":" + kToken + "@api.twilio.com # token=" + "\n");
  std::vector<std::string> ids;
  for (const auto& x : f) ids.push_back(x.rule_id);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "url"), 1);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "token"), 0);
}

TEST_F(ScanStage, InlineAllowWithAndWithoutRuleId) {
  EXPECT_TRUE(analyze("token = \"" + kToken + "\"  # twilint:allow\n").empty());
  EXPECT_EQ(stats_.suppressed, 1u);
  EXPECT_TRUE(analyze("token = \"" + kToken + "\"  // twilint:allow token\n").empty());
  EXPECT_TRUE(analyze("token = \"" + kToken + "\"  /* twilint:allow url,token */\n").empty());
  EXPECT_EQ(analyze("token = \"" + kToken + "\"  <!-- twilint:allow url -->\n").size(), 1u);
  EXPECT_EQ(analyze("token = \"" + kToken + "\"  # twilint:allowance\n").size(), 1u);
}

TEST_F(ScanStage, AllowlistRegexesAndStopwords) {
  config_.allow_regexes.push_back(std::make_shared<RE2>("^e8d2"));
  EXPECT_TRUE(analyze("token = \"" + kToken + "\"\n").empty());
  EXPECT_EQ(stats_.allowlisted, 1u);
  config_.allow_regexes.clear();
  config_.stopwords.push_back("661fcc");
  EXPECT_TRUE(analyze("token = \"" + kToken + "\"\n").empty());
}

TEST_F(ScanStage, FingerprintSurvivesMovingLinesButNotPaths) {
  auto a = analyze("token = \"" + kToken + "\"\n");
  auto b = analyze("\n\n\n  token = \"" + kToken + "\"\n");
  auto c = analyze("token = \"" + kToken + "\"\n", "other.py");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].fingerprint, b[0].fingerprint);
  EXPECT_NE(a[0].fingerprint, c[0].fingerprint);
  EXPECT_EQ(a[0].fingerprint.size(), 64u);
  EXPECT_EQ(a[0].fingerprint.find(kToken), std::string::npos);
}

TEST_F(ScanStage, PathGatedRuleOnlyOnProductionPaths) {
  EXPECT_EQ(analyze("TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}\n", "deploy/.env.production").size(), 1u);
  EXPECT_TRUE(analyze("TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}\n", ".env.development").empty());
}

TEST_F(ScanStage, MisuseConstructRedactsLiteralSecretsInside) {
  auto f = analyze("TWILIO_AUTH_TOKEN=" + kToken + "\n", ".env.production");
  ASSERT_FALSE(f.empty());
  for (const auto& x : f) {
    EXPECT_EQ(x.secret.find(kToken), std::string::npos) << x.rule_id << ": " << x.secret;
    EXPECT_EQ(x.snippet.find(kToken), std::string::npos) << x.rule_id << ": " << x.snippet;
  }
}

TEST_F(ScanStage, LongLinesGetAWindowedSnippet) {
  std::string line = std::string(5000, 'x') + " token=" + kToken + " " + std::string(5000, 'y');
  auto f = analyze(line);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_LT(f[0].snippet.size(), 300u);
  EXPECT_NE(f[0].snippet.find("token=e8d2…"), std::string::npos);
}

TEST_F(ScanStage, DisabledRulesAndSeverityOverrides) {
  config_.severity_overrides["token"] = model::Severity::kLow;
  auto f = analyze("token = \"" + kToken + "\"\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, model::Severity::kLow);
  config_.disabled_rules.push_back("token");
  EXPECT_TRUE(analyze("token = \"" + kToken + "\"\n").empty());
}

TEST(Redaction, KeepsFourCharactersAndNeverShortSecrets) {
  EXPECT_EQ(scan::redact("e8d28a79023c39c200661fccd268a29a"), "e8d2…");
  EXPECT_EQ(scan::redact("short"), "…");
}

// --- scan/history_occurrences.h ---

model::Finding finding_at(int line, const std::string& fingerprint = "fp", const std::string& commit = "c1") {
  model::Finding f;
  f.rule_id = "twilio-auth-token";
  f.line = line;
  f.column = 5;
  f.fingerprint = fingerprint;
  f.severity = model::Severity::kHigh;
  f.origin.path = f.origin.relative = "a.py";
  f.origin.commit = model::CommitInfo{commit, "", "", "", ""};
  return f;
}

TEST(HistoryOccurrences, LinesTheParentHeldAreCarriedOthersAdded) {
  const std::string child = "x = 1\ntoken = 'S'\r\nother = 'S'\n";
  std::vector<model::Finding> found{finding_at(2), finding_at(3)};
  scan::drop_carried_forward(found, child, {"token = 'S'\nunrelated\n"});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].line, 3);

  found = {finding_at(2), finding_at(3)};
  scan::drop_carried_forward(found, child, {});  // a root commit, or a path new to the commit
  EXPECT_EQ(found.size(), 2u);

  // A merge: carried when any parent holds the line.
  found = {finding_at(2), finding_at(3)};
  scan::drop_carried_forward(found, child, {"token = 'S'\n", "other = 'S'"});
  EXPECT_TRUE(found.empty());
}

TEST(HistoryOccurrences, ExtraCopiesOfACarriedLineAreAdded) {
  const std::string child = "t = 'S'\nt = 'S'\nt = 'S'\n";
  std::vector<model::Finding> found{finding_at(1), finding_at(2), finding_at(3), finding_at(3, "other-rule")};
  scan::drop_carried_forward(found, child, {"t = 'S'\n"});
  ASSERT_EQ(found.size(), 3u);  // line 1 carried; lines 2 and 3 (two findings on 3) added
  EXPECT_EQ(found[0].line, 2);
  EXPECT_EQ(found[1].line, 3);
}

TEST(HistoryOccurrences, GroupsByFingerprintAtTheFirstIntroduction) {
  model::Finding later = finding_at(7, "fp", "c2");
  later.severity = model::Severity::kCritical;
  later.message = "complete credential pair";
  std::vector<scan::WalkedFinding> walked{
      {5, later}, {1, finding_at(4, "fp", "c1")}, {1, finding_at(2, "fp", "c1")}, {3, finding_at(9, "other", "c3")}};
  std::vector<model::Finding> grouped = scan::group_occurrences(std::move(walked));
  ASSERT_EQ(grouped.size(), 2u);
  const model::Finding& first = grouped[0].fingerprint == "fp" ? grouped[0] : grouped[1];
  EXPECT_EQ(first.line, 2);
  EXPECT_EQ(first.origin.commit->id, "c1");
  EXPECT_EQ(first.severity, model::Severity::kCritical);  // the group's highest, with its message
  EXPECT_EQ(first.message, "complete credential pair");
  ASSERT_EQ(first.occurrences.size(), 2u);
  EXPECT_EQ(first.occurrences[0].line, 4);
  EXPECT_EQ(first.occurrences[0].origin.commit->id, "c1");
  EXPECT_EQ(first.occurrences[1].line, 7);
  EXPECT_EQ(first.occurrences[1].origin.commit->id, "c2");
  const model::Finding& other = grouped[0].fingerprint == "fp" ? grouped[1] : grouped[0];
  EXPECT_TRUE(other.occurrences.empty());
}

}  // namespace
}  // namespace twilint
