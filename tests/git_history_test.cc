// Unit tests of the history source: enumeration (unique blobs, first-introducing commit, refs,
// ranges) and loading, on repositories made by the tests with the git command line.
#include "source/git_history.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/test_support.h"

#if TWILINT_FAST_ODB
#include <git2.h>

#include "git/object_reader.h"
#endif

namespace twilint {
namespace {

using source::HistoryOptions;
using source::Item;
using source::Loaded;
using testing::git;
using testing::TempDir;

namespace fs = std::filesystem;

constexpr const char* kSecret =
    "account_sid = \"ACeee65f53e9421ce50211670eae679f02\"\nauth_token = \"e8d28a79023c39c200661fccd268a29a\"\n";

struct Enumerated {
  std::vector<Item> items;
  model::ScanStats stats;
  std::unique_ptr<source::Source> source;

  // The item whose loaded bytes are `content`, or nullptr.
  const Item* with_content(const std::string& content) {
    for (const Item& item : items) {
      Loaded loaded = source->load(item);
      if (!loaded.skipped && loaded.bytes == content) return &item;
    }
    return nullptr;
  }
  int count_content(const std::string& content) {
    int n = 0;
    for (const Item& item : items) {
      Loaded loaded = source->load(item);
      if (!loaded.skipped && loaded.bytes == content) ++n;
    }
    return n;
  }
  std::vector<std::string> paths() const {
    std::vector<std::string> out;
    for (const Item& item : items) out.push_back(item.origin.path);
    std::sort(out.begin(), out.end());
    return out;
  }
};

Enumerated enumerate(const HistoryOptions& options) {
  Enumerated e;
  auto opened = source::open_history(options);
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.errors().front().message);
  if (!opened.ok()) return e;
  e.source = std::move(*opened);
  e.source->enumerate([&](Item&& item) { e.items.push_back(std::move(item)); }, e.stats);
  return e;
}

Enumerated enumerate(const std::string& repo) {
  HistoryOptions options;
  options.repo = repo;
  return enumerate(options);
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// Commits everything staged with a given author date, so tests can order commits in time.
std::string commit_at(const std::string& repo, const std::string& message, const std::string& date) {
  testing::RunResult r = testing::run(
      {"git", "-c", "user.name=Test User", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
       "commit", "-q", "--allow-empty", "-m", message},
      repo, {"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date, "GIT_CONFIG_NOSYSTEM=1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return trimmed(git(repo, {"rev-parse", "HEAD"}));
}

std::string head(const std::string& repo) {
  std::string out = git(repo, {"rev-parse", "HEAD"});
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string commit_all(const std::string& repo, const std::string& message) {
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "--allow-empty", "-m", message});
  return head(repo);
}

// A fresh repository with one commit of `files`.
void init_repo(const TempDir& dir) { git(dir.str(), {"init", "-q"}); }

// Path of a loose object file for `oid`.
fs::path object_path(const std::string& repo, const std::string& oid) {
  return fs::path(repo) / ".git" / "objects" / oid.substr(0, 2) / oid.substr(2);
}

std::string rev(const std::string& repo, const std::string& spec) {
  std::string out = git(repo, {"rev-parse", spec});
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(GitHistory, SecretAddedThenDeletedIsFoundAndAttributedToTheAddingCommit) {
  TempDir dir;
  init_repo(dir);
  dir.write("README.md", "hello\n");
  commit_all(dir.str(), "initial");
  dir.write("app/config.py", kSecret);
  std::string adding = commit_all(dir.str(), "add twilio config\n\nlonger body");
  fs::remove(dir.path() / "app/config.py");
  commit_all(dir.str(), "remove the credentials");

  Enumerated e = enumerate(dir.str());
  const Item* item = e.with_content(kSecret);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->origin.path, "app/config.py");
  EXPECT_EQ(item->origin.relative, "app/config.py");
  ASSERT_TRUE(item->origin.commit.has_value());
  EXPECT_EQ(item->origin.commit->id, adding);
  EXPECT_EQ(item->origin.commit->summary, "add twilio config");
  EXPECT_EQ(item->origin.commit->author, "Test User");
  EXPECT_EQ(item->origin.commit->email, "test@example.com");
  EXPECT_EQ(item->origin.commit->date, "2026-01-02T03:04:05+00:00");
  EXPECT_EQ(e.stats.commits_scanned, 3u);
  EXPECT_FALSE(e.stats.shallow);
  EXPECT_FALSE(e.stats.incomplete());
  EXPECT_EQ(e.items.size(), 2u);  // README.md and the config, each once
}

TEST(GitHistory, AuthorDateKeepsItsTimezoneOffset) {
  TempDir dir;
  init_repo(dir);
  dir.write("a.txt", "a\n");
  git(dir.str(), {"add", "-A"});
  std::string id = commit_at(dir.str(), "dated", "2026-03-02T10:11:12+01:00");
  Enumerated e = enumerate(dir.str());
  ASSERT_EQ(e.items.size(), 1u);
  EXPECT_EQ(e.items[0].origin.commit->id, id);
  EXPECT_EQ(e.items[0].origin.commit->date, "2026-03-02T10:11:12+01:00");
}

TEST(GitHistory, SameBlobInTwoBranchesIsReportedOnce) {
  TempDir dir;
  init_repo(dir);
  dir.write("README.md", "base\n");
  commit_all(dir.str(), "base");
  git(dir.str(), {"checkout", "-q", "-b", "feature"});
  dir.write("feature/settings.env", kSecret);
  commit_all(dir.str(), "feature adds settings");
  git(dir.str(), {"checkout", "-q", "main"});
  git(dir.str(), {"checkout", "-q", "-b", "other"});
  dir.write("other/copy.env", kSecret);
  commit_all(dir.str(), "other adds the same file");

  Enumerated e = enumerate(dir.str());
  EXPECT_EQ(e.count_content(kSecret), 1);
  EXPECT_EQ(e.items.size(), 2u);
}

TEST(GitHistory, SameBlobTwiceInOneCommitIsReportedOnce) {
  TempDir dir;
  init_repo(dir);
  dir.write("a/x.env", kSecret);
  dir.write("b/y.env", kSecret);
  commit_all(dir.str(), "two copies");
  Enumerated e = enumerate(dir.str());
  ASSERT_EQ(e.items.size(), 1u);
  EXPECT_EQ(e.items[0].origin.path, "a/x.env");  // tree order decides which path names it
}

TEST(GitHistory, IndependentlyAddedBlobIsAttributedToTheOlderCommit) {
  TempDir dir;
  init_repo(dir);
  dir.write("README.md", "base\n");
  git(dir.str(), {"add", "-A"});
  commit_at(dir.str(), "base", "2026-01-01T00:00:00+00:00");
  git(dir.str(), {"checkout", "-q", "-b", "late"});
  dir.write("late.env", kSecret);
  git(dir.str(), {"add", "-A"});
  commit_at(dir.str(), "late branch", "2026-01-09T00:00:00+00:00");
  git(dir.str(), {"checkout", "-q", "main"});
  git(dir.str(), {"checkout", "-q", "-b", "early"});
  dir.write("early.env", kSecret);
  git(dir.str(), {"add", "-A"});
  std::string early = commit_at(dir.str(), "early branch", "2026-01-03T00:00:00+00:00");

  Enumerated e = enumerate(dir.str());
  const Item* item = e.with_content(kSecret);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->origin.path, "early.env");
  EXPECT_EQ(item->origin.commit->id, early);
}

TEST(GitHistory, RenameIntroducesNothingNew) {
  TempDir dir;
  init_repo(dir);
  dir.write("old.env", kSecret);
  std::string first = commit_all(dir.str(), "add");
  git(dir.str(), {"mv", "old.env", "new.env"});
  commit_all(dir.str(), "rename");
  Enumerated e = enumerate(dir.str());
  ASSERT_EQ(e.items.size(), 1u);
  EXPECT_EQ(e.items[0].origin.path, "old.env");
  EXPECT_EQ(e.items[0].origin.commit->id, first);
  EXPECT_EQ(e.stats.commits_scanned, 2u);
}

TEST(GitHistory, MergeResolutionIsAttributedToTheMergeCommit) {
  TempDir dir;
  init_repo(dir);
  dir.write("f.txt", "base\n");
  commit_all(dir.str(), "base");
  git(dir.str(), {"checkout", "-q", "-b", "side"});
  dir.write("f.txt", "side\n");
  commit_all(dir.str(), "side");
  git(dir.str(), {"checkout", "-q", "main"});
  dir.write("f.txt", "main\n");
  commit_all(dir.str(), "main");
  testing::run({"git", "merge", "-q", "side"}, dir.str());  // conflicts; resolved below
  dir.write("f.txt", kSecret);
  git(dir.str(), {"add", "f.txt"});
  git(dir.str(), {"commit", "-q", "--no-edit", "-m", "merge side"});
  std::string merge = head(dir.str());

  Enumerated e = enumerate(dir.str());
  const Item* item = e.with_content(kSecret);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->origin.commit->id, merge);
  EXPECT_EQ(item->origin.commit->summary, "merge side");
  EXPECT_EQ(e.stats.commits_scanned, 4u);
  EXPECT_EQ(e.items.size(), 4u);  // base, side, main, resolution
}

TEST(GitHistory, RangeReportsOnlyWhatItsCommitsIntroduce) {
  TempDir dir;
  init_repo(dir);
  dir.write("a.txt", "a\n");
  std::string c1 = commit_all(dir.str(), "c1");
  dir.write("b.txt", "b\n");
  commit_all(dir.str(), "c2");
  dir.write("c.txt", "c\n");
  commit_all(dir.str(), "c3");

  HistoryOptions options;
  options.repo = dir.str();
  options.range = c1 + "..HEAD";
  Enumerated e = enumerate(options);
  EXPECT_EQ(e.paths(), (std::vector<std::string>{"b.txt", "c.txt"}));
  EXPECT_EQ(e.stats.commits_scanned, 2u);

  options.range = c1 + "..";  // an empty side means HEAD
  EXPECT_EQ(enumerate(options).paths(), (std::vector<std::string>{"b.txt", "c.txt"}));
}

TEST(GitHistory, RangeDoesNotReportABlobThatExistedInTheBaseHistory) {
  TempDir dir;
  init_repo(dir);
  dir.write("config.env", kSecret);
  commit_all(dir.str(), "add secret");
  fs::remove(dir.path() / "config.env");
  std::string removed = commit_all(dir.str(), "remove secret");
  git(dir.str(), {"checkout", "-q", "-b", "pr"});
  dir.write("restored.env", kSecret);  // the same blob, back again
  dir.write("new.txt", "new\n");
  commit_all(dir.str(), "pr work");

  HistoryOptions options;
  options.repo = dir.str();
  options.range = "main..pr";
  Enumerated e = enumerate(options);
  EXPECT_EQ(e.paths(), (std::vector<std::string>{"new.txt"}));
  EXPECT_EQ(e.stats.commits_scanned, 1u);
}

TEST(GitHistory, InvalidRevisionsAreNamed) {
  TempDir dir;
  init_repo(dir);
  dir.write("a.txt", "a\n");
  commit_all(dir.str(), "c1");
  HistoryOptions options;
  options.repo = dir.str();
  options.range = "nope..HEAD";
  auto opened = source::open_history(options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.errors().front().message, "invalid revision 'nope' in --range");

  options.range = "HEAD";
  opened = source::open_history(options);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.errors().front().message.find("'HEAD'"), std::string::npos);

  options.range.clear();
  options.branches = {"main", "missing-branch"};
  opened = source::open_history(options);
  ASSERT_FALSE(opened.ok());
  ASSERT_EQ(opened.errors().size(), 1u);
  EXPECT_EQ(opened.errors().front().message, "invalid revision 'missing-branch' in --branch");
}

TEST(GitHistory, NonRepositoryIsADiagnostic) {
  TempDir dir;
  dir.write("plain.txt", "x\n");
  HistoryOptions options;
  options.repo = dir.str();
  auto opened = source::open_history(options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.errors().front().message, "not a git repository: " + dir.str());

  options.repo = dir.str() + "/does-not-exist";
  opened = source::open_history(options);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.errors().front().message.find("not a git repository: " + options.repo), std::string::npos);
}

TEST(GitHistory, BranchOptionLimitsTheRefs) {
  TempDir dir;
  init_repo(dir);
  dir.write("a.txt", "a\n");
  commit_all(dir.str(), "base");
  git(dir.str(), {"checkout", "-q", "-b", "feature"});
  dir.write("feature.txt", "f\n");
  commit_all(dir.str(), "feature");
  git(dir.str(), {"checkout", "-q", "main"});

  HistoryOptions options;
  options.repo = dir.str();
  options.branches = {"main"};
  EXPECT_EQ(enumerate(options).paths(), (std::vector<std::string>{"a.txt"}));
  options.branches = {"feature"};
  EXPECT_EQ(enumerate(options).paths(), (std::vector<std::string>{"a.txt", "feature.txt"}));
}

TEST(GitHistory, EveryKindOfRefIsScanned) {
  TempDir dir;
  init_repo(dir);
  dir.write("a.txt", "a\n");
  commit_all(dir.str(), "base");
  // A commit reachable only from an annotated tag.
  git(dir.str(), {"checkout", "-q", "--detach"});
  dir.write("tagged.txt", "tagged\n");
  commit_all(dir.str(), "tagged only");
  git(dir.str(), {"tag", "-a", "-m", "release", "v1"});
  // A commit reachable only from a remote-tracking ref and one only from a custom ref.
  dir.write("remote.txt", "remote\n");
  std::string remote = commit_all(dir.str(), "remote only");
  git(dir.str(), {"update-ref", "refs/remotes/origin/topic", remote});
  dir.write("custom.txt", "custom\n");
  std::string custom = commit_all(dir.str(), "custom ref only");
  git(dir.str(), {"update-ref", "refs/custom/thing", custom});
  // A detached HEAD with its own commit.
  dir.write("detached.txt", "detached\n");
  commit_all(dir.str(), "detached head only");
  // A tag pointing straight at a blob.
  dir.write("key.pub", "public key\n");
  std::string key = trimmed(git(dir.str(), {"hash-object", "-w", "key.pub"}));
  git(dir.str(), {"tag", "pubkey", key});

  Enumerated e = enumerate(dir.str());
  EXPECT_EQ(e.paths(), (std::vector<std::string>{"a.txt", "custom.txt", "detached.txt", "pubkey", "remote.txt",
                                                 "tagged.txt"}));
  const Item* tagged_blob = e.with_content("public key\n");
  ASSERT_NE(tagged_blob, nullptr);
  EXPECT_FALSE(tagged_blob->origin.commit.has_value());
  EXPECT_FALSE(e.stats.incomplete());
}

TEST(GitHistory, PackedRefsAndPackedObjectsWork) {
  TempDir dir;
  init_repo(dir);
  dir.write("config.env", kSecret);
  std::string first = commit_all(dir.str(), "add");
  fs::remove(dir.path() / "config.env");
  commit_all(dir.str(), "remove");
  git(dir.str(), {"tag", "v1"});
  git(dir.str(), {"gc", "-q", "--aggressive"});
  git(dir.str(), {"pack-refs", "--all"});
  ASSERT_TRUE(fs::exists(dir.path() / ".git/packed-refs"));

  Enumerated e = enumerate(dir.str());
  const Item* item = e.with_content(kSecret);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->origin.commit->id, first);
}

TEST(GitHistory, BareRepositoryAndGitDirectoryOpen) {
  TempDir dir;
  fs::create_directories(dir.path() / "src");
  std::string src = (dir.path() / "src").string();
  git(src, {"init", "-q"});
  std::ofstream(fs::path(src) / "config.env") << kSecret;
  commit_all(src, "add");
  git(dir.str(), {"clone", "-q", "--bare", src, "bare.git"});

  Enumerated bare = enumerate((dir.path() / "bare.git").string());
  EXPECT_EQ(bare.count_content(kSecret), 1);
  Enumerated gitdir = enumerate((dir.path() / "src/.git").string());
  EXPECT_EQ(gitdir.count_content(kSecret), 1);
  fs::create_directories(dir.path() / "src/sub/dir");
  Enumerated subdir = enumerate((dir.path() / "src/sub/dir").string());
  EXPECT_EQ(subdir.count_content(kSecret), 1);
}

TEST(GitHistory, LinkedWorktreeOpens) {
  TempDir dir;
  fs::create_directories(dir.path() / "main");
  std::string main_repo = (dir.path() / "main").string();
  git(main_repo, {"init", "-q"});
  std::ofstream(fs::path(main_repo) / "a.txt") << "a\n";
  commit_all(main_repo, "base");
  git(main_repo, {"worktree", "add", "-q", "-b", "wt", (dir.path() / "wt").string()});
  std::string wt = (dir.path() / "wt").string();
  std::ofstream(fs::path(wt) / "config.env") << kSecret;
  std::string added = commit_all(wt, "secret in worktree branch");

  Enumerated e = enumerate(wt);
  const Item* item = e.with_content(kSecret);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->origin.commit->id, added);
  EXPECT_EQ(e.items.size(), 2u);
}

TEST(GitHistory, ShallowCloneIsScannedAsFarAsItGoes) {
  TempDir dir;
  fs::create_directories(dir.path() / "src");
  std::string src = (dir.path() / "src").string();
  git(src, {"init", "-q"});
  std::ofstream(fs::path(src) / "old.env") << kSecret;
  commit_all(src, "old");
  fs::remove(fs::path(src) / "old.env");
  std::ofstream(fs::path(src) / "a.txt") << "a\n";
  commit_all(src, "second");
  std::ofstream(fs::path(src) / "b.txt") << "b\n";
  std::string tip = commit_all(src, "tip");
  git(dir.str(), {"clone", "-q", "--depth", "1", "file://" + src, "shallow"});

  Enumerated e = enumerate((dir.path() / "shallow").string());
  EXPECT_TRUE(e.stats.shallow);
  EXPECT_EQ(e.stats.commits_scanned, 1u);
  EXPECT_FALSE(e.stats.incomplete()) << e.stats.skipped.front().reason;
  EXPECT_EQ(e.paths(), (std::vector<std::string>{"a.txt", "b.txt"}));
  for (const Item& item : e.items) EXPECT_EQ(item.origin.commit->id, tip);
  EXPECT_EQ(e.with_content(kSecret), nullptr);  // not in the clone
}

TEST(GitHistory, SubmodulesAreSkippedWithANote) {
  TempDir dir;
  fs::create_directories(dir.path() / "lib");
  std::string lib = (dir.path() / "lib").string();
  git(lib, {"init", "-q"});
  std::ofstream(fs::path(lib) / "inner.env") << kSecret;
  commit_all(lib, "lib");
  fs::create_directories(dir.path() / "app");
  std::string app = (dir.path() / "app").string();
  git(app, {"init", "-q"});
  std::ofstream(fs::path(app) / "main.txt") << "main\n";
  commit_all(app, "app");
  git(app, {"-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "vendor/lib"});
  commit_all(app, "add submodule");

  Enumerated e = enumerate(app);
  EXPECT_EQ(e.paths(), (std::vector<std::string>{".gitmodules", "main.txt"}));
  EXPECT_NE(std::find(e.stats.notes.begin(), e.stats.notes.end(), "submodule vendor/lib skipped"),
            e.stats.notes.end());
  EXPECT_FALSE(e.stats.incomplete());
}

TEST(GitHistory, UnbornHeadHasNothingToScan) {
  TempDir dir;
  init_repo(dir);
  dir.write("staged.txt", "not committed\n");
  git(dir.str(), {"add", "-A"});
  Enumerated e = enumerate(dir.str());
  EXPECT_TRUE(e.items.empty());
  EXPECT_EQ(e.stats.commits_scanned, 0u);
  EXPECT_FALSE(e.stats.incomplete());
}

TEST(GitHistory, SymlinksAreNotScannedAsFiles) {
  TempDir dir;
  init_repo(dir);
  dir.write("real.txt", "real\n");
  fs::create_symlink("real.txt", dir.path() / "link.txt");
  commit_all(dir.str(), "link");
  EXPECT_EQ(enumerate(dir.str()).paths(), (std::vector<std::string>{"real.txt"}));
}

TEST(GitHistory, MissingBlobIsAnErrorOnLoadNotACrash) {
  TempDir dir;
  init_repo(dir);
  dir.write("gone.txt", "this blob will vanish\n");
  dir.write("kept.txt", "kept\n");
  commit_all(dir.str(), "add");
  std::string blob = rev(dir.str(), "HEAD:gone.txt");
  fs::remove(object_path(dir.str(), blob));

  Enumerated e = enumerate(dir.str());
  ASSERT_EQ(e.items.size(), 2u);
  for (const Item& item : e.items) {
    Loaded loaded = e.source->load(item);
    if (item.origin.path == "gone.txt") {
      ASSERT_TRUE(loaded.skipped.has_value());
      EXPECT_TRUE(loaded.skipped->error);
      EXPECT_EQ(loaded.skipped->path, "gone.txt");
      EXPECT_NE(loaded.skipped->reason.find(blob), std::string::npos);
    } else {
      EXPECT_FALSE(loaded.skipped.has_value());
      EXPECT_EQ(loaded.bytes, "kept\n");
    }
  }
}

TEST(GitHistory, CorruptLooseBlobIsAnErrorOnLoad) {
  TempDir dir;
  init_repo(dir);
  dir.write("bad.txt", "soon corrupt\n");
  commit_all(dir.str(), "add");
  fs::path object = object_path(dir.str(), rev(dir.str(), "HEAD:bad.txt"));
  fs::permissions(object, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(object, std::ios::binary | std::ios::trunc) << "x\x9c garbage that is not zlib";

  Enumerated e = enumerate(dir.str());
  ASSERT_EQ(e.items.size(), 1u);
  Loaded loaded = e.source->load(e.items[0]);
  ASSERT_TRUE(loaded.skipped.has_value());
  EXPECT_TRUE(loaded.skipped->error);
}

TEST(GitHistory, MissingTreeIsRecordedAndTheWalkGoesOn) {
  TempDir dir;
  init_repo(dir);
  dir.write("lost/inner.txt", "inner\n");
  dir.write("top.txt", "top\n");
  commit_all(dir.str(), "first");
  dir.write("later.txt", "later\n");
  commit_all(dir.str(), "second");
  fs::remove(object_path(dir.str(), rev(dir.str(), "HEAD:lost")));

  Enumerated e = enumerate(dir.str());
  EXPECT_EQ(e.paths(), (std::vector<std::string>{"later.txt", "top.txt"}));
  ASSERT_EQ(e.stats.skipped.size(), 1u);  // reported once, although both commits contain it
  EXPECT_TRUE(e.stats.skipped[0].error);
  EXPECT_EQ(e.stats.skipped[0].path, "lost");
  EXPECT_TRUE(e.stats.incomplete());
}

TEST(GitHistory, MissingParentCommitIsRecordedAndChildrenStillScanned) {
  TempDir dir;
  init_repo(dir);
  dir.write("one.txt", "one\n");
  std::string first = commit_all(dir.str(), "first");
  dir.write("two.txt", "two\n");
  commit_all(dir.str(), "second");
  fs::remove(object_path(dir.str(), first));

  Enumerated e = enumerate(dir.str());
  EXPECT_EQ(e.paths(), (std::vector<std::string>{"one.txt", "two.txt"}));  // both in the second tree
  EXPECT_EQ(e.stats.commits_scanned, 1u);
  ASSERT_EQ(e.stats.skipped.size(), 1u);
  EXPECT_NE(e.stats.skipped[0].path.find(first), std::string::npos);
  EXPECT_TRUE(e.stats.incomplete());
}

TEST(GitHistory, BlobsAboveTheSizeLimitAreSkippedByPolicy) {
  TempDir dir;
  init_repo(dir);
  dir.write("big.txt", std::string(5000, 'x'));
  dir.write("small.txt", "small\n");
  commit_all(dir.str(), "add");
  HistoryOptions options;
  options.repo = dir.str();
  options.max_file_size = 1000;
  Enumerated e = enumerate(options);
  ASSERT_EQ(e.items.size(), 2u);
  for (const Item& item : e.items) {
    Loaded loaded = e.source->load(item);
    if (item.origin.path == "big.txt") {
      ASSERT_TRUE(loaded.skipped.has_value());
      EXPECT_FALSE(loaded.skipped->error);
      EXPECT_EQ(loaded.skipped->reason, "larger than max file size");
      EXPECT_TRUE(loaded.bytes.empty());
    } else {
      EXPECT_EQ(loaded.bytes, "small\n");
    }
  }
}

// A walk memory over checkpoints the test holds: what the source resumes from, records into.
struct TestMemory : source::WalkMemory {
  const source::HistoryCheckpoint* earlier = nullptr;
  source::HistoryCheckpoint* into = nullptr;
  const source::HistoryCheckpoint* earlier_walk() const override { return earlier; }
  void record_walk(source::HistoryCheckpoint walk) override { *into = std::move(walk); }
};

// The incremental cache's hand-over (source/history_checkpoint.h), seen from the source.
TEST(GitHistoryCheckpoint, ResumedWalkHandsOutTheKeptBlobsAndWalksOnlyNewCommits) {
  TempDir dir;
  init_repo(dir);
  dir.write("README.md", "hello\n");
  commit_all(dir.str(), "initial");
  dir.write("app/config.py", kSecret);
  std::string adding = commit_all(dir.str(), "add twilio config");
  fs::remove(dir.path() / "app/config.py");
  commit_all(dir.str(), "remove the credentials");

  source::HistoryCheckpoint first;
  TestMemory memory;
  HistoryOptions options;
  options.repo = dir.str();
  options.memory = &memory;
  memory.into = &first;
  Enumerated before = enumerate(options);
  EXPECT_EQ(first.commit_count, 3u);
  EXPECT_EQ(first.commit_digest.size(), 32u);
  EXPECT_EQ(first.blobs.size(), before.items.size());
  EXPECT_EQ(first.seen_blobs.size(), 20 * before.items.size());
  EXPECT_FALSE(first.seen_trees.empty());

  // What the CLI keeps: the blob with findings, and the stats the scan counted.
  std::erase_if(first.blobs, [](const source::WalkedBlob& b) { return b.path != "app/config.py"; });
  ASSERT_EQ(first.blobs.size(), 1u);
  first.blob_stats.files_scanned = 42;
  first.blob_stats.skipped.push_back({"old/binary.png", "binary", false});

  dir.write("app/config.py", kSecret);  // an old blob again: still the old commit's
  dir.write("new.txt", "new\n");
  std::string newest = commit_all(dir.str(), "config back, one new file");
  source::HistoryCheckpoint second;
  memory.earlier = &first;
  memory.into = &second;
  Enumerated after = enumerate(options);
  ASSERT_EQ(after.items.size(), 2u) << ::testing::PrintToString(after.paths());
  const Item& replayed = after.items[0].replayed ? after.items[0] : after.items[1];
  const Item& found = after.items[0].replayed ? after.items[1] : after.items[0];
  EXPECT_TRUE(replayed.replayed);
  EXPECT_EQ(replayed.origin.path, "app/config.py");
  ASSERT_TRUE(replayed.origin.commit.has_value());
  EXPECT_EQ(replayed.origin.commit->id, adding);
  EXPECT_EQ(after.source->load(replayed).bytes, kSecret);
  EXPECT_FALSE(found.replayed);
  EXPECT_EQ(found.origin.path, "new.txt");
  EXPECT_EQ(found.origin.commit->id, newest);
  EXPECT_EQ(after.stats.commits_scanned, 4u);
  EXPECT_EQ(after.stats.files_scanned, 42u);
  ASSERT_EQ(after.stats.skipped.size(), 1u);
  EXPECT_EQ(after.stats.skipped[0].path, "old/binary.png");

  EXPECT_EQ(second.commit_count, 4u);
  EXPECT_NE(second.commit_digest, first.commit_digest);
  ASSERT_EQ(second.blobs.size(), 2u);
  EXPECT_EQ(second.commits[second.blobs[0].commit].id, adding);
  EXPECT_EQ(second.blobs[1].path, "new.txt");
  EXPECT_EQ(second.commits[second.blobs[1].commit].id, newest);
  EXPECT_EQ(second.blob_stats.files_scanned, 42u);  // the caller adds the new blobs' own
  EXPECT_EQ(second.seen_blobs.size(), first.seen_blobs.size() + 20);

  // --branch walks afresh and records nothing: the checkpoint stands for a walk of every ref.
  source::HistoryCheckpoint untouched;
  options.branches = {"HEAD"};
  memory.into = &untouched;
  Enumerated branch = enumerate(options);
  EXPECT_EQ(branch.items.size(), before.items.size() + 1);
  for (const Item& item : branch.items) EXPECT_FALSE(item.replayed);
  EXPECT_EQ(untouched.commit_count, 0u);
  EXPECT_TRUE(untouched.commit_digest.empty());
}

TEST(GitHistoryCheckpoint, CheckpointOfAnotherHistoryIsNotResumed) {
  TempDir dir;
  init_repo(dir);
  dir.write("README.md", "hello\n");
  commit_all(dir.str(), "initial");
  dir.write("app/config.py", kSecret);
  commit_all(dir.str(), "add twilio config");
  source::HistoryCheckpoint walked;
  TestMemory memory;
  HistoryOptions options;
  options.repo = dir.str();
  options.memory = &memory;
  memory.into = &walked;
  Enumerated before = enumerate(options);
  walked.blobs.clear();

  // The walked tip amended: the current order no longer starts with the walked commits.
  dir.write("other.txt", "other\n");
  git(dir.str(), {"add", "-A"});
  git(dir.str(), {"commit", "-q", "--amend", "-m", "amended"});
  source::HistoryCheckpoint next;
  memory.earlier = &walked;
  memory.into = &next;
  Enumerated after = enumerate(options);
  EXPECT_EQ(after.items.size(), before.items.size() + 1) << "the amended history was not walked whole";
  for (const Item& item : after.items) EXPECT_FALSE(item.replayed);
  EXPECT_EQ(after.stats.commits_scanned, 2u);
  EXPECT_EQ(next.commit_count, 2u);
  EXPECT_EQ(next.blobs.size(), after.items.size());
}

TEST(GitHistory, LoadsConcurrentlyFromManyThreads) {
  TempDir dir;
  init_repo(dir);
  for (int i = 0; i < 200; ++i) {
    std::string n = std::to_string(i);
    dir.write(std::string("f").append(n).append(".txt"), std::string("content ").append(n).append("\n"));
  }
  commit_all(dir.str(), "many");
  git(dir.str(), {"gc", "-q"});
  Enumerated e = enumerate(dir.str());
  ASSERT_EQ(e.items.size(), 200u);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); i < e.items.size() * 4; i += 8) {
        const Item& item = e.items[i % e.items.size()];
        Loaded loaded = e.source->load(item);
        std::string n = item.origin.path.substr(1, item.origin.path.size() - 5);
        if (loaded.skipped || loaded.bytes != "content " + n + "\n") ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}


#if TWILINT_FAST_ODB
// The fast object reader against libgit2, object by object.

// A repository with delta chains: many versions of a few files, plus a binary and an empty file.
void make_versions(const TempDir& dir, int commits) {
  init_repo(dir);
  std::string a;
  std::string b = "header\n";
  for (int i = 0; i < commits; ++i) {
    std::string n = std::to_string(i);
    a += std::string("line ").append(n).append(" of a fairly long file that changes a little each time\n");
    b = std::string("version ").append(n).append("\n") + b;
    dir.write("src/a.txt", a);
    dir.write("src/b.txt", b);
    dir.write("docs/c.md", std::string(2000 + i, 'c'));
    commit_all(dir.str(), std::string("commit ").append(n));
  }
  dir.write("empty.txt", "");
  dir.write("blob.bin", std::string("\0\1\2\3 binary \xff\xfe", 14));
  commit_all(dir.str(), "extras");
}

// Reads every object of `repo` with the fast reader and with libgit2; both must agree.
void expect_reader_matches_libgit2(const std::string& repo, size_t* packed_objects = nullptr) {
  git_libgit2_init();
  git_repository* r = nullptr;
  ASSERT_EQ(git_repository_open(&r, repo.c_str()), 0);
  git_odb* odb = nullptr;
  ASSERT_EQ(git_repository_odb(&odb, r), 0);
  std::vector<git_oid> ids;
  git_odb_foreach(
      odb, [](const git_oid* id, void* out) { static_cast<std::vector<git_oid>*>(out)->push_back(*id); return 0; },
      &ids);
  ASSERT_FALSE(ids.empty());
  auto store = git::ObjectStore::open(std::string(git_repository_commondir(r)) + "objects");
  git::ObjectReader reader(store, 1 << 20);
  size_t packed = 0;
  for (const git_oid& id : ids) {
    git_odb_object* expected = nullptr;
    ASSERT_EQ(git_odb_read(&expected, odb, &id), 0);
    std::string data;
    git_object_t type = GIT_OBJECT_INVALID;
    uint64_t size = 0;
    std::string error;
    ASSERT_EQ(reader.read(id, UINT64_MAX, &type, &data, &size, &error), git::ObjectReader::Status::kOk)
        << error;
    EXPECT_EQ(type, git_odb_object_type(expected));
    EXPECT_EQ(data, std::string(static_cast<const char*>(git_odb_object_data(expected)), git_odb_object_size(expected)));
    EXPECT_EQ(size, git_odb_object_size(expected));
    git::ObjectStore::Location where;
    if (store->find(id, &where)) ++packed;
    git_odb_object_free(expected);
  }
  if (packed_objects != nullptr) *packed_objects = packed;
  git_odb_free(odb);
  git_repository_free(r);
}

TEST(GitObjectReader, ReadsLooseObjects) {
  TempDir dir;
  make_versions(dir, 5);
  size_t packed = 1;
  expect_reader_matches_libgit2(dir.str(), &packed);
  EXPECT_EQ(packed, 0u);
}

TEST(GitObjectReader, ReadsDeepDeltaChains) {
  TempDir dir;
  make_versions(dir, 60);
  git(dir.str(), {"gc", "-q", "--aggressive"});
  std::string verify = git(dir.str(), {"count-objects", "-v"});
  ASSERT_NE(verify.find("count: 0"), std::string::npos) << verify;  // everything is packed
  size_t packed = 0;
  expect_reader_matches_libgit2(dir.str(), &packed);
  EXPECT_GT(packed, 100u);
}

TEST(GitObjectReader, ReadsRefDeltasAcrossSeveralPacks) {
  TempDir dir;
  make_versions(dir, 20);
  // Base references by object id instead of by offset, then more history in a second pack.
  git(dir.str(), {"-c", "repack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f"});
  dir.write("src/a.txt", "rewritten\n");
  commit_all(dir.str(), "more");
  git(dir.str(), {"repack", "-q", "-d"});
  expect_reader_matches_libgit2(dir.str());
}

TEST(GitObjectReader, ReadsThroughAlternates) {
  TempDir dir;
  fs::create_directories(dir.path() / "origin");
  std::string origin = (dir.path() / "origin").string();
  git(origin, {"init", "-q"});
  std::ofstream(fs::path(origin) / "f.txt") << "shared content\n";
  commit_all(origin, "base");
  git(origin, {"gc", "-q"});
  git(dir.str(), {"clone", "-q", "--shared", origin, "borrower"});
  std::string borrower = (dir.path() / "borrower").string();
  ASSERT_TRUE(fs::exists(fs::path(borrower) / ".git/objects/info/alternates"));
  std::ofstream(fs::path(borrower) / "g.txt") << "own content\n";
  commit_all(borrower, "own");
  expect_reader_matches_libgit2(borrower);
}

TEST(GitObjectReader, SizeLimitIsCheckedBeforeInflating) {
  TempDir dir;
  make_versions(dir, 30);
  git(dir.str(), {"gc", "-q", "--aggressive"});
  auto store = git::ObjectStore::open((dir.path() / ".git/objects").string());
  git::ObjectReader reader(store, 1 << 20);
  for (const char* path : {"HEAD:src/a.txt", "HEAD~10:src/a.txt", "HEAD:docs/c.md"}) {
    git_oid id;
    ASSERT_EQ(git_oid_fromstr(&id, rev(dir.str(), path).c_str()), 0);
    std::string data = "untouched";
    git_object_t type = GIT_OBJECT_INVALID;
    uint64_t size = 0;
    std::string error;
    ASSERT_EQ(reader.read(id, 100, &type, &data, &size, &error), git::ObjectReader::Status::kTooLarge) << path;
    EXPECT_EQ(data, "untouched");
    std::string full;
    ASSERT_EQ(reader.read(id, UINT64_MAX, &type, &full, &size, &error), git::ObjectReader::Status::kOk);
    EXPECT_EQ(size, full.size());
    EXPECT_GT(size, 100u);
  }
}

TEST(GitObjectReader, CorruptPackDataIsAnErrorNotACrash) {
  TempDir dir;
  make_versions(dir, 40);
  git(dir.str(), {"gc", "-q", "--aggressive"});
  fs::path pack;
  for (const auto& entry : fs::directory_iterator(dir.path() / ".git/objects/pack")) {
    if (entry.path().extension() == ".pack") pack = entry.path();
  }
  ASSERT_FALSE(pack.empty());
  // Damage the middle of the pack, where compressed object data lives.
  fs::permissions(pack, fs::perms::owner_write, fs::perm_options::add);
  std::string bytes = testing::read_file(pack);
  for (size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  std::ofstream(pack, std::ios::binary | std::ios::trunc) << bytes;

  HistoryOptions options;
  options.repo = dir.str();
  auto opened = source::open_history(options);
  ASSERT_TRUE(opened.ok());
  model::ScanStats stats;
  std::vector<Item> items;
  (*opened)->enumerate([&](Item&& item) { items.push_back(std::move(item)); }, stats);
  size_t failed = 0;
  for (const Item& item : items) {
    Loaded loaded = (*opened)->load(item);
    if (loaded.skipped) {
      EXPECT_TRUE(loaded.skipped->error);
      ++failed;
    }
  }
  EXPECT_GT(failed + stats.skipped.size(), 0u);  // the damage is reported somewhere, never ignored
}
#endif  // TWILINT_FAST_ODB

}  // namespace
}  // namespace twilint
