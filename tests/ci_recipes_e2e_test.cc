// The CI recipes as users run them: hooks/github-action.sh (the scan step of action.yml and of the
// plain-workflow recipe in docs/ci.md) with the GITHUB_* variables GitHub sets, and the GitLab
// job's script lines read out of docs/ci.md and run as written with the CI_* variables set.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::RunResult;
using testing::TempDir;

const std::string kLeak =
    "TWILIO_ACCOUNT_SID = \"ACeee65f53e9421ce50211670eae679f02\"\n"
    "TWILIO_AUTH_TOKEN = \"e8d28a79023c39c200661fccd268a29a\"\n";
const std::string kZeros = "0000000000000000000000000000000000000000";

std::string head(const TempDir& repo) {
  std::string sha = testing::git(repo.str(), {"rev-parse", "HEAD"});
  return sha.substr(0, 40);
}

std::string commit_file(const TempDir& repo, const std::string& file, const std::string& text) {
  repo.write(file, text);
  testing::git(repo.str(), {"add", file});
  testing::git(repo.str(), {"commit", "-q", "-m", "add " + file});
  return head(repo);
}

// A repository with a clean first commit; returns it.
std::string new_repo(const TempDir& repo) {
  testing::git(repo.str(), {"init", "-q"});
  return commit_file(repo, "README.md", "# app\n");
}

struct ActionRun {
  RunResult result;
  std::string status;  // what the script wrote to $GITHUB_OUTPUT
  json sarif;
};

ActionRun run_action(const TempDir& repo, const std::string& event, std::vector<std::string> extra_env = {}) {
  TempDir scratch;
  scratch.write("event.json", event);
  scratch.write("output", "");
  std::vector<std::string> env = {"GITHUB_EVENT_PATH=" + (scratch.path() / "event.json").string(),
                                  "GITHUB_WORKSPACE=" + repo.str(),
                                  "GITHUB_OUTPUT=" + (scratch.path() / "output").string(),
                                  "TWILINT=" + testing::twilint_bin(),
                                  "TWILINT_SARIF=" + (scratch.path() / "twilint.sarif").string(),
                                  "XDG_CACHE_HOME=" + (scratch.path() / "cache").string()};
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  ActionRun run;
  run.result = testing::run({"bash", testing::source_dir() + "/hooks/github-action.sh"}, repo.str(), env);
  run.status = testing::read_file(scratch.path() / "output");
  if (fs::exists(scratch.path() / "twilint.sarif")) run.sarif = json::parse(testing::read_file(scratch.path() / "twilint.sarif"));
  return run;
}

size_t sarif_results(const json& sarif) { return sarif.is_null() ? 0 : sarif["runs"][0]["results"].size(); }

TEST(GithubAction, PushAddingASecretFailsWithSarifAndAnnotations) {
  TempDir repo;
  std::string before = new_repo(repo);
  commit_file(repo, "settings.py", kLeak);
  ActionRun run = run_action(repo, json{{"before", before}}.dump());
  EXPECT_EQ(run.result.exit_code, 0) << run.result.err;  // the gate step fails the job, after the upload
  EXPECT_EQ(run.status, "status=1\n") << run.result.err;
  EXPECT_EQ(sarif_results(run.sarif), 1u) << run.sarif.dump();
  EXPECT_NE(run.result.out.find("::error file="), std::string::npos) << run.result.out;
  EXPECT_NE(run.result.out.find("settings.py"), std::string::npos) << run.result.out;
}

TEST(GithubAction, PullRequestScansOnlyWhatItAdds) {
  TempDir repo;
  new_repo(repo);
  std::string base = commit_file(repo, "old.py", kLeak);  // already on the base branch
  commit_file(repo, "notify.py", "import os\ntoken = os.environ['TWILIO_AUTH_TOKEN']\n");
  ActionRun run = run_action(repo, json{{"pull_request", {{"base", {{"sha", base}}}}}, {"before", kZeros}}.dump());
  EXPECT_EQ(run.status, "status=0\n") << run.result.out << run.result.err;
  EXPECT_EQ(sarif_results(run.sarif), 0u) << run.sarif.dump();
}

TEST(GithubAction, NewBranchAndBaselineAreHonoured) {
  TempDir repo;
  new_repo(repo);
  commit_file(repo, "settings.py", kLeak);
  ActionRun fresh = run_action(repo, json{{"before", kZeros}}.dump());  // the push that created the branch
  EXPECT_EQ(fresh.status, "status=1\n") << fresh.result.err;

  RunResult created = testing::twilint({"baseline", "create", "--history", repo.str(), "--output",
                                        (repo.path() / ".twilint-baseline.json").string()});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  ActionRun baselined = run_action(repo, json{{"before", kZeros}}.dump());  // found in the workspace
  EXPECT_EQ(baselined.status, "status=0\n") << baselined.result.err;
  EXPECT_EQ(sarif_results(baselined.sarif), 0u);
  EXPECT_EQ(baselined.result.out.find("::error"), std::string::npos) << baselined.result.out;

  ActionRun missing = run_action(repo, json{{"before", kZeros}}.dump(), {"TWILINT_BASELINE=nope.json"});
  EXPECT_EQ(missing.result.exit_code, 2);
  EXPECT_NE(missing.result.err.find("nope.json"), std::string::npos) << missing.result.err;
}

// The lines of the GitLab job in docs/ci.md from `base=` on: the ones that do not download.
std::string gitlab_scan_lines() {
  std::string doc = testing::read_file(fs::path(testing::source_dir()) / "docs/ci.md");
  size_t job = doc.find("## GitLab CI");
  EXPECT_NE(job, std::string::npos);
  std::istringstream in(doc.substr(job));
  std::string line, script;
  bool started = false;
  while (std::getline(in, line) && line.rfind("  artifacts:", 0) != 0) {
    size_t dash = line.find("- ");
    if (dash == std::string::npos || line.find_first_not_of(' ') != dash) continue;
    std::string command = line.substr(dash + 2);
    started = started || command.rfind("base=", 0) == 0;
    if (started) script += command + "\n";
  }
  return script;
}

TEST(GitlabRecipe, ScriptLinesFromTheDocGateAMergeRequest) {
  std::string script = gitlab_scan_lines();
  ASSERT_NE(script.find("twilint history"), std::string::npos) << script;
  // The job builds into /tmp/twilint/build; here the binary under test stands in for it.
  std::string built = "/tmp/twilint/build/src/twilint";
  ASSERT_NE(script.find(built), std::string::npos) << script;
  script.replace(script.find(built), built.size(), testing::twilint_bin());

  TempDir repo;
  std::string base = new_repo(repo);
  commit_file(repo, "settings.py", kLeak);
  RunResult created = testing::twilint({"baseline", "create", "--output", (repo.path() / ".twilint-baseline.json").string(),
                                        (repo.path() / "README.md").string()});
  ASSERT_EQ(created.exit_code, 0) << created.err;  // an empty baseline: nothing hidden yet
  RunResult mr = testing::run({"bash", "-ec", script}, repo.str(), {"CI_MERGE_REQUEST_DIFF_BASE_SHA=" + base});
  EXPECT_EQ(mr.exit_code, 1) << mr.out << mr.err;
  std::string junit = testing::read_file(repo.path() / "twilint.xml");
  EXPECT_NE(junit.find("twilio-auth-token"), std::string::npos) << junit;

  // A branch pipeline: CI_COMMIT_BEFORE_SHA, all zeros for a new branch.
  RunResult branch = testing::run({"bash", "-ec", script}, repo.str(), {"CI_COMMIT_BEFORE_SHA=" + kZeros});
  EXPECT_EQ(branch.exit_code, 1) << branch.out << branch.err;
}

TEST(CiRecipes, DocsAndActionRunTheTestedScript) {
  std::string doc = testing::read_file(fs::path(testing::source_dir()) / "docs/ci.md");
  std::string action = testing::read_file(fs::path(testing::source_dir()) / "action.yml");
  for (const std::string* text : {&doc, &action}) {
    EXPECT_NE(text->find("hooks/github-action.sh"), std::string::npos);
    EXPECT_NE(text->find(".ci/setup\" build"), std::string::npos);
  }
  EXPECT_NE(action.find("upload-sarif"), std::string::npos);
  EXPECT_NE(action.find("steps.scan.outputs.status"), std::string::npos);
}

}  // namespace
}  // namespace twilint
