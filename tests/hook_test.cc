// install-hook / uninstall-hook, and the hook script's own contract (which twilint it runs, how it
// maps twilint's exit codes, chaining a pre-existing hook, the block message). The script is
// driven here by small stand-in programs for twilint so every exit code can be produced; the
// end-to-end tests with the real binary are in git_e2e_test.cc.
#include "hooks/hook_install.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "hooks/hook_script.h"
#include "support/test_support.h"

namespace twilint {
namespace {

using testing::git;
using testing::read_file;
using testing::RunResult;
using testing::TempDir;

namespace fs = std::filesystem;

constexpr const char* kForeignHook = "#!/bin/sh\necho foreign hook ran >> \"$(git rev-parse --git-dir)/foreign.log\"\n";

std::string init_repo(const TempDir& dir, const std::string& name = "repo") {
  fs::create_directories(dir.path() / name);
  std::string repo = (dir.path() / name).string();
  git(repo, {"init", "-q"});
  return repo;
}

fs::path hooks_dir(const std::string& repo) { return fs::path(repo) / ".git" / "hooks"; }

void write_executable(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
}

unsigned mode_of(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

std::string install(const std::string& repo, const std::string& path = "/usr/local/bin/twilint", bool force = false) {
  auto result = hooks::install_hook(repo, path, force);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.errors().front().message);
  return result.ok() ? *result : "";
}

std::string uninstall(const std::string& repo) {
  auto result = hooks::uninstall_hook(repo);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.errors().front().message);
  return result.ok() ? *result : "";
}

// The last non-empty line of `text`.
std::string last_line(const std::string& text) {
  size_t end = text.find_last_not_of('\n');
  if (end == std::string::npos) return "";
  size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// A stand-in for twilint that records its arguments and exits with `code`.
std::string fake_twilint(const TempDir& dir, int code, const std::string& name = "fake-twilint") {
  fs::path path = dir.path() / "bin" / name;
  write_executable(path, "#!/bin/sh\necho \"$*\" > \"" + (dir.path() / "bin" / "args").string() +
                             "\"\necho 'app.py:3 twilio-auth-token: Twilio auth token (fix: rotate it)'\nexit " +
                             std::to_string(code) + "\n");
  return path.string();
}

// Runs `git commit` for a staged file with the hook active. Tests name the twilint to run in
// TWILINT, so a twilint installed on PATH cannot change their outcome.
RunResult commit(const std::string& repo, const std::vector<std::string>& env) {
  std::ofstream(fs::path(repo) / "file.txt", std::ios::app) << "more\n";
  git(repo, {"add", "file.txt"});
  std::vector<std::string> full_env = env;
  full_env.push_back("GIT_CONFIG_NOSYSTEM=1");
  return testing::run({"git", "-c", "user.name=Test User", "-c", "user.email=test@example.com", "-c",
                       "commit.gpgsign=false", "commit", "-q", "-m", "change"},
                      repo, full_env);
}

int commit_count(const std::string& repo) {
  RunResult r = testing::run({"git", "rev-list", "--count", "--all"}, repo);
  return r.exit_code == 0 ? std::stoi(r.out) : 0;
}

TEST(HookScript, ShippedScriptIsTheTemplateWithNoBakedPath) {
  EXPECT_EQ(read_file(fs::path(testing::source_dir()) / "hooks/pre-commit"), hooks::hook_script(""));
  EXPECT_TRUE(hooks::is_twilint_hook(hooks::hook_script("")));
  EXPECT_FALSE(hooks::is_twilint_hook("#!/bin/sh\n# mentions twilint-managed-hook v1 in passing\n"));
}

TEST(HookScript, IsValidPosixShellWithAnyBakedPath) {
  TempDir dir;
  fs::path script = dir.path() / "hook";
  write_executable(script, hooks::hook_script("/opt/it's \"here\"/$HOME/`twilint`"));
  for (const char* shell : {"sh", "dash"}) {
    RunResult r = testing::run({shell, "-n", script.string()});
    EXPECT_EQ(r.exit_code, 0) << shell << ": " << r.err;
  }
}

TEST(HookScript, RunsTheBakedPathWhenNothingElseIsFound) {
  TempDir dir;
  // A directory name with a quote, a space and a dollar sign: the baked path must survive sh.
  fs::path odd = dir.path() / "it's a $dir";
  fs::create_directories(odd);
  fs::path binary = odd / "twilint";
  write_executable(binary, "#!/bin/sh\necho \"$*\" > \"" + (dir.path() / "args").string() + "\"\nexit 0\n");
  fs::path script = dir.path() / "hooks/pre-commit";
  write_executable(script, hooks::hook_script(binary.string()));
  RunResult r = testing::run({"env", "-i", "PATH=/usr/bin:/bin", "sh", script.string()}, dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir.path() / "args"), "staged --format text\n");
}

TEST(HookScript, TwilintEnvironmentVariableWins) {
  TempDir dir;
  std::string fake = fake_twilint(dir, 0);
  fs::path script = dir.path() / "hooks/pre-commit";
  write_executable(script, hooks::hook_script("/nonexistent/twilint"));
  RunResult r = testing::run({"env", "-i", "PATH=/usr/bin:/bin", "TWILINT=" + fake, "sh", script.string()}, dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir.path() / "bin/args"), "staged --format text\n");
}

TEST(HookScript, MissingTwilintBlocksAndSaysWhy) {
  TempDir dir;
  fs::path script = dir.path() / "hooks/pre-commit";
  write_executable(script, hooks::hook_script(""));
  RunResult r = testing::run({"env", "-i", "PATH=/nonexistent", "/bin/sh", script.string()}, dir.str());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("twilint was not found"), std::string::npos) << r.err;
  EXPECT_EQ(last_line(r.err), "To commit anyway, skipping this check: git commit --no-verify");
}

TEST(HookScript, FindingsBlockWithTheFindingsTheAllowHintAndNoVerifyLast) {
  TempDir dir;
  std::string fake = fake_twilint(dir, 1);
  fs::path script = dir.path() / "hooks/pre-commit";
  write_executable(script, hooks::hook_script(""));
  RunResult r = testing::run({"env", "-i", "PATH=/usr/bin:/bin", "TWILINT=" + fake, "sh", script.string()}, dir.str());
  EXPECT_EQ(r.exit_code, 1);
  size_t finding = r.err.find("app.py:3 twilio-auth-token");
  size_t allow = r.err.find("twilint:allow RULE_ID");
  size_t no_verify = r.err.find("git commit --no-verify");
  EXPECT_NE(finding, std::string::npos) << r.err;
  EXPECT_NE(r.err.find("`twilint:allow`"), std::string::npos) << r.err;
  EXPECT_LT(finding, allow);
  EXPECT_LT(allow, no_verify);
  EXPECT_EQ(last_line(r.err), "To commit anyway, skipping this check: git commit --no-verify");
}

TEST(HookScript, TwilintErrorsBlockAndSaySo) {
  for (int code : {2, 3}) {
    TempDir dir;
    std::string fake = fake_twilint(dir, code);
    fs::path script = dir.path() / "hooks/pre-commit";
    write_executable(script, hooks::hook_script(""));
    RunResult r = testing::run({"env", "-i", "PATH=/usr/bin:/bin", "TWILINT=" + fake, "sh", script.string()}, dir.str());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(std::string("could not check the staged changes (exit ").append(std::to_string(code))),
              std::string::npos)
        << r.err;
    EXPECT_EQ(last_line(r.err), "To commit anyway, skipping this check: git commit --no-verify");
  }
}

TEST(HookInstall, FreshInstallWritesAnExecutableHookWithThePathBakedIn) {
  TempDir dir;
  std::string repo = init_repo(dir);
  std::string message = install(repo, "/opt/twilint/bin/twilint");
  fs::path hook = hooks_dir(repo) / "pre-commit";
  EXPECT_NE(message.find("installed"), std::string::npos);
  EXPECT_EQ(read_file(hook), hooks::hook_script("/opt/twilint/bin/twilint"));
  EXPECT_EQ(mode_of(hook), 0755u);
  EXPECT_FALSE(fs::exists(hooks_dir(repo) / "pre-commit.twilint-chained"));
}

TEST(HookInstall, InstallingTwiceChangesNothing) {
  TempDir dir;
  std::string repo = init_repo(dir);
  install(repo, "/first/twilint");
  std::string message = install(repo, "/second/twilint");
  EXPECT_NE(message.find("already installed"), std::string::npos) << message;
  EXPECT_EQ(read_file(hooks_dir(repo) / "pre-commit"), hooks::hook_script("/first/twilint"));
  EXPECT_FALSE(fs::exists(hooks_dir(repo) / "pre-commit.twilint-chained"));
}

TEST(HookInstall, ForeignHookIsChainedAndRestoredByteForByte) {
  TempDir dir;
  std::string repo = init_repo(dir);
  fs::path hook = hooks_dir(repo) / "pre-commit";
  fs::path chained = hooks_dir(repo) / "pre-commit.twilint-chained";
  write_executable(hook, kForeignHook);
  fs::permissions(hook, fs::perms(0750));

  std::string message = install(repo);
  EXPECT_NE(message.find("kept"), std::string::npos) << message;
  EXPECT_EQ(read_file(chained), kForeignHook);
  EXPECT_EQ(mode_of(chained), 0750u);
  EXPECT_TRUE(hooks::is_twilint_hook(read_file(hook)));

  EXPECT_NE(install(repo).find("already installed"), std::string::npos);  // still harmless
  EXPECT_EQ(read_file(chained), kForeignHook);

  message = uninstall(repo);
  EXPECT_NE(message.find("restored"), std::string::npos) << message;
  EXPECT_EQ(read_file(hook), kForeignHook);
  EXPECT_EQ(mode_of(hook), 0750u);
  EXPECT_FALSE(fs::exists(chained));
}

TEST(HookInstall, SymlinkedForeignHookStaysASymlink) {
  TempDir dir;
  std::string repo = init_repo(dir);
  write_executable(fs::path(repo) / "scripts/check.sh", kForeignHook);
  fs::create_directories(hooks_dir(repo));
  fs::path hook = hooks_dir(repo) / "pre-commit";
  fs::create_symlink("../../scripts/check.sh", hook);

  install(repo);
  fs::path chained = hooks_dir(repo) / "pre-commit.twilint-chained";
  ASSERT_TRUE(fs::is_symlink(chained));
  EXPECT_EQ(read_file(chained), kForeignHook);
  EXPECT_EQ(read_file(fs::path(repo) / "scripts/check.sh"), kForeignHook);  // target untouched
  uninstall(repo);
  ASSERT_TRUE(fs::is_symlink(hook));
  EXPECT_EQ(fs::read_symlink(hook), "../../scripts/check.sh");
}

TEST(HookInstall, NeverOverwritesAnExistingChainedFile) {
  TempDir dir;
  std::string repo = init_repo(dir);
  fs::path hook = hooks_dir(repo) / "pre-commit";
  fs::path chained = hooks_dir(repo) / "pre-commit.twilint-chained";
  write_executable(hook, kForeignHook);
  write_executable(chained, "#!/bin/sh\necho older\n");
  auto result = hooks::install_hook(repo, "/usr/bin/twilint", /*force=*/true);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.errors().front().message.find("already exists"), std::string::npos);
  EXPECT_EQ(read_file(hook), kForeignHook);
  EXPECT_EQ(read_file(chained), "#!/bin/sh\necho older\n");
}

TEST(HookInstall, ForceRewritesOnlyTwilintsHookAndKeepsTheChain) {
  TempDir dir;
  std::string repo = init_repo(dir);
  fs::path hook = hooks_dir(repo) / "pre-commit";
  fs::path chained = hooks_dir(repo) / "pre-commit.twilint-chained";
  write_executable(hook, kForeignHook);
  install(repo, "/old/twilint");
  std::string message = install(repo, "/new/twilint", /*force=*/true);
  EXPECT_NE(message.find("reinstalled"), std::string::npos) << message;
  EXPECT_EQ(read_file(hook), hooks::hook_script("/new/twilint"));
  EXPECT_EQ(mode_of(hook), 0755u);
  EXPECT_EQ(read_file(chained), kForeignHook);
}

TEST(HookInstall, HonoursRelativeCoreHooksPathFromTheWorkTreeRoot) {
  TempDir dir;
  std::string repo = init_repo(dir);
  git(repo, {"config", "core.hooksPath", ".githooks"});
  fs::create_directories(fs::path(repo) / "deep/sub");
  install((fs::path(repo) / "deep/sub").string());
  EXPECT_TRUE(hooks::is_twilint_hook(read_file(fs::path(repo) / ".githooks/pre-commit")));
  EXPECT_FALSE(fs::exists(hooks_dir(repo) / "pre-commit"));
  uninstall(repo);
  EXPECT_FALSE(fs::exists(fs::path(repo) / ".githooks/pre-commit"));
}

TEST(HookInstall, HonoursAbsoluteCoreHooksPath) {
  TempDir dir;
  std::string repo = init_repo(dir);
  fs::path shared = dir.path() / "shared-hooks";
  git(repo, {"config", "core.hooksPath", shared.string()});
  install(repo);
  EXPECT_TRUE(hooks::is_twilint_hook(read_file(shared / "pre-commit")));
}

TEST(HookInstall, LinkedWorktreeUsesTheCommonHooksDirectory) {
  TempDir dir;
  std::string repo = init_repo(dir);
  std::ofstream(fs::path(repo) / "a.txt") << "a\n";
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "-m", "base"});
  std::string wt = (dir.path() / "wt").string();
  git(repo, {"worktree", "add", "-q", "-b", "wt", wt});
  install(wt);
  EXPECT_TRUE(hooks::is_twilint_hook(read_file(hooks_dir(repo) / "pre-commit")));
}

TEST(HookInstall, UninstallWithoutTwilintsHookChangesNothing) {
  TempDir dir;
  std::string repo = init_repo(dir);
  EXPECT_NE(uninstall(repo).find("nothing changed"), std::string::npos);
  fs::path hook = hooks_dir(repo) / "pre-commit";
  write_executable(hook, kForeignHook);
  std::string message = uninstall(repo);
  EXPECT_NE(message.find("not twilint's"), std::string::npos) << message;
  EXPECT_EQ(read_file(hook), kForeignHook);
}

TEST(HookInstall, NonRepositoryIsADiagnostic) {
  TempDir dir;
  auto result = hooks::install_hook(dir.str(), "/usr/bin/twilint", false);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors().front().message, "not a git repository: " + dir.str());
}

TEST(HookInstall, InstalledHookBlocksACommitWhenTwilintReportsFindings) {
  TempDir dir;
  std::string repo = init_repo(dir);
  install(repo);
  RunResult r = commit(repo, {"TWILINT=" + fake_twilint(dir, 1)});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("app.py:3 twilio-auth-token"), std::string::npos) << r.err;
  EXPECT_EQ(last_line(r.err), "To commit anyway, skipping this check: git commit --no-verify");
  EXPECT_EQ(commit_count(repo), 0);
}

TEST(HookInstall, InstalledHookLetsACleanCommitThrough) {
  TempDir dir;
  std::string repo = init_repo(dir);
  install(repo);
  RunResult r = commit(repo, {"TWILINT=" + fake_twilint(dir, 0)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(commit_count(repo), 1);
}

TEST(HookInstall, ChainedHookRunsAndEitherCanBlock) {
  TempDir dir;
  std::string repo = init_repo(dir);
  fs::path hook = hooks_dir(repo) / "pre-commit";
  fs::path log = fs::path(repo) / ".git/foreign.log";
  std::string passing = fake_twilint(dir, 0, "passing");
  std::string blocking = fake_twilint(dir, 1, "blocking");

  // The foreign hook passes: twilint decides.
  write_executable(hook, kForeignHook);
  install(repo);
  EXPECT_NE(commit(repo, {"TWILINT=" + blocking}).exit_code, 0);
  EXPECT_EQ(read_file(log), "foreign hook ran\n");  // both ran
  EXPECT_EQ(commit(repo, {"TWILINT=" + passing}).exit_code, 0);
  EXPECT_EQ(read_file(log), "foreign hook ran\nforeign hook ran\n");
  EXPECT_EQ(commit_count(repo), 1);

  // The foreign hook blocks: the commit is blocked although twilint passes.
  write_executable(hooks_dir(repo) / "pre-commit.twilint-chained", "#!/bin/sh\necho lint failed >&2\nexit 3\n");
  RunResult r = commit(repo, {"TWILINT=" + passing});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("lint failed"), std::string::npos);
  EXPECT_NE(r.err.find("chained pre-commit hook"), std::string::npos);
  EXPECT_EQ(commit_count(repo), 1);
}

}  // namespace
}  // namespace twilint
