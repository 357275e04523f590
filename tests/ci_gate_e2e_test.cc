// End to end for team workflow: baselines, inline allow, .twilint.toml, init.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

using testing::TempDir;

const std::string kSid = "ACeee65f53e9421ce50211670eae679f02";
const std::string kToken = "e8d28a79023c39c200661fccd268a29a";
const std::string kToken2 = "aea63367c29a80b21ead8f062d15a4f4";
std::string leak(const std::string& token) {
  return "account_sid = \"" + kSid + "\"\nauth_token = \"" + token + "\"\n";
}

nlohmann::json run_json(const std::vector<std::string>& args, int expected_exit) {
  std::vector<std::string> full = args;
  full.insert(full.end(), {"--format", "json"});
  auto r = testing::twilint(full);
  EXPECT_EQ(r.exit_code, expected_exit) << r.err;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << r.out << r.err;
  return doc;
}

size_t count_rule(const nlohmann::json& doc, const std::string& rule) {
  size_t n = 0;
  for (const auto& f : doc["findings"]) n += f["rule_id"] == rule;
  return n;
}

TEST(Baseline, RoundTripSurvivesMovedLinesButNotNewFiles) {
  TempDir dir;
  TempDir out;
  dir.write("app/settings.py", leak(kToken));
  std::string baseline = out.str() + "/baseline.json";
  auto created = testing::twilint({"baseline", "create", dir.str(), "--output", baseline});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string text = testing::read_file(baseline);
  EXPECT_EQ(text.find(kToken), std::string::npos) << "a baseline must never hold the secret";
  EXPECT_EQ(text.find("\"line\""), std::string::npos);
  EXPECT_NE(text.find("twilio-auth-token"), std::string::npos);

  auto clean = run_json({"scan", dir.str(), "--baseline", baseline}, 0);
  EXPECT_EQ(clean["findings"].size(), 0u);
  EXPECT_GE(clean["stats"]["baselined"].get<int>(), 1);

  // Lines move: still baselined.
  dir.write("app/settings.py", "# header\n\n\n" + leak(kToken) + "\n# more\n");
  EXPECT_EQ(run_json({"scan", dir.str(), "--baseline", baseline}, 0)["findings"].size(), 0u);

  // A new secret in the same file is reported; the same secret pasted into a new file is too.
  dir.write("app/settings.py", leak(kToken) + "backup_auth_token = \"" + kToken2 + "\"\n");
  dir.write("app/other.py", leak(kToken));
  auto fresh = run_json({"scan", dir.str(), "--baseline", baseline}, 1);
  ASSERT_EQ(count_rule(fresh, "twilio-auth-token"), 2u) << fresh.dump(2);
  for (const auto& f : fresh["findings"]) {
    if (f["rule_id"] != "twilio-auth-token") continue;
    bool second_token = f["path"].get<std::string>().find("settings.py") != std::string::npos;
    bool new_file = f["path"].get<std::string>().find("other.py") != std::string::npos;
    EXPECT_TRUE(second_token || new_file);
  }
}

TEST(Baseline, MalformedBaselineIsAUsageError) {
  TempDir dir;
  dir.write("b.json", "{not json");
  auto r = testing::twilint({"scan", dir.str(), "--baseline", dir.str() + "/b.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("b.json"), std::string::npos);
}

TEST(InlineAllow, WithAndWithoutRuleIdCountedInSummary) {
  TempDir dir;
  dir.write("a.py", "account_sid = \"" + kSid + "\"\nauth_token = \"" + kToken + "\"  # twilint:allow\n");
  dir.write("b.js", "const accountSid = '" + kSid + "';\nconst authToken = '" + kToken2 +
                        "'; // twilint:allow twilio-auth-token\n");
  dir.write("c.yml", "twilio:\n  account_sid: " + kSid + "\n  auth_token: " + kToken +
                         "  # twilint:allow twilio-api-key-secret\n");
  auto doc = run_json({"scan", dir.str()}, 1);
  EXPECT_EQ(count_rule(doc, "twilio-auth-token"), 1u);  // only c.yml: its allow names another rule
  EXPECT_EQ(doc["stats"]["suppressed"], 2);
  auto text = testing::twilint({"scan", dir.str(), "--no-color"});
  EXPECT_NE(text.out.find("suppressed"), std::string::npos) << text.out;
}

TEST(ConfigFile, ExcludeDisableSeverityAllowlist) {
  TempDir dir;
  dir.write("vendor/lib.py", leak(kToken));
  dir.write("app/a.py", leak(kToken2));
  dir.write("ids.txt", kSid + "\n");
  dir.write(".twilint.toml",
            "[scan]\nexclude = [\"vendor/\"]\n[severity]\ntwilio-account-sid = \"medium\"\n");
  auto doc = run_json({"scan", dir.str()}, 1);
  for (const auto& f : doc["findings"]) {
    EXPECT_EQ(f["path"].get<std::string>().find("vendor"), std::string::npos);
    if (f["rule_id"] == "twilio-account-sid") {
      EXPECT_EQ(f["severity"], "medium");
    }
  }
  dir.write(".twilint.toml", "[rules]\ndisable = [\"twilio-auth-token\", \"twilio-account-sid\"]\n");
  EXPECT_EQ(count_rule(run_json({"scan", dir.str()}, 0), "twilio-auth-token"), 0u);
  dir.write(".twilint.toml", "[allowlist]\nregexes = [\"^aea6\"]\npaths = [\"vendor/**\"]\n");
  auto allowed = run_json({"scan", dir.str()}, 0);
  EXPECT_EQ(count_rule(allowed, "twilio-auth-token"), 0u) << allowed.dump(2);
  // --config names another file; --no-config ignores the one at the root.
  EXPECT_EQ(count_rule(run_json({"scan", dir.str(), "--no-config"}, 1), "twilio-auth-token"), 2u);
}

TEST(ConfigFile, ExcludeAppliesToHistoryToo) {
  TempDir dir;
  testing::git(dir.str(), {"init", "-q"});
  dir.write("vendor/lib.py", leak(kToken));
  dir.write("app/a.py", leak(kToken2));
  testing::git(dir.str(), {"add", "."});
  testing::git(dir.str(), {"commit", "-q", "-m", "add"});
  dir.write(".twilint.toml", "[scan]\nexclude = [\"vendor/\"]\n");
  auto doc = run_json({"history", dir.str(), "--no-cache"}, 1);
  ASSERT_EQ(count_rule(doc, "twilio-auth-token"), 1u) << doc.dump(2);
  for (const auto& f : doc["findings"]) EXPECT_EQ(f["path"].get<std::string>().find("vendor"), std::string::npos);
}

TEST(ConfigFile, EveryErrorReportedWithFileAndLine) {
  TempDir dir;
  dir.write(".twilint.toml",
            "[scan]\nexclude = \"not-an-array\"\nmax_file_size = \"huge\"\n[allowlist]\nregexes = [\"(\"]\n"
            "[bogus]\nx = 1\n[severity]\ntwilio-auth-token = \"urgent\"\n");
  dir.write("a.py", "x = 1\n");
  auto r = testing::twilint({"scan", dir.str()});
  EXPECT_EQ(r.exit_code, 2);
  std::string cfg = dir.str() + "/.twilint.toml";
  for (const char* line : {":2:", ":3:", ":5:", ":6:", ":9:"}) {
    EXPECT_NE(r.err.find(cfg + line), std::string::npos) << line << "\n" << r.err;
  }
  auto unknown_rule = [&] {
    dir.write(".twilint.toml", "[rules]\ndisable = [\"twilio-auth-tokn\"]\n");
    return testing::twilint({"scan", dir.str()});
  }();
  EXPECT_EQ(unknown_rule.exit_code, 2);
  EXPECT_NE(unknown_rule.err.find("twilio-auth-tokn"), std::string::npos);
}

TEST(Init, WritesAConfigThatLoadsAndNeverClobbers) {
  TempDir dir;
  auto r = testing::twilint({"init", dir.str()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / ".twilint.toml"));
  dir.write("a.py", "x = 1\n");
  EXPECT_EQ(testing::twilint({"scan", dir.str()}).exit_code, 0);
  auto again = testing::twilint({"init", dir.str()});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
}

}  // namespace
}  // namespace twilint
