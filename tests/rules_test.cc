// The rule pack: loading, the embedded copy, and one test case per (rule, example).
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "config/config.h"
#include "rules/embedded.h"
#include "rules/loader.h"
#include "scan/rule_check.h"
#include "support/test_support.h"

namespace twilint {
namespace {

const rules::RuleSet& shipped() {
  static const rules::RuleSet* set = [] {
    auto loaded = rules::load_rules(rules::embedded_sources());
    if (!loaded) {
      for (const auto& e : loaded.errors()) ADD_FAILURE() << e.to_string();
      return new rules::RuleSet();
    }
    return new rules::RuleSet(std::move(*loaded));
  }();
  return *set;
}

TEST(RulePack, EmbeddedCopyEqualsRulesDirectory) {
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() + "/rules")) {
    if (entry.path().extension() == ".toml") on_disk.insert(entry.path().filename().string());
  }
  std::set<std::string> embedded;
  for (const rules::EmbeddedFile& f : rules::embedded_rule_files()) {
    embedded.insert(std::string(f.name));
    EXPECT_EQ(testing::read_file(testing::source_dir() + "/rules/" + std::string(f.name)), f.content)
        << f.name << " differs from the embedded copy: rebuild";
  }
  EXPECT_EQ(on_disk, embedded);
}

TEST(RulePack, ShipsTheFixedRuleIds) {
  for (const char* id : {"twilio-account-sid", "twilio-api-key-sid", "twilio-auth-token", "twilio-api-key-secret",
                         "twilio-credential-url", "twilio-access-token", "twilio-auth-token-in-production-config",
                         "twilio-v2010-restricted-key", "twilio-api-key-without-account-sid",
                         "twilio-access-token-signed-with-auth-token", "twilio-access-token-ttl-too-long",
                         "twilio-test-credentials-in-production", "twilio-oauth-unsupported-grant",
                         "twilio-credentials-in-client-code"}) {
    EXPECT_NE(shipped().find(id), nullptr) << id;
  }
}

TEST(RulePack, EveryRuleHasGuidanceAndExamplesOfBothKinds) {
  for (const rules::Rule& r : shipped().rules) {
    EXPECT_FALSE(r.title.empty()) << r.id;
    EXPECT_FALSE(r.fix.empty()) << r.id;
    EXPECT_FALSE(r.examples.empty()) << r.id;
    EXPECT_FALSE(r.negative_examples.empty()) << r.id;
    if (r.kind != model::RuleKind::kIdentifier) {
      EXPECT_NE(r.guidance.find("Python"), std::string::npos) << r.id << ": guidance needs a Python before/after";
      EXPECT_NE(r.guidance.find("Node"), std::string::npos) << r.id << ": guidance needs a Node before/after";
      EXPECT_FALSE(r.references.empty()) << r.id;
    }
  }
}

TEST(RulePack, RulesCheckIsClean) {
  util::Diagnostics problems = scan::check_rules(shipped(), config::default_config());
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
}

// One parameterised case per (rule, example): the whole detector must find each example and
// must not find any negative example.
class RuleExample : public ::testing::TestWithParam<scan::ExampleResult> {};

TEST_P(RuleExample, WholeDetectorAgrees) {
  const scan::ExampleResult& r = GetParam();
  EXPECT_TRUE(r.passed) << r.rule_id << (r.positive ? " misses example " : " flags negative example ")
                        << r.index + 1 << " (" << r.file << ":" << r.line << ", path " << r.path << "):\n"
                        << r.text;
}

std::vector<scan::ExampleResult> all_examples() {
  static const config::Config config = config::default_config();
  return scan::run_rule_examples(shipped(), config);
}

std::string example_name(const ::testing::TestParamInfo<scan::ExampleResult>& info) {
  std::string name = info.param.rule_id + (info.param.positive ? "_pos" : "_neg") + std::to_string(info.param.index + 1);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Shipped, RuleExample, ::testing::ValuesIn(all_examples()), example_name);

// Loader errors: all reported at once, each with file:line.
TEST(RuleLoader, ReportsEveryProblemWithItsLine) {
  std::string text =
      "[[rules]]\n"                                  // 1
      "id = \"a\"\n"                                 // 2
      "title = \"A\"\n"                              // 3
      "kind = \"secret\"\n"                          // 4
      "severity = \"urgent\"\n"                      // 5: unknown severity
      "pattern = '''(unclosed'''\n"                  // 6: bad regex
      "colour = 1\n"                                 // 7: unknown key
      "[[rules]]\n"                                  // 8
      "id = \"a\"\n"                                 // 9: duplicate id
      "title = \"A again\"\n"
      "kind = \"weird\"\n"                           // 11: unknown kind
      "severity = \"low\"\n"
      "pattern = 'x'\n"
      "keywords = [\"UPPER\"]\n";                    // 14: keyword must be lowercase
  auto result = rules::load_rules({{"bad.toml", text}});
  ASSERT_FALSE(result.ok());
  std::string all;
  for (const auto& e : result.errors()) all += e.to_string() + "\n";
  EXPECT_NE(all.find("bad.toml:5: unknown severity 'urgent'"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.toml:6: pattern does not compile"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.toml:7: unknown key 'colour'"), std::string::npos) << all;
  EXPECT_NE(all.find("duplicate rule id 'a'"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.toml:11: unknown kind 'weird'"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.toml:14: keyword 'UPPER' must be lowercase"), std::string::npos) << all;
}

TEST(RuleLoader, VerifyNamesAKnownMethodAndTheShippedPackUsesIt) {
  auto bad = rules::load_rules({{"v.toml", "[[rules]]\nid = \"v\"\ntitle = \"V\"\nkind = \"secret\"\n"
                                           "severity = \"high\"\npattern = 'x'\nverify = \"mailgun\"\n"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.errors().front().to_string().find("v.toml:7: unknown verify 'mailgun'"), std::string::npos)
      << bad.errors().front().to_string();
  for (const char* name : {"twilio-auth-token", "twilio-api-key", "twilio-basic-auth", "sendgrid", "twilio-oauth"}) {
    auto method = rules::parse_verify_method(name);
    ASSERT_TRUE(method) << name;
    EXPECT_EQ(rules::verify_method_name(*method), name);
  }
  // Which rules --verify checks is the pack's data: each credential rule with a live check names it.
  auto pack = rules::load_embedded_rules();  // the pre-parsed pack: its codec keeps `verify`
  ASSERT_TRUE(pack.ok());
  std::map<std::string, std::string> verified;
  for (const rules::Rule& r : pack->rules) {
    if (r.verify != rules::VerifyMethod::kNone) verified[r.id] = std::string(rules::verify_method_name(r.verify));
  }
  EXPECT_EQ(verified.at("twilio-auth-token"), "twilio-auth-token");
  EXPECT_EQ(verified.at("twilio-api-key-secret"), "twilio-api-key");
  EXPECT_EQ(verified.at("twilio-credential-url"), "twilio-basic-auth");
  EXPECT_EQ(verified.at("sendgrid-api-key"), "sendgrid");
  EXPECT_EQ(verified.at("twilio-oauth-client-secret"), "twilio-oauth");
}

TEST(RuleLoader, SyntaxErrorHasALine) {
  auto result = rules::load_rules({{"syntax.toml", "[[rules]]\nid = \"x\"\ntitle = = 3\n"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors().front().file, "syntax.toml");
  EXPECT_EQ(result.errors().front().line, 3);
}

TEST(RuleLoader, SecretGroupAndPatternAlternatives) {
  auto result = rules::load_rules({{"ok.toml",
                                    "[[rules]]\nid = \"x\"\ntitle = \"X\"\nkind = \"secret\"\nseverity = \"low\"\n"
                                    "[[rules.patterns]]\nregex = '''k=(?P<secret>\\d+)'''\nnear = 'twilio'\n"
                                    "near_window = 50\n[[rules.patterns]]\nregex = 'plain'\n"}});
  ASSERT_TRUE(result.ok()) << result.errors().front().to_string();
  const rules::Rule& r = result->rules.front();
  ASSERT_EQ(r.patterns.size(), 2u);
  EXPECT_EQ(r.patterns[0].compiled().secret_group, 1);
  EXPECT_NE(r.patterns[0].compiled().near, nullptr);
  EXPECT_EQ(r.patterns[0].near_window, 50);
  EXPECT_EQ(r.patterns[1].compiled().secret_group, 0);
}

TEST(RulesCheckCommand, ReportsFailingExamplesAndExitsTwo) {
  testing::TempDir dir;
  dir.write("extra.toml",
            "[[rules]]\nid = \"demo-rule\"\ntitle = \"Demo\"\nkind = \"secret\"\nseverity = \"low\"\n"
            "fix = \"f\"\npattern = '''demo-(?P<secret>[0-9]{6})'''\n"
            "examples = ['demo-12345']\nnegative_examples = ['demo-123456']\n");
  auto r = testing::twilint({"rules", "check", "--rules", dir.str() + "/extra.toml"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("rule 'demo-rule': example 1 is not found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rule 'demo-rule': negative example 1 is found"), std::string::npos) << r.err;

  auto ok = testing::twilint({"rules", "check"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(ExplainCommand, PrintsFullGuidance) {
  auto r = testing::twilint({"explain", "twilio-auth-token"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("twilio-auth-token"), std::string::npos);
  EXPECT_NE(r.out.find("API key"), std::string::npos) << r.out;
  auto unknown = testing::twilint({"explain", "no-such-rule"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown rule 'no-such-rule'"), std::string::npos);
}

TEST(RulesListCommand, ListsEveryRule) {
  auto r = testing::twilint({"rules", "list"});
  EXPECT_EQ(r.exit_code, 0);
  for (const rules::Rule& rule : shipped().rules) EXPECT_NE(r.out.find(rule.id), std::string::npos) << rule.id;
}

}  // namespace
}  // namespace twilint
