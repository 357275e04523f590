// End-to-end tests of the git modes on the real binary: `twilint history`, `staged`,
// `install-hook` / `uninstall-hook` and the installed hook under a real `git commit`, on
// repositories the tests make in temp directories.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

using nlohmann::json;
using testing::git;
using testing::read_file;
using testing::RunResult;
using testing::TempDir;

namespace fs = std::filesystem;

constexpr const char* kToken = "e8d28a79023c39c200661fccd268a29a";
constexpr const char* kOtherToken = "5b1d0c5ee2f24c0e8cfb9e1ea6c2ae91";

// A fake credential pair in the corpus format.
std::string secret_file(const std::string& token = kToken) {
  return "account_sid = \"ACeee65f53e9421ce50211670eae679f02\"\nauth_token = \"" + token + "\"\n";
}

std::string make_repo(const TempDir& dir, const std::string& name = "repo") {
  fs::path path = dir.path() / name;
  fs::create_directories(path);
  git(path.string(), {"init", "-q"});
  return path.string();
}

void write(const std::string& repo, const std::string& relative, const std::string& content) {
  fs::path path = fs::path(repo) / relative;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

std::string commit_all(const std::string& repo, const std::string& message) {
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "--allow-empty", "-m", message});
  std::string id = git(repo, {"rev-parse", "HEAD"});
  id.pop_back();
  return id;
}

struct Report {
  RunResult run;
  json doc;
  std::vector<json> findings(const std::string& rule) const {
    std::vector<json> out;
    if (!doc.contains("findings")) return out;
    for (const json& f : doc["findings"]) {
      if (f["rule_id"] == rule) out.push_back(f);
    }
    return out;
  }
};

Report twilint_json(std::vector<std::string> args, const std::string& cwd = "") {
  args.push_back("--format");
  args.push_back("json");
  Report report;
  report.run = testing::twilint(args, cwd);
  if (!report.run.out.empty()) report.doc = json::parse(report.run.out, nullptr, /*allow_exceptions=*/false);
  return report;
}

// Every file under `dir` with its bytes, to prove a scan changed nothing.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).string()] = read_file(entry.path());
  }
  return files;
}

TEST(GitE2E, HistoryFindsADeletedSecretAndAttributesItToTheAddingCommit) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "README.md", "hello\n");
  commit_all(repo, "initial");
  write(repo, "app/settings.py", secret_file());
  std::string adding = commit_all(repo, "add twilio settings");
  fs::remove(fs::path(repo) / "app/settings.py");
  commit_all(repo, "remove the credentials");

  auto before = snapshot(repo);
  Report r = twilint_json({"history", repo});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err;
  auto tokens = r.findings("twilio-auth-token");
  ASSERT_EQ(tokens.size(), 1u) << r.run.out;
  EXPECT_EQ(tokens[0]["path"], "app/settings.py");
  EXPECT_EQ(tokens[0]["line"], 2);
  EXPECT_EQ(tokens[0]["commit"], adding);
  EXPECT_EQ(tokens[0]["author"], "Test User");
  EXPECT_EQ(tokens[0]["email"], "test@example.com");
  EXPECT_EQ(tokens[0]["date"], "2026-01-02T03:04:05+00:00");
  EXPECT_EQ(tokens[0]["commit_summary"], "add twilio settings");
  EXPECT_EQ(r.doc["stats"]["commits_scanned"], 3);
  EXPECT_EQ(r.run.out.find(kToken), std::string::npos);  // redacted
  EXPECT_EQ(snapshot(repo), before);                      // the repository is untouched

  RunResult text = testing::twilint({"history", repo});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find(adding.substr(0, 7)), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("2026-01-02"), std::string::npos) << text.out;
}

TEST(GitE2E, HistoryReportsTheSameBlobInTwoBranchesOnce) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "README.md", "base\n");
  commit_all(repo, "base");
  git(repo, {"checkout", "-q", "-b", "one"});
  write(repo, "one/.env", secret_file());
  commit_all(repo, "branch one");
  git(repo, {"checkout", "-q", "main"});
  git(repo, {"checkout", "-q", "-b", "two"});
  write(repo, "two/.env", secret_file());
  commit_all(repo, "branch two");

  Report r = twilint_json({"history", repo});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err;
  EXPECT_EQ(r.findings("twilio-auth-token").size(), 1u) << r.run.out;

  Report limited = twilint_json({"history", repo, "--branch", "main"});
  EXPECT_EQ(limited.run.exit_code, 0) << limited.run.out;
}

TEST(GitE2E, RangeReportsOnlyItsOwnAdditions) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "old.env", secret_file());
  std::string base = commit_all(repo, "old secret");
  fs::remove(fs::path(repo) / "old.env");
  commit_all(repo, "remove it");
  write(repo, "again.env", secret_file());  // the old blob again: not new to the range
  write(repo, "new.env", secret_file(kOtherToken));
  std::string added = commit_all(repo, "pr change");

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"history", repo, "--range", base + "..HEAD"},
        std::vector<std::string>{"history", repo, "--since-commit", base}}) {
    Report r = twilint_json(args);
    EXPECT_EQ(r.run.exit_code, 1) << r.run.err;
    auto tokens = r.findings("twilio-auth-token");
    ASSERT_EQ(tokens.size(), 1u) << r.run.out;
    EXPECT_EQ(tokens[0]["path"], "new.env");
    EXPECT_EQ(tokens[0]["commit"], added);
  }

  RunResult bad = testing::twilint({"history", repo, "--range", "no-such-ref..HEAD"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid revision 'no-such-ref'"), std::string::npos) << bad.err;
}

TEST(GitE2E, StagedReadsTheIndexNotTheWorkTree) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "app.py", "print('hello')\n");
  commit_all(repo, "initial");

  // Staged secret, removed from the work tree afterwards: still what the commit would add.
  write(repo, "app.py", "print('hello')\n" + secret_file());
  git(repo, {"add", "app.py"});
  write(repo, "app.py", "print('hello')\n");
  auto before = snapshot(repo);
  Report r = twilint_json({"staged", repo});
  EXPECT_EQ(snapshot(repo), before);  // neither the work tree nor .git is touched
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err << r.run.out;
  auto tokens = r.findings("twilio-auth-token");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0]["path"], "app.py");
  EXPECT_EQ(tokens[0]["line"], 3);

  // Clean content staged, the secret only in the work tree: nothing to report.
  git(repo, {"add", "app.py"});
  write(repo, "app.py", "print('hello')\n" + secret_file());
  r = twilint_json({"staged", repo});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.out;
}

TEST(GitE2E, StagedReportsOnlyAddedLinesAndNothingWhenNothingIsStaged) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "legacy.py", secret_file());
  commit_all(repo, "already committed secret");
  EXPECT_EQ(testing::twilint({"staged", repo}).exit_code, 0);  // nothing staged

  write(repo, "legacy.py", secret_file() + "print('unrelated change')\n");
  git(repo, {"add", "legacy.py"});
  Report r = twilint_json({"staged", repo});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.out;  // the secret lines are not part of this change

  write(repo, "legacy.py", secret_file() + "print('unrelated change')\ntoken = \"" + kOtherToken + "\"\n");
  git(repo, {"add", "legacy.py"});
  r = twilint_json({"staged", repo});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.out;
  for (const json& f : r.doc["findings"]) EXPECT_EQ(f["line"], 4) << f.dump();
}

TEST(GitE2E, StagedBeforeTheFirstCommit) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "first.py", secret_file());
  git(repo, {"add", "first.py"});
  Report r = twilint_json({"staged", repo});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err;
  EXPECT_EQ(r.findings("twilio-auth-token").size(), 1u);
}

// Runs `git commit` with the hook active; TWILINT names the binary under test so that a twilint
// elsewhere on PATH cannot change the outcome.
RunResult git_commit(const std::string& repo, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv{"git", "-c", "user.name=Test User", "-c", "user.email=test@example.com",
                                "-c", "commit.gpgsign=false", "commit", "-q", "-m", "change"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return testing::run(argv, repo, {"TWILINT=" + testing::twilint_bin(), "GIT_CONFIG_NOSYSTEM=1"});
}

int commit_count(const std::string& repo) {
  RunResult r = testing::run({"git", "rev-list", "--count", "--all"}, repo);
  return r.exit_code == 0 ? std::stoi(r.out) : 0;
}

TEST(GitE2E, InstalledHookBlocksASecretAndLetsACleanCommitThrough) {
  TempDir dir;
  std::string repo = make_repo(dir);
  RunResult install = testing::twilint({"install-hook", repo});
  ASSERT_EQ(install.exit_code, 0) << install.err;
  EXPECT_TRUE(fs::exists(fs::path(repo) / ".git/hooks/pre-commit"));

  write(repo, "clean.py", "print('hello')\n");
  git(repo, {"add", "clean.py"});
  RunResult clean = git_commit(repo);
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(commit_count(repo), 1);

  write(repo, "config.py", secret_file());
  git(repo, {"add", "config.py"});
  RunResult blocked = git_commit(repo);
  EXPECT_NE(blocked.exit_code, 0);
  EXPECT_EQ(commit_count(repo), 1);
  EXPECT_NE(blocked.err.find("config.py"), std::string::npos) << blocked.err;
  EXPECT_NE(blocked.err.find("twilio-auth-token"), std::string::npos) << blocked.err;
  EXPECT_NE(blocked.err.find("twilint:allow"), std::string::npos) << blocked.err;
  EXPECT_EQ(blocked.err.find(kToken), std::string::npos) << "the hook must not print the secret";
  std::string tail = blocked.err.substr(blocked.err.find_last_not_of('\n') - 60);
  EXPECT_NE(tail.find("git commit --no-verify"), std::string::npos) << blocked.err;

  // `git commit -a` stages into a temporary index: the hook must still see the secret.
  git(repo, {"reset", "-q", "config.py"});
  write(repo, "clean.py", "print('hello')\n" + secret_file());
  RunResult all = git_commit(repo, {"-a"});
  EXPECT_NE(all.exit_code, 0) << all.err;
  EXPECT_EQ(commit_count(repo), 1);

  // --no-verify skips the check, as the message says.
  EXPECT_EQ(git_commit(repo, {"-a", "--no-verify"}).exit_code, 0);
  EXPECT_EQ(commit_count(repo), 2);
}

TEST(GitE2E, InstalledHookKeepsAPreExistingHookRunningAndUninstallRestoresIt) {
  TempDir dir;
  std::string repo = make_repo(dir);
  fs::path hook = fs::path(repo) / ".git/hooks/pre-commit";
  const std::string foreign = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/foreign.log\"\n";
  write(repo, ".git/hooks/pre-commit", foreign);
  fs::permissions(hook, fs::perms(0755));

  ASSERT_EQ(testing::twilint({"install-hook", repo}).exit_code, 0);
  RunResult again = testing::twilint({"install-hook", repo});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("already installed"), std::string::npos) << again.out;

  write(repo, "clean.py", "print('hello')\n");
  git(repo, {"add", "clean.py"});
  EXPECT_EQ(git_commit(repo).exit_code, 0);
  write(repo, "config.py", secret_file());
  git(repo, {"add", "config.py"});
  EXPECT_NE(git_commit(repo).exit_code, 0);
  EXPECT_EQ(read_file(fs::path(repo) / ".git/foreign.log"), "ran\nran\n");  // ran both times
  EXPECT_EQ(commit_count(repo), 1);

  RunResult removed = testing::twilint({"uninstall-hook", repo});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(read_file(hook), foreign);
  EXPECT_FALSE(fs::exists(fs::path(repo) / ".git/hooks/pre-commit.twilint-chained"));
}

TEST(GitE2E, BareRepositoryHistory) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "config.py", secret_file());
  commit_all(repo, "secret");
  git(dir.str(), {"clone", "-q", "--bare", repo, "bare.git"});
  std::string bare = (dir.path() / "bare.git").string();
  auto before = snapshot(bare);
  Report r = twilint_json({"history", bare});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err;
  EXPECT_EQ(r.findings("twilio-auth-token").size(), 1u);
  EXPECT_EQ(snapshot(bare), before);
}

TEST(GitE2E, ShallowCloneIsScannedAsFarAsItGoesAndSaysSo) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "old.py", secret_file());
  commit_all(repo, "old secret");
  fs::remove(fs::path(repo) / "old.py");
  write(repo, "new.py", secret_file(kOtherToken));
  std::string tip = commit_all(repo, "new secret");
  git(dir.str(), {"clone", "-q", "--depth", "1", "file://" + repo, "shallow"});

  Report r = twilint_json({"history", (dir.path() / "shallow").string()});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err;  // findings, not an error
  EXPECT_EQ(r.doc["stats"]["shallow"], true);
  EXPECT_EQ(r.doc["stats"]["commits_scanned"], 1);
  auto tokens = r.findings("twilio-auth-token");
  ASSERT_EQ(tokens.size(), 1u) << r.run.out;
  EXPECT_EQ(tokens[0]["path"], "new.py");
  EXPECT_EQ(tokens[0]["commit"], tip);
}

TEST(GitE2E, SubmodulesAreSkippedWithANote) {
  TempDir dir;
  std::string lib = make_repo(dir, "lib");
  write(lib, "inner.py", secret_file());
  commit_all(lib, "lib");
  std::string app = make_repo(dir, "app");
  write(app, "main.py", "print('hi')\n");
  commit_all(app, "app");
  git(app, {"-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "vendor/lib"});
  commit_all(app, "add submodule");

  Report r = twilint_json({"history", app});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.out << r.run.err;
  bool noted = false;
  for (const json& note : r.doc["stats"]["notes"]) noted = noted || note == "submodule vendor/lib skipped";
  EXPECT_TRUE(noted) << r.doc["stats"].dump();
}

TEST(GitE2E, BadRepositoriesAreReportedNotCrashedOn) {
  TempDir dir;
  // Not a repository: a usage error naming the path.
  fs::create_directories(dir.path() / "plain");
  RunResult plain = testing::twilint({"history", (dir.path() / "plain").string()});
  EXPECT_EQ(plain.exit_code, 2);
  EXPECT_NE(plain.err.find("not a git repository"), std::string::npos) << plain.err;

  // Unborn HEAD: nothing to scan, not an error.
  std::string empty = make_repo(dir, "empty");
  EXPECT_EQ(testing::twilint({"history", empty}).exit_code, 0);

  // A blob missing from the object database (as in a partial clone): exit 3, listed as skipped.
  std::string repo = make_repo(dir, "broken");
  write(repo, "gone.py", secret_file());
  write(repo, "kept.py", secret_file(kOtherToken));
  commit_all(repo, "two files");
  std::string blob = git(repo, {"rev-parse", "HEAD:gone.py"});
  blob.pop_back();
  fs::remove(fs::path(repo) / ".git/objects" / blob.substr(0, 2) / blob.substr(2));
  Report r = twilint_json({"history", repo});
  EXPECT_EQ(r.run.exit_code, 3) << r.run.out << r.run.err;
  EXPECT_EQ(r.doc["stats"]["incomplete"], true);
  bool listed = false;
  for (const json& s : r.doc["stats"]["skipped"]) listed = listed || s["path"] == "gone.py";
  EXPECT_TRUE(listed) << r.doc["stats"].dump();
  EXPECT_EQ(r.findings("twilio-auth-token").size(), 1u);  // the readable file is still scanned
}

// --- History reports a leak once: carried-forward lines add nothing, re-additions are occurrences.

// The settings file with the secret pair and `tail` after it (edits that leave the secret alone).
std::string settings_with(const std::string& tail, const std::string& token = kToken) {
  return "# settings\n" + secret_file(token) + tail;
}

TEST(GitE2E, HistoryEditsAfterTheLeakAreNotNewFindings) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "app/settings.py", settings_with("debug = False\n"));
  std::string adding = commit_all(repo, "add settings");
  for (int i = 0; i < 5; ++i) {
    write(repo, "app/settings.py", settings_with("debug = False\nretries = " + std::to_string(i) + "\n"));
    commit_all(repo, "tune retries " + std::to_string(i));
  }
  // The secret line moved further down by an edit above it is still the old line.
  write(repo, "app/settings.py", "import os\n" + settings_with("debug = True\n"));
  commit_all(repo, "import os");

  Report r = twilint_json({"history", repo});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err;
  auto tokens = r.findings("twilio-auth-token");
  ASSERT_EQ(tokens.size(), 1u) << r.run.out;
  EXPECT_EQ(tokens[0]["commit"], adding);
  EXPECT_EQ(tokens[0]["line"], 3);
  EXPECT_EQ(tokens[0]["occurrences"], json::array());
}

TEST(GitE2E, HistorySecretReAddedAfterDeletionIsAnOccurrence) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "app/settings.py", settings_with(""));
  std::string adding = commit_all(repo, "add settings");
  fs::remove(fs::path(repo) / "app/settings.py");
  commit_all(repo, "remove settings");
  write(repo, "app/settings.py", "# restored\n" + settings_with("debug = True\n"));
  std::string readding = commit_all(repo, "restore settings");

  Report r = twilint_json({"history", repo});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err;
  auto tokens = r.findings("twilio-auth-token");
  ASSERT_EQ(tokens.size(), 1u) << r.run.out;
  EXPECT_EQ(tokens[0]["commit"], adding);
  EXPECT_EQ(tokens[0]["line"], 3);
  ASSERT_EQ(tokens[0]["occurrences"].size(), 1u) << tokens[0].dump();
  const json& again = tokens[0]["occurrences"][0];
  EXPECT_EQ(again["commit"], readding);
  EXPECT_EQ(again["path"], "app/settings.py");
  EXPECT_EQ(again["line"], 4);
  EXPECT_EQ(again["column"], tokens[0]["column"]);
  EXPECT_EQ(again["commit_summary"], "restore settings");

  RunResult text = testing::twilint({"history", repo, "--no-color"});
  EXPECT_NE(text.out.find("also added in 1 commit: " + readding.substr(0, 7) + " app/settings.py:4"), std::string::npos)
      << text.out;

  Report sarif;
  sarif.run = testing::twilint({"history", repo, "--format", "sarif"});
  sarif.doc = json::parse(sarif.run.out);
  bool related = false;
  for (const json& result : sarif.doc["runs"][0]["results"]) {
    if (result["ruleId"] != "twilio-auth-token") continue;
    ASSERT_EQ(result["relatedLocations"].size(), 1u) << result.dump();
    const json& location = result["relatedLocations"][0];
    EXPECT_EQ(location["physicalLocation"]["artifactLocation"]["uri"], "app/settings.py");
    EXPECT_EQ(location["physicalLocation"]["region"]["startLine"], 4);
    EXPECT_EQ(location["properties"]["commit"], readding);
    EXPECT_NE(location["message"]["text"].get<std::string>().find(readding), std::string::npos);
    related = true;
  }
  EXPECT_TRUE(related) << sarif.run.out;
}

TEST(GitE2E, HistorySecretAddedOnTwoBranchesIsOneFindingWithAnOccurrence) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "README.md", "base\n");
  commit_all(repo, "base");
  git(repo, {"checkout", "-q", "-b", "one"});
  write(repo, "config.py", settings_with("name = 'one'\n"));
  std::string one = commit_all(repo, "branch one");
  git(repo, {"checkout", "-q", "main"});
  git(repo, {"checkout", "-q", "-b", "two"});
  write(repo, "config.py", settings_with("name = 'two'\n"));
  std::string two = commit_all(repo, "branch two");
  write(repo, "elsewhere.py", secret_file());  // the same secret at another path: its own finding
  commit_all(repo, "copy it");
  // Merging the branches combines two versions that both hold the line: nothing new.
  git(repo, {"checkout", "-q", "one"});
  testing::run({"git", "-c", "user.name=T", "-c", "user.email=t@example.com", "merge", "-q", "two", "-m", "merge"}, repo);
  write(repo, "config.py", settings_with("name = 'merged'\n"));
  commit_all(repo, "resolve");

  Report r = twilint_json({"history", repo});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.err;
  auto tokens = r.findings("twilio-auth-token");
  ASSERT_EQ(tokens.size(), 2u) << r.run.out;
  const json& config = tokens[0]["path"] == "config.py" ? tokens[0] : tokens[1];
  const json& other = tokens[0]["path"] == "config.py" ? tokens[1] : tokens[0];
  EXPECT_EQ(other["path"], "elsewhere.py");
  EXPECT_EQ(other["occurrences"], json::array());
  ASSERT_EQ(config["occurrences"].size(), 1u) << config.dump();
  // Whichever branch the walk meets first is the introduction; the other is its occurrence.
  std::set<std::string> commits{config["commit"].get<std::string>(), config["occurrences"][0]["commit"].get<std::string>()};
  EXPECT_EQ(commits, (std::set<std::string>{one, two}));
}

TEST(GitE2E, HistorySecondCopyOfALineIsAnOccurrenceAtItsLine) {
  TempDir dir;
  std::string repo = make_repo(dir);
  const std::string line = std::string("auth_token = \"") + kToken + "\"\n";
  write(repo, "a.py", line);
  std::string first = commit_all(repo, "one copy");
  write(repo, "a.py", line + "x = 1\n" + line);
  std::string second = commit_all(repo, "two copies");

  Report r = twilint_json({"history", repo});
  auto tokens = r.findings("twilio-auth-token");
  ASSERT_EQ(tokens.size(), 1u) << r.run.out;
  EXPECT_EQ(tokens[0]["commit"], first);
  EXPECT_EQ(tokens[0]["line"], 1);
  ASSERT_EQ(tokens[0]["occurrences"].size(), 1u) << tokens[0].dump();
  EXPECT_EQ(tokens[0]["occurrences"][0]["commit"], second);
  EXPECT_EQ(tokens[0]["occurrences"][0]["line"], 3);
}

TEST(GitE2E, RangePassesACommitThatOnlyEditsAFileWithAnOldSecret) {
  TempDir dir;
  std::string repo = make_repo(dir);
  write(repo, "app/settings.py", settings_with("debug = False\n"));
  std::string base = commit_all(repo, "old secret");
  write(repo, "app/settings.py", settings_with("debug = True\n"));
  std::string edit = commit_all(repo, "unrelated edit");

  Report r = twilint_json({"history", repo, "--range", base + "..HEAD"});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.out;
  EXPECT_TRUE(r.doc["findings"].empty()) << r.run.out;
  EXPECT_EQ(twilint_json({"history", repo, "--since-commit", base}).run.exit_code, 0);

  write(repo, "app/settings.py", settings_with("debug = True\nauth_token = \"" + std::string(kOtherToken) + "\"\n"));
  std::string adding = commit_all(repo, "a new secret next to the old one");
  r = twilint_json({"history", repo, "--range", edit + "..HEAD"});
  EXPECT_EQ(r.run.exit_code, 1) << r.run.out;
  auto tokens = r.findings("twilio-auth-token");
  ASSERT_EQ(tokens.size(), 1u) << r.run.out;
  EXPECT_EQ(tokens[0]["line"], 5);
  EXPECT_EQ(tokens[0]["commit"], adding);
}

}  // namespace
}  // namespace twilint
