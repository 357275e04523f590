// The pre-commit framework (pre-commit.com) running this repository's .pre-commit-hooks.yaml the
// way a user runs it: the hooks file committed in a repository that a project's
// .pre-commit-config.yaml names as a local path, `pre-commit install`, then plain `git commit`.
// Needs the `pre-commit` command (.ci/setup installs Debian's); without it the test fails.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace twilint {
namespace {

namespace fs = std::filesystem;
using testing::RunResult;
using testing::TempDir;

const std::string kLeak =
    "TWILIO_ACCOUNT_SID = \"ACeee65f53e9421ce50211670eae679f02\"\n"
    "TWILIO_AUTH_TOKEN = \"e8d28a79023c39c200661fccd268a29a\"\n";

// Environment for pre-commit and the git it runs: twilint on PATH (language: system), the
// framework's clone cache in the test's temp dir, a fixed identity.
std::vector<std::string> framework_env(const TempDir& scratch) {
  std::string bin_dir = fs::path(testing::twilint_bin()).parent_path().string();
  const char* path = std::getenv("PATH");
  return {"PATH=" + bin_dir + ":" + (path ? path : "/usr/bin:/bin"),
          "PRE_COMMIT_HOME=" + (scratch.path() / "cache").string(),
          "HOME=" + scratch.str(),
          "GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
          "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com"};
}

// A git repository holding this project's .pre-commit-hooks.yaml; returns its commit.
std::string hook_repository(const TempDir& dir) {
  dir.write(".pre-commit-hooks.yaml", testing::read_file(fs::path(testing::source_dir()) / ".pre-commit-hooks.yaml"));
  testing::git(dir.str(), {"init", "-q"});
  testing::git(dir.str(), {"add", "."});
  testing::git(dir.str(), {"commit", "-q", "-m", "hooks"});
  std::string rev = testing::git(dir.str(), {"rev-parse", "HEAD"});
  return rev.substr(0, rev.find_first_of("\r\n"));
}

// A project whose .pre-commit-config.yaml uses the twilint hook from `hooks` at `rev`.
void project_with_config(const TempDir& project, const TempDir& hooks, const std::string& rev) {
  testing::git(project.str(), {"init", "-q"});
  project.write(".pre-commit-config.yaml", "repos:\n  - repo: " + hooks.str() + "\n    rev: " + rev +
                                               "\n    hooks:\n      - id: twilint\n");
  testing::git(project.str(), {"add", ".pre-commit-config.yaml"});
  testing::git(project.str(), {"commit", "-q", "-m", "pre-commit config"});
}

RunResult commit(const TempDir& project, const std::string& file, const std::string& text,
                 const std::vector<std::string>& env) {
  project.write(file, text);
  testing::git(project.str(), {"add", file});
  return testing::run({"git", "commit", "-q", "-m", "add " + file}, project.str(), env);
}

TEST(PreCommitFramework, InstalledHookBlocksASecretAndLetsCleanCommitsThrough) {
  TempDir hooks, project, scratch;
  const std::vector<std::string> env = framework_env(scratch);
  ASSERT_EQ(testing::run({"pre-commit", "--version"}, "", env).exit_code, 0)
      << "the pre-commit command is missing (bash .ci/setup test installs it)";
  project_with_config(project, hooks, hook_repository(hooks));
  RunResult install = testing::run({"pre-commit", "install"}, project.str(), env);
  ASSERT_EQ(install.exit_code, 0) << install.out << install.err;

  RunResult blocked = commit(project, "settings.py", kLeak, env);
  EXPECT_NE(blocked.exit_code, 0) << blocked.out << blocked.err;
  EXPECT_NE((blocked.out + blocked.err).find("twilio-auth-token"), std::string::npos) << blocked.out << blocked.err;
  EXPECT_EQ((blocked.out + blocked.err).find("e8d28a79023c39c200661fccd268a29a"), std::string::npos)
      << "the hook printed the secret";
  testing::git(project.str(), {"reset", "-q", "HEAD", "settings.py"});
  fs::remove(project.path() / "settings.py");

  RunResult clean = commit(project, "notify.py", "import os\ntoken = os.environ['TWILIO_AUTH_TOKEN']\n", env);
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_EQ(testing::git(project.str(), {"log", "--format=%s", "-1"}), "add notify.py\n");
}

// `pre-commit run --all-files` runs the hook once with nothing staged: it checks the staged
// changes (none), not the tree; the README says so and points at `twilint scan` for the tree.
TEST(PreCommitFramework, RunAllFilesChecksTheStagedChangesOnly) {
  TempDir hooks, project, scratch;
  const std::vector<std::string> env = framework_env(scratch);
  project_with_config(project, hooks, hook_repository(hooks));
  project.write("old.py", kLeak);
  testing::git(project.str(), {"add", "old.py"});
  testing::git(project.str(), {"commit", "-q", "--no-verify", "-m", "old leak"});

  RunResult all = testing::run({"pre-commit", "run", "--all-files"}, project.str(), env);
  EXPECT_EQ(all.exit_code, 0) << all.out << all.err;
  project.write("new.py", kLeak);
  testing::git(project.str(), {"add", "new.py"});
  RunResult staged = testing::run({"pre-commit", "run", "--all-files"}, project.str(), env);
  EXPECT_NE(staged.exit_code, 0) << staged.out << staged.err;
  EXPECT_NE(staged.out.find("twilio-auth-token"), std::string::npos) << staged.out;
}

}  // namespace
}  // namespace twilint
