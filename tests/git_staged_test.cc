// Unit tests of the staged source: what the next commit adds, read from the index (never the work
// tree), with the added line ranges of each file.
#include "source/git_staged.h"
#include "git/index_file.h"

#include <gtest/gtest.h>

#include <git2.h>

#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <string_view>

#include "support/test_support.h"

namespace twilint {
namespace {

using source::Item;
using source::Loaded;
using testing::git;
using testing::TempDir;

namespace fs = std::filesystem;

constexpr const char* kSecretLine = "auth_token = \"e8d28a79023c39c200661fccd268a29a\"\n";
constexpr const char* kSidLine = "account_sid = \"ACeee65f53e9421ce50211670eae679f02\"\n";

struct Staged {
  std::vector<Item> items;
  model::ScanStats stats;
  std::unique_ptr<source::Source> source;

  const Item* find(const std::string& path) const {
    for (const Item& item : items) {
      if (item.origin.path == path) return &item;
    }
    return nullptr;
  }
  std::string load(const std::string& path) {
    const Item* item = find(path);
    if (item == nullptr) return "<no item>";
    Loaded loaded = source->load(*item);
    return loaded.skipped ? "<skipped: " + loaded.skipped->reason + ">" : loaded.bytes;
  }
};

// The same staged content written four ways: as git wrote it (v2/v3 with a cache-tree), as
// index version 4 (compressed paths), with no cache-tree (every directory is compared), and
// split into a shared index plus a small index that links to it.
enum class IndexForm { kAsGitWroteIt, kVersion4, kNoCacheTree, kSplit };

class GitStaged : public ::testing::TestWithParam<IndexForm> {};

// Rewrites `repo`'s index (same entries) in the form under test.
void rewrite_index(const std::string& repo, IndexForm form) {
  if (!fs::exists(fs::path(repo) / ".git/index")) return;
  if (form == IndexForm::kVersion4) {
    git(repo, {"update-index", "--index-version", "4"});
  } else if (form == IndexForm::kSplit) {
    git(repo, {"update-index", "--split-index"});
  } else if (form == IndexForm::kNoCacheTree) {
    // Re-adding every entry through libgit2 invalidates its whole cache-tree.
    git_libgit2_init();
    git_repository* r = nullptr;
    ASSERT_EQ(git_repository_open(&r, repo.c_str()), 0);
    git_index* index = nullptr;
    ASSERT_EQ(git_repository_index(&index, r), 0);
    std::vector<git_index_entry> entries;
    std::vector<std::string> paths;
    for (size_t i = 0; i < git_index_entrycount(index); ++i) {
      entries.push_back(*git_index_get_byindex(index, i));
      paths.emplace_back(entries.back().path);
    }
    ASSERT_EQ(git_index_clear(index), 0);
    for (size_t i = 0; i < entries.size(); ++i) {
      entries[i].path = paths[i].c_str();
      ASSERT_EQ(git_index_add(index, &entries[i]), 0);
    }
    ASSERT_EQ(git_index_write(index), 0);
    git_index_free(index);
    git_repository_free(r);
  }
}

Staged staged(const std::string& repo, uint64_t max_file_size = 10 * 1024 * 1024) {
  Staged s;
  rewrite_index(repo, GitStaged::GetParam());
  auto opened = source::open_staged(repo, max_file_size);
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.errors().front().message);
  if (!opened.ok()) return s;
  s.source = std::move(*opened);
  s.source->enumerate([&](Item&& item) { s.items.push_back(std::move(item)); }, s.stats);
  return s;
}

// Concatenation without `"literal" + std::to_string(...)`, which trips GCC 12's -Wrestrict.
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

std::string lines(const Item& item) {
  if (!item.only_lines) return "all";
  std::string out;
  for (const source::LineRange& r : *item.only_lines) {
    if (!out.empty()) out += ",";
    out += cat({std::to_string(r.first), "-", std::to_string(r.last)});
  }
  return out;
}

// A repository whose HEAD has app.py with five clean lines.
void init_with_commit(const TempDir& dir) {
  git(dir.str(), {"init", "-q"});
  dir.write("app.py", "line1\nline2\nline3\nline4\nline5\n");
  dir.write("other.py", "other\n");
  git(dir.str(), {"add", "-A"});
  git(dir.str(), {"commit", "-q", "-m", "initial"});
}

TEST_P(GitStaged, StagedSecretIsReadFromTheIndexEvenAfterTheWorkTreeDropsIt) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("app.py", std::string("line1\nline2\n") + kSecretLine + "line3\nline4\nline5\n");
  git(dir.str(), {"add", "app.py"});
  dir.write("app.py", "line1\nline2\nline3\nline4\nline5\n");  // unstaged: the secret is gone on disk

  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].origin.path, "app.py");
  EXPECT_EQ(s.items[0].origin.relative, "app.py");
  EXPECT_FALSE(s.items[0].origin.commit.has_value());
  EXPECT_NE(s.load("app.py").find("e8d28a79023c39c200661fccd268a29a"), std::string::npos);
  EXPECT_EQ(lines(s.items[0]), "3-3");
}

TEST_P(GitStaged, SecretOnlyInTheWorkTreeIsNotRead) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("app.py", "line1\nline2 changed\nline3\nline4\nline5\n");
  git(dir.str(), {"add", "app.py"});
  dir.write("app.py", std::string("line1\nline2 changed\n") + kSecretLine + "line3\nline4\nline5\n");

  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 1u);
  std::string content = s.load("app.py");
  EXPECT_EQ(content, "line1\nline2 changed\nline3\nline4\nline5\n");
  EXPECT_EQ(lines(s.items[0]), "2-2");
}

TEST_P(GitStaged, NothingStagedMeansNoItems) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("app.py", std::string(kSecretLine));  // modified but not staged
  dir.write("untracked.py", std::string(kSecretLine));
  Staged s = staged(dir.str());
  EXPECT_TRUE(s.items.empty());
  EXPECT_FALSE(s.stats.incomplete());
}

TEST_P(GitStaged, OnlyAddedAndChangedLinesAreSelected) {
  TempDir dir;
  init_with_commit(dir);
  // line2 changed, line4 deleted, two lines appended.
  dir.write("app.py", "line1\nline2 changed\nline3\nline5\nnew6\nnew7\n");
  git(dir.str(), {"add", "app.py"});
  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(lines(s.items[0]), "2-2,5-6");
}

TEST_P(GitStaged, PureDeletionsAddNothing) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("app.py", "line1\nline5\n");
  git(dir.str(), {"add", "app.py"});
  git(dir.str(), {"rm", "-q", "other.py"});
  Staged s = staged(dir.str());
  EXPECT_TRUE(s.items.empty());
}

TEST_P(GitStaged, NewFileIsNewInEveryLine) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("config/settings.py", std::string(kSidLine) + kSecretLine);
  git(dir.str(), {"add", "config/settings.py"});
  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].origin.path, "config/settings.py");
  EXPECT_EQ(lines(s.items[0]), "all");
  EXPECT_EQ(s.load("config/settings.py"), std::string(kSidLine) + kSecretLine);
}

TEST_P(GitStaged, BeforeTheFirstCommitEverythingStagedIsNew) {
  TempDir dir;
  git(dir.str(), {"init", "-q"});
  dir.write("a.py", std::string(kSecretLine));
  dir.write("b/c.py", "clean\n");
  git(dir.str(), {"add", "-A"});
  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(lines(*s.find("a.py")), "all");
  EXPECT_EQ(s.load("a.py"), kSecretLine);
  EXPECT_EQ(s.load("b/c.py"), "clean\n");
}

TEST_P(GitStaged, RenameCountsOnlyItsEdits) {
  TempDir dir;
  git(dir.str(), {"init", "-q"});
  std::string body;
  for (int i = 1; i <= 20; ++i) body += cat({"settings line ", std::to_string(i), "\n"});
  dir.write("old_name.py", body);
  git(dir.str(), {"add", "-A"});
  git(dir.str(), {"commit", "-q", "-m", "initial"});
  git(dir.str(), {"mv", "old_name.py", "new_name.py"});
  dir.write("new_name.py", body + kSecretLine);
  git(dir.str(), {"add", "new_name.py"});
  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].origin.path, "new_name.py");
  EXPECT_EQ(lines(s.items[0]), "21-21");
}

TEST_P(GitStaged, PureRenameAddsNothing) {
  TempDir dir;
  init_with_commit(dir);
  git(dir.str(), {"mv", "app.py", "renamed.py"});
  Staged s = staged(dir.str());
  EXPECT_TRUE(s.items.empty());
}

TEST_P(GitStaged, BinaryFileHasNoLineFilter) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("blob.bin", std::string("\0\1\2binary\0", 10));
  git(dir.str(), {"add", "-A"});
  git(dir.str(), {"commit", "-q", "-m", "binary"});
  dir.write("blob.bin", std::string("\0\1\2binary changed\0", 18) + kSecretLine);
  git(dir.str(), {"add", "-A"});
  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(lines(s.items[0]), "all");
}

TEST_P(GitStaged, OversizedFileIsAnItemThatLoadSkips) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("app.py", std::string(4000, 'x') + "\n");
  git(dir.str(), {"add", "app.py"});
  Staged s = staged(dir.str(), 1000);
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(lines(s.items[0]), "all");
  Loaded loaded = s.source->load(s.items[0]);
  ASSERT_TRUE(loaded.skipped.has_value());
  EXPECT_FALSE(loaded.skipped->error);
  EXPECT_EQ(loaded.skipped->reason, "larger than max file size");
}

TEST_P(GitStaged, SymlinksAndSubmodulesAreNotScanned) {
  TempDir dir;
  init_with_commit(dir);
  fs::create_symlink("app.py", dir.path() / "link.py");
  std::string head = git(dir.str(), {"rev-parse", "HEAD"});
  head.pop_back();
  git(dir.str(), {"update-index", "--add", "--cacheinfo", "160000," + head + ",vendor/lib"});
  git(dir.str(), {"add", "link.py"});
  Staged s = staged(dir.str());
  EXPECT_TRUE(s.items.empty());
  EXPECT_EQ(s.stats.notes, (std::vector<std::string>{"submodule vendor/lib skipped"}));
}

TEST_P(GitStaged, IntentToAddStagesNoContent) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("later.py", std::string(kSecretLine));
  git(dir.str(), {"add", "-N", "later.py"});
  Staged s = staged(dir.str());
  for (const Item& item : s.items) {
    Loaded loaded = s.source->load(item);
    EXPECT_FALSE(loaded.skipped.has_value());
    EXPECT_TRUE(loaded.bytes.empty());  // nothing of it is staged yet
  }
}

TEST_P(GitStaged, MovedDirectoryCountsOnlyItsEdits) {
  TempDir dir;
  git(dir.str(), {"init", "-q"});
  std::string body;
  for (int i = 1; i <= 10; ++i) body += cat({"value = ", std::to_string(i * 7), "\n"});
  for (int f = 0; f < 5; ++f) {
    dir.write(cat({"old/pkg/f", std::to_string(f), ".py"}), cat({body, "# file ", std::to_string(f), "\n"}));
  }
  git(dir.str(), {"add", "-A"});
  git(dir.str(), {"commit", "-q", "-m", "initial"});
  git(dir.str(), {"mv", "old", "new"});
  dir.write("new/pkg/f3.py", body + "# file 3\n" + kSecretLine);
  git(dir.str(), {"add", "-A"});
  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].origin.path, "new/pkg/f3.py");
  EXPECT_EQ(lines(s.items[0]), "12-12");
}

TEST_P(GitStaged, FileReplacedByADirectory) {
  TempDir dir;
  init_with_commit(dir);
  git(dir.str(), {"rm", "-q", "other.py"});
  dir.write("other.py/inside.py", std::string(kSecretLine));
  git(dir.str(), {"add", "-A"});
  Staged s = staged(dir.str());
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].origin.path, "other.py/inside.py");
  EXPECT_EQ(lines(s.items[0]), "all");
}

TEST_P(GitStaged, OneChangeAmongManyDirectories) {
  TempDir dir;
  git(dir.str(), {"init", "-q"});
  for (int d = 0; d < 30; ++d) {
    for (int f = 0; f < 5; ++f) {
      dir.write(cat({"d", std::to_string(d), "/sub/f", std::to_string(f), ".txt"}),
                cat({"x", std::to_string(d * 5 + f), "\n"}));
    }
  }
  dir.write("a.txt", "a\n");
  git(dir.str(), {"add", "-A"});
  git(dir.str(), {"commit", "-q", "-m", "initial"});
  dir.write("d17/sub/f2.txt", "x87\n" + std::string(kSecretLine));
  dir.write("d17/sub/new.txt", "new\n");
  dir.write("d3/sub/f0.txt", "changed\n");
  git(dir.str(), {"add", "-A"});
  Staged s = staged(dir.str());
  std::vector<std::string> got;
  for (const Item& item : s.items) got.push_back(item.origin.path + ":" + lines(item));
  EXPECT_EQ(got, (std::vector<std::string>{"d17/sub/f2.txt:2-2", "d17/sub/new.txt:all", "d3/sub/f0.txt:1-1"}));
}

TEST_P(GitStaged, UnresolvedConflictsAreNotedNotScanned) {
  TempDir dir;
  init_with_commit(dir);
  git(dir.str(), {"checkout", "-q", "-b", "side"});
  dir.write("app.py", "side\n");
  git(dir.str(), {"commit", "-q", "-am", "side"});
  git(dir.str(), {"checkout", "-q", "main"});
  dir.write("app.py", "main\n");
  git(dir.str(), {"commit", "-q", "-am", "main"});
  testing::run({"git", "merge", "-q", "side"}, dir.str());  // conflicts in app.py
  Staged s = staged(dir.str());
  EXPECT_TRUE(s.items.empty());
  EXPECT_EQ(s.stats.notes, (std::vector<std::string>{"app.py has unresolved merge conflicts and was not scanned"}));
}

TEST_P(GitStaged, HonoursGitIndexFileAsSetInsideCommitHooks) {
  TempDir dir;
  init_with_commit(dir);
  // What `git commit -a` does: stage into a temporary index and name it in GIT_INDEX_FILE.
  fs::copy_file(dir.path() / ".git/index", dir.path() / ".git/alt-index");
  dir.write("app.py", std::string(kSecretLine));
  testing::RunResult r = testing::run({"git", "add", "app.py"}, dir.str(), {"GIT_INDEX_FILE=.git/alt-index"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  EXPECT_TRUE(staged(dir.str()).items.empty());  // the default index has nothing staged
  ::setenv("GIT_INDEX_FILE", (dir.path() / ".git/alt-index").c_str(), 1);
  Staged s = staged(dir.str());
  ::unsetenv("GIT_INDEX_FILE");
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.load("app.py"), kSecretLine);
}

TEST_P(GitStaged, RepositoryIsFoundFromASubdirectory) {
  TempDir dir;
  init_with_commit(dir);
  dir.write("sub/dir/new.py", std::string(kSecretLine));
  git(dir.str(), {"add", "-A"});
  Staged s = staged((dir.path() / "sub/dir").string());
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].origin.path, "sub/dir/new.py");  // relative to the repository root
}

TEST_P(GitStaged, NonRepositoryAndBareRepositoryAreDiagnostics) {
  TempDir dir;
  auto opened = source::open_staged(dir.str(), 1000);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.errors().front().message, "not a git repository: " + dir.str());

  git(dir.str(), {"init", "-q", "--bare", "bare.git"});
  opened = source::open_staged((dir.path() / "bare.git").string(), 1000);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.errors().front().message.find("bare repository"), std::string::npos);
}

// A split index where the small index replaces, deletes and adds entries of the shared one.
TEST(GitStagedSplitIndex, ReplacementsDeletionsAndAdditionsAreMerged) {
  TempDir dir;
  git(dir.str(), {"init", "-q"});
  git(dir.str(), {"config", "core.splitIndex", "true"});
  git(dir.str(), {"config", "splitIndex.maxPercentChange", "100"});
  for (int i = 0; i < 20; ++i) dir.write(cat({"f", std::to_string(i), ".txt"}), cat({"file ", std::to_string(i), "\n"}));
  git(dir.str(), {"add", "-A"});
  git(dir.str(), {"commit", "-q", "-m", "initial"});
  git(dir.str(), {"update-index", "--split-index"});  // everything now in the shared index
  dir.write("f3.txt", cat({"file 3\n", kSecretLine}));
  git(dir.str(), {"add", "f3.txt"});      // a replacement
  git(dir.str(), {"rm", "-q", "f7.txt"});  // a deletion
  dir.write("g.txt", std::string(kSidLine));
  git(dir.str(), {"add", "g.txt"});       // an addition
  std::string link = testing::read_file(dir.path() / ".git/index");
  ASSERT_NE(link.find("link"), std::string::npos) << "git did not write a split index";

  auto opened = source::open_staged(dir.str(), 1 << 20);
  ASSERT_TRUE(opened.ok()) << opened.errors().front().message;
  std::vector<Item> items;
  model::ScanStats stats;
  (*opened)->enumerate([&](Item&& item) { items.push_back(std::move(item)); }, stats);
  std::vector<std::string> got;
  for (const Item& item : items) got.push_back(item.origin.path + ":" + lines(item));
  EXPECT_EQ(got, (std::vector<std::string>{"f3.txt:2-2", "g.txt:all"}));
  EXPECT_TRUE(stats.skipped.empty());
}

INSTANTIATE_TEST_SUITE_P(IndexForms, GitStaged,
                         ::testing::Values(IndexForm::kAsGitWroteIt, IndexForm::kVersion4, IndexForm::kNoCacheTree,
                                           IndexForm::kSplit),
                         [](const ::testing::TestParamInfo<IndexForm>& info) {
                           switch (info.param) {
                             case IndexForm::kVersion4: return std::string("Version4");
                             case IndexForm::kSplit: return std::string("Split");
                             case IndexForm::kNoCacheTree: return std::string("NoCacheTree");
                             default: return std::string("AsGitWroteIt");
                           }
                         });

}  // namespace
}  // namespace twilint

namespace twilint {
namespace {

std::string tree_id(const std::string& repo, const std::string& rev) {
  std::string out = testing::git(repo, {"rev-parse", rev});
  return out.substr(0, 40);
}

std::string hex(const std::optional<git_oid>& oid) {
  if (!oid) return "<none>";
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &*oid);
  return buf;
}

TEST(GitIndexCacheTree, ListsExactlyTheDirectoriesUnchangedSinceTheLastWriteTree) {
  testing::TempDir dir;
  testing::git(dir.str(), {"init", "-q"});
  dir.write("a/b/x.txt", "x\n");
  dir.write("a/c/y.txt", "y\n");
  dir.write("a/c/deep/w.txt", "w\n");
  dir.write("d/z.txt", "z\n");
  dir.write("top.txt", "t\n");
  testing::git(dir.str(), {"add", "-A"});
  testing::git(dir.str(), {"commit", "-q", "-m", "one"});
  dir.write("a/b/x.txt", "x changed\n");
  testing::git(dir.str(), {"add", "a/b/x.txt"});  // invalidates a/b, a and the root

  std::string why;
  auto index = git::read_index_file(dir.str() + "/.git/index", dir.str() + "/.git/", &why);
  ASSERT_TRUE(index) << why;
  ASSERT_FALSE(index->cache_tree.empty());
  EXPECT_EQ(hex(index->cache_tree.valid_tree("a/c")), tree_id(dir.str(), "HEAD:a/c"));
  EXPECT_EQ(hex(index->cache_tree.valid_tree("a/c/deep")), tree_id(dir.str(), "HEAD:a/c/deep"));
  EXPECT_EQ(hex(index->cache_tree.valid_tree("d")), tree_id(dir.str(), "HEAD:d"));
  for (const char* gone : {"", "a", "a/b", "nope", "a/c/nope", "a/c/y.txt", "d/z.txt", "a/cc", "top.txt"}) {
    EXPECT_EQ(hex(index->cache_tree.valid_tree(gone)), "<none>") << gone;
  }
}

}  // namespace
}  // namespace twilint
