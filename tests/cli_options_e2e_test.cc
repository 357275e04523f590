// The command line as a user types it (issue 13 items 1, 3 and 5), on the real binary: options
// that take a value take exactly one per occurrence (so the path after them is still the path),
// history ranges as CI sends them (the all-zero "before" of a new branch, an empty variable, a
// shallow clone), and .twilint.toml found the same way however the scanned path is spelled.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/reporter.h"
#include "support/test_support.h"

namespace twilint {
namespace {

using nlohmann::json;
using testing::git;
using testing::RunResult;
using testing::TempDir;
namespace fs = std::filesystem;

const std::string kSid = "ACeee65f53e9421ce50211670eae679f02";
const std::string kToken = "e8d28a79023c39c200661fccd268a29a";
const std::string kToken2 = "7d3a9c1e5f2b8064a1c3e5d7f9b20486";
const std::string kLeak = "account_sid = \"" + kSid + "\"\nauth_token = \"" + kToken + "\"\n";
const std::string kZeroSha = "0000000000000000000000000000000000000000";

const std::string kCustomRule = R"([[rules]]
id = "custom-token"
title = "Custom token"
kind = "secret"
severity = "high"
keywords = ["myco_"]
pattern = '''\b(?P<secret>MYCO_[0-9]{8})\b'''
fix = "Remove it."
guidance = "A test rule."
)";

json parse(const RunResult& r) { return json::parse(r.out, nullptr, /*allow_exceptions=*/false); }

// The distinct top-level directories of the findings' paths ("target/a.py" -> "target").
std::set<std::string> finding_dirs(const json& doc) {
  std::set<std::string> dirs;
  if (!doc.is_object() || !doc.contains("findings")) return dirs;
  for (const json& f : doc["findings"]) {
    std::string path = f["path"].get<std::string>();
    dirs.insert(path.substr(0, path.find('/')));
  }
  return dirs;
}

std::set<std::string> rule_ids(const json& doc) {
  std::set<std::string> ids;
  if (!doc.is_object() || !doc.contains("findings")) return ids;
  for (const json& f : doc["findings"]) ids.insert(f["rule_id"].get<std::string>());
  return ids;
}

// A tree with a leak in two directories; the tests scan one of them by name.
struct TwoDirs {
  TempDir dir;
  TwoDirs() {
    dir.write("target/leak.py", kLeak);
    dir.write("target/data.json", "{\"auth_token\": \"" + kToken2 + "\"}\n");
    dir.write("other/leak.py", kLeak);
    dir.write("my.toml", kCustomRule);
    dir.write("target/custom.txt", "token MYCO_12345678\n");
  }
};

// --- item 1: one value per occurrence -------------------------------------------------------------

// The --format help lists every format the reporter table has (it is built from that table).
TEST(HelpText, FormatHelpNamesEveryFormat) {
  RunResult help = testing::twilint({"scan", "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("Report format: text, json, sarif, github, junit, compact"), std::string::npos) << help.out;
  for (const std::string& name : report::format_names()) {
    RunResult r = testing::twilint({"scan", "--format", name, "--no-config", testing::source_dir() + "/README.md"});
    EXPECT_NE(r.exit_code, 2) << name << ": " << r.err;
  }
}

TEST(RepeatableOptions, ScanExcludeDoesNotSwallowThePath) {
  TwoDirs t;
  RunResult r = testing::twilint({"scan", "--exclude", "*.json", "target", "--format", "json"}, t.dir.str());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  EXPECT_EQ(finding_dirs(doc), std::set<std::string>{"target"}) << r.out.substr(0, 2000);
  for (const json& f : doc["findings"]) EXPECT_EQ(f["path"].get<std::string>().find(".json"), std::string::npos);
  // Repeated, every occurrence counts.
  RunResult twice = testing::twilint(
      {"scan", "--exclude", "*.json", "--exclude", "leak.py", "target", "--format", "json"}, t.dir.str());
  EXPECT_EQ(rule_ids(parse(twice)), std::set<std::string>{}) << twice.out.substr(0, 2000);
  EXPECT_EQ(twice.exit_code, 0) << twice.err;
}

TEST(RepeatableOptions, ScanRulesTakesOneFileAndKeepsThePath) {
  TwoDirs t;
  RunResult r = testing::twilint({"scan", "--rules", "my.toml", "target", "--format", "json"}, t.dir.str());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  EXPECT_EQ(finding_dirs(doc), std::set<std::string>{"target"});
  EXPECT_EQ(rule_ids(doc).count("custom-token"), 1u) << r.out.substr(0, 2000);
  t.dir.write("more.toml", std::string(kCustomRule).replace(kCustomRule.find("custom-token"), 12, "custom-other"));
  RunResult two = testing::twilint(
      {"scan", "--rules", "my.toml", "--rules", "more.toml", "target", "--format", "json"}, t.dir.str());
  EXPECT_EQ(two.exit_code, 1) << two.err;
  EXPECT_EQ(finding_dirs(parse(two)), std::set<std::string>{"target"});
  RunResult listed = testing::twilint({"rules", "list", "--rules", "my.toml", "--rules", "more.toml"}, t.dir.str());
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("custom-other"), std::string::npos);
}

TEST(RepeatableOptions, HistoryBranchKeepsTheRepository) {
  TempDir dir;
  fs::create_directories(dir.path() / "repo");
  std::string repo = (dir.path() / "repo").string();
  git(repo, {"init", "-q"});
  dir.write("repo/leak.py", kLeak);
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "-m", "leak"});
  // Run from outside the repository: a swallowed REPO would make "." (not a repository) the repo.
  RunResult r = testing::twilint({"history", "--branch", "main", "repo", "--format", "json", "--no-cache"}, dir.str());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(rule_ids(parse(r)).count("twilio-auth-token"), 1u);
  RunResult twice = testing::twilint(
      {"history", "--branch", "main", "--branch", "main", "repo", "--format", "json", "--no-cache"}, dir.str());
  EXPECT_EQ(twice.exit_code, 1) << twice.err;
  RunResult baseline = testing::twilint(
      {"baseline", "create", "--history", "--branch", "main", "repo", "--output", "b.json"}, dir.str());
  EXPECT_EQ(baseline.exit_code, 0) << baseline.err;
  EXPECT_NE(testing::read_file(dir.path() / "b.json").find("twilio-auth-token"), std::string::npos);
}

TEST(RepeatableOptions, BaselineCreateExcludeKeepsThePath) {
  TwoDirs t;
  RunResult r = testing::twilint({"baseline", "create", "--exclude", "*.json", "target", "--output", "b.json"},
                                 t.dir.str());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string written = testing::read_file(t.dir.path() / "b.json");
  EXPECT_NE(written.find("leak.py"), std::string::npos) << written;
  EXPECT_EQ(written.find("data.json"), std::string::npos) << written;
  EXPECT_EQ(written.find("other/"), std::string::npos) << written;
}

TEST(RepeatableOptions, FixExcludeKeepsThePath) {
  TwoDirs t;
  RunResult r = testing::twilint({"fix", "--exclude", "*.json", "target"}, t.dir.str());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("target/leak.py"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("other/leak.py"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("data.json"), std::string::npos) << r.out;
}

// --- item 3: history ranges on CI --------------------------------------------------------------------

struct BranchedRepo {
  TempDir dir;
  std::string path;
  std::string base;  // main's tip
  BranchedRepo() {
    fs::create_directories(dir.path() / "repo");
    path = (dir.path() / "repo").string();
    git(path, {"init", "-q", "-b", "main"});
    dir.write("repo/old.py", kLeak);
    git(path, {"add", "-A"});
    git(path, {"commit", "-q", "-m", "old leak on main"});
    base = git(path, {"rev-parse", "HEAD"});
    base.pop_back();
    git(path, {"checkout", "-q", "-b", "feature"});
    dir.write("repo/new.py", "auth_token = \"" + kToken2 + "\"\n");
    git(path, {"add", "-A"});
    git(path, {"commit", "-q", "-m", "new leak on feature"});
  }
};

std::set<std::string> finding_paths(const json& doc) {
  std::set<std::string> paths;
  if (!doc.is_object() || !doc.contains("findings")) return paths;
  for (const json& f : doc["findings"]) paths.insert(f["path"].get<std::string>());
  return paths;
}

TEST(HistoryRanges, AllZeroSinceCommitScansWhatNoOtherRefHas) {
  BranchedRepo repo;
  for (const std::vector<std::string>& how :
       {std::vector<std::string>{"--since-commit", kZeroSha}, std::vector<std::string>{"--range", kZeroSha + "..HEAD"}}) {
    std::vector<std::string> args{"history", repo.path, "--format", "json", "--no-cache", "--output", "r.json"};
    args.insert(args.end(), how.begin(), how.end());
    RunResult r = testing::twilint(args, repo.dir.str());
    ASSERT_EQ(r.exit_code, 1) << r.err;
    json doc = json::parse(testing::read_file(repo.dir.path() / "r.json"));
    EXPECT_EQ(finding_paths(doc), std::set<std::string>{"new.py"}) << doc.dump().substr(0, 2000);
    EXPECT_EQ(doc["stats"]["commits_scanned"], 1);
    ASSERT_FALSE(doc["stats"]["notes"].empty());
    EXPECT_NE(doc["stats"]["notes"][0].get<std::string>().find("new branch"), std::string::npos);
  }
  // The text summary says what was scanned.
  RunResult text = testing::twilint({"history", repo.path, "--no-cache", "--since-commit", kZeroSha});
  EXPECT_EQ(text.exit_code, 1) << text.err;
  EXPECT_NE(text.out.find("no other ref reaches"), std::string::npos) << text.out;
}

TEST(HistoryRanges, AllZeroWithNoOtherRefScansTheWholeHistoryAndSaysSo) {
  BranchedRepo repo;
  git(repo.path, {"branch", "-q", "-D", "main"});
  RunResult r = testing::twilint({"history", repo.path, "--format", "json", "--no-cache", "--since-commit", kZeroSha});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  EXPECT_EQ(finding_paths(doc), (std::set<std::string>{"old.py", "new.py"}));
  ASSERT_FALSE(doc["stats"]["notes"].empty());
  EXPECT_NE(doc["stats"]["notes"][0].get<std::string>().find("whole history"), std::string::npos);
}

TEST(HistoryRanges, EmptyValuesAreUsageErrors) {
  BranchedRepo repo;
  for (const char* flag : {"--since-commit", "--range", "--branch"}) {
    RunResult r = testing::twilint({"history", repo.path, "--no-cache", flag, ""});
    EXPECT_EQ(r.exit_code, 2) << flag << ": " << r.out << r.err;
    EXPECT_NE(r.err.find(flag), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("empty"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  // A real base still works and scans only the branch's own commit.
  RunResult ok = testing::twilint({"history", repo.path, "--format", "json", "--no-cache", "--since-commit", repo.base});
  EXPECT_EQ(ok.exit_code, 1) << ok.err;
  EXPECT_EQ(finding_paths(parse(ok)), std::set<std::string>{"new.py"});
}

TEST(HistoryRanges, ShallowCloneNamesTheMissingCommitAndHowToFetchIt) {
  BranchedRepo repo;
  std::string clone = (repo.dir.path() / "clone").string();
  RunResult cloned = testing::run({"git", "clone", "-q", "--depth", "1", "--branch", "feature", "file://" + repo.path, clone});
  ASSERT_EQ(cloned.exit_code, 0) << cloned.err;
  for (const char* flag : {"--since-commit", "--range"}) {
    std::string value = std::string(flag) == "--range" ? repo.base + "..HEAD" : repo.base;
    RunResult r = testing::twilint({"history", clone, "--no-cache", flag, value});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(repo.base), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(flag), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("shallow"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("fetch-depth: 0"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("git fetch --deepen"), std::string::npos) << r.err;
  }
  // An unknown revision that is not a commit id keeps the plain message, naming the flag it came with.
  RunResult named = testing::twilint({"history", clone, "--no-cache", "--since-commit", "no-such-ref"});
  EXPECT_EQ(named.exit_code, 2);
  EXPECT_NE(named.err.find("invalid revision 'no-such-ref' in --since-commit"), std::string::npos) << named.err;
}

// --- item 5: config discovery -----------------------------------------------------------------------

struct ConfiguredRepo {
  TempDir dir;
  std::string path;
  ConfiguredRepo() {
    fs::create_directories(dir.path() / "repo");
    path = (dir.path() / "repo").string();
    git(path, {"init", "-q", "-b", "main"});
    // Written relative to the repository root, as a team would.
    dir.write("repo/.twilint.toml", "[scan]\nexclude = [\"src/vendored/**\"]\n[rules]\ndisable = [\"twilio-account-sid\"]\n");
    dir.write("repo/src/app.py", kLeak);
    dir.write("repo/src/vendored/lib.py", kLeak);
  }
};

TEST(ConfigDiscovery, EverySpellingOfThePathUsesTheRepositoryConfig) {
  ConfiguredRepo repo;
  const std::string src = repo.path + "/src";
  struct Case {
    std::vector<std::string> args;
    std::string cwd;
  };
  std::vector<Case> cases{{{"scan", "."}, repo.path},
                          {{"scan"}, repo.path},
                          {{"scan", "src"}, repo.path},
                          {{"scan", "src/"}, repo.path},
                          {{"scan"}, src},
                          {{"scan", "."}, src},
                          {{"scan", "app.py"}, src},
                          {{"scan", "repo/src"}, repo.dir.str()},
                          {{"scan", src}, "/"}};
  for (Case c : cases) {
    c.args.insert(c.args.end(), {"--format", "json"});
    RunResult r = testing::twilint(c.args, c.cwd);
    std::string what = c.cwd + " $ twilint " + c.args[0] + (c.args.size() > 3 ? " " + c.args[1] : "");
    ASSERT_EQ(r.exit_code, 1) << what << ": " << r.err;
    json doc = parse(r);
    EXPECT_EQ(rule_ids(doc), std::set<std::string>{"twilio-auth-token"}) << what;  // the SID rule is disabled
    for (const json& f : doc["findings"]) {
      EXPECT_EQ(f["path"].get<std::string>().find("vendored"), std::string::npos) << what;  // excluded
    }
  }
}

TEST(ConfigDiscovery, HistoryAndStagedFromASubdirectoryUseTheRepositoryConfig) {
  ConfiguredRepo repo;
  git(repo.path, {"add", "-A"});
  const std::string src = repo.path + "/src";
  RunResult staged = testing::twilint({"staged", "--format", "json"}, src);
  ASSERT_EQ(staged.exit_code, 1) << staged.err;
  EXPECT_EQ(rule_ids(parse(staged)), std::set<std::string>{"twilio-auth-token"});
  git(repo.path, {"commit", "-q", "-m", "leak"});
  RunResult history = testing::twilint({"history", "--format", "json", "--no-cache"}, src);
  ASSERT_EQ(history.exit_code, 1) << history.err;
  EXPECT_EQ(rule_ids(parse(history)), std::set<std::string>{"twilio-auth-token"});
}

TEST(ConfigDiscovery, StopsAtTheRepositoryRootAndWalksUpOutsideOne) {
  TempDir dir;
  // Above the repository: not the repository's config.
  dir.write(".twilint.toml", "[rules]\ndisable = [\"twilio-auth-token\"]\n");
  fs::create_directories(dir.path() / "repo");
  git((dir.path() / "repo").string(), {"init", "-q"});
  dir.write("repo/src/app.py", kLeak);
  RunResult in_repo = testing::twilint({"scan", "--format", "json"}, (dir.path() / "repo/src").string());
  EXPECT_EQ(rule_ids(parse(in_repo)).count("twilio-auth-token"), 1u) << in_repo.out.substr(0, 1000);
  // Outside any repository the lookup goes up to the filesystem root.
  dir.write("plain/deep/app.py", kLeak);
  RunResult outside = testing::twilint({"scan", "--format", "json", "--show-identifiers"}, (dir.path() / "plain/deep").string());
  EXPECT_EQ(rule_ids(parse(outside)).count("twilio-auth-token"), 0u) << outside.out.substr(0, 1000);
  EXPECT_EQ(rule_ids(parse(outside)).count("twilio-account-sid"), 1u);
}

}  // namespace
}  // namespace twilint
