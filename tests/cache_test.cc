// End to end: the incremental history cache (twilint history with $XDG_CACHE_HOME / --cache-dir).
// Every cached run is compared with a --no-cache run of the same repository: the cache may only
// make history faster, never change what it reports.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/checkpoint_codec.h"
#include "support/test_support.h"

namespace twilint {
namespace {

namespace fs = std::filesystem;
using testing::git;
using testing::RunResult;
using testing::TempDir;

constexpr const char* kSid = "ACeee65f53e9421ce50211670eae679f02";
constexpr const char* kToken = "e8d28a79023c39c200661fccd268a29a";
constexpr const char* kSid2 = "AC0123456789abcdef0123456789abcdef";
constexpr const char* kToken2 = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

std::string credentials(const char* sid, const char* token) {
  return std::string("account_sid = \"") + sid + "\"\nauth_token = \"" + token + "\"\n";
}

// A repository with a secret added in one commit and deleted in the next, plus clean history.
struct Repo {
  TempDir dir;
  std::string path = dir.str();
  Repo() {
    git(path, {"init", "-q", "-b", "main"});
    for (int i = 0; i < 5; ++i) {
      dir.write("src/file" + std::to_string(i) + ".py", "print(" + std::to_string(i) + ")\n");
    }
    dir.write("README.md", "hello\n");
    commit("initial");
    dir.write("config/settings.py", credentials(kSid, kToken));
    commit("add settings");
    fs::remove(dir.path() / "config/settings.py");
    dir.write("src/file1.py", "print('changed')\n");
    commit("remove settings");
  }
  void commit(const std::string& message) {
    git(path, {"add", "-A"});
    git(path, {"commit", "-q", "-m", message});
  }
};

struct History {
  RunResult run;
  nlohmann::json report;
};

History history(const std::string& repo, const std::string& cache_home, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"history", repo, "--format", "json", "--no-config"};
  args.insert(args.end(), extra.begin(), extra.end());
  History h;
  h.run = testing::twilint(args, "", {"XDG_CACHE_HOME=" + cache_home});
  h.report = nlohmann::json::parse(h.run.out, nullptr, false);
  return h;
}

// The parts of a report that must not depend on the cache (everything but the timing).
nlohmann::json comparable(nlohmann::json report) {
  // How long it took and how much came from the cache are what a cache changes; nothing else may.
  if (report.contains("stats")) {
    report["stats"].erase("duration_ms");
    report["stats"].erase("bytes_from_cache");
  }
  return report;
}

std::vector<fs::path> cache_files(const fs::path& cache_home) {
  std::vector<fs::path> files;
  if (!fs::exists(cache_home / "twilint")) return files;
  for (const auto& e : fs::directory_iterator(cache_home / "twilint")) {
    if (e.path().extension() == ".sqlite") files.push_back(e.path());
  }
  return files;
}

TEST(HistoryCache, SameReportWithAndWithoutCache) {
  Repo repo;
  TempDir cache;
  History plain = history(repo.path, cache.str(), {"--no-cache"});
  ASSERT_EQ(plain.run.exit_code, 1) << plain.run.err;
  EXPECT_TRUE(cache_files(cache.path()).empty()) << "--no-cache must not write a cache";
  ASSERT_FALSE(plain.report["findings"].empty());

  History first = history(repo.path, cache.str());
  ASSERT_EQ(first.run.exit_code, 1) << first.run.err;
  EXPECT_EQ(first.run.err, "");
  ASSERT_EQ(cache_files(cache.path()).size(), 1u);
  History second = history(repo.path, cache.str());
  EXPECT_EQ(second.run.err, "");
  EXPECT_EQ(comparable(first.report), comparable(plain.report));
  EXPECT_EQ(comparable(second.report), comparable(plain.report));
}

TEST(HistoryCache, NewCommitReportsTheSamePlusTheNewAttributedCorrectly) {
  Repo repo;
  TempDir cache;
  History before = history(repo.path, cache.str());
  ASSERT_EQ(before.run.exit_code, 1) << before.run.err;
  std::string introducing = before.report["findings"][0]["commit"].dump();

  repo.dir.write("other/keys.env", credentials(kSid2, kToken2));
  repo.dir.write("src/file2.py", "print('again')\n");
  repo.commit("new secret");
  History cached = history(repo.path, cache.str());
  History plain = history(repo.path, cache.str(), {"--no-cache"});
  ASSERT_EQ(plain.run.exit_code, 1) << plain.run.err;
  EXPECT_EQ(comparable(cached.report), comparable(plain.report));
  EXPECT_GT(cached.report["findings"].size(), before.report["findings"].size());
  EXPECT_NE(cached.run.out.find(std::string(kToken2).substr(0, 4)), std::string::npos);
  // The old secret still names the commit that added it, not the newest one.
  bool old_found = false;
  for (const auto& f : cached.report["findings"]) {
    if (f["path"] == "config/settings.py" || f.dump().find("config/settings.py") != std::string::npos) {
      old_found = true;
      EXPECT_EQ(f["commit"].dump(), introducing);
    }
  }
  EXPECT_TRUE(old_found) << cached.run.out;
}

TEST(HistoryCache, OccurrencesAreTheSameWithAndWithoutCache) {
  Repo repo;
  TempDir cache;
  // Edited (carried forward), re-added after the deletion with other bytes, then edited again.
  repo.dir.write("config/settings.py", "# back\n" + credentials(kSid, kToken));
  repo.commit("settings back");
  repo.dir.write("config/settings.py", "# back\n" + credentials(kSid, kToken) + "debug = True\n");
  repo.commit("debug");
  History first = history(repo.path, cache.str());
  ASSERT_EQ(first.run.exit_code, 1) << first.run.err;
  History plain = history(repo.path, cache.str(), {"--no-cache"});
  EXPECT_EQ(comparable(first.report), comparable(plain.report));
  size_t with_occurrences = 0;
  for (const auto& f : plain.report["findings"]) with_occurrences += f["occurrences"].size() == 1 ? 1 : 0;
  EXPECT_GT(with_occurrences, 0u) << plain.run.out;

  // Resumed from the checkpoint, after a commit that carries the lines forward once more.
  repo.dir.write("config/settings.py", "# back\n" + credentials(kSid, kToken) + "debug = False\n");
  repo.commit("no debug");
  History resumed = history(repo.path, cache.str());
  History fresh = history(repo.path, cache.str(), {"--no-cache"});
  EXPECT_EQ(comparable(resumed.report), comparable(fresh.report));
  EXPECT_EQ(resumed.report["findings"].size(), plain.report["findings"].size());
}

TEST(HistoryCache, ChangingRulesOrConfigInvalidates) {
  Repo repo;
  repo.dir.write("notes.txt", "token MYCO_12345678\n");
  repo.commit("custom token");
  TempDir cache;
  TempDir extra;
  extra.write("custom.toml", R"([[rules]]
id = "custom-token"
title = "Custom token"
kind = "secret"
severity = "high"
keywords = ["myco_"]
pattern = '''\b(?P<secret>MYCO_[0-9]{8})\b'''
fix = "Remove it."
guidance = "A test rule."
)");
  History without = history(repo.path, cache.str());
  ASSERT_EQ(without.run.out.find("custom-token"), std::string::npos);
  History with = history(repo.path, cache.str(), {"--rules", (extra.path() / "custom.toml").string()});
  ASSERT_EQ(with.run.exit_code, 1) << with.run.err;
  EXPECT_NE(with.run.out.find("custom-token"), std::string::npos) << "stale cache entries were trusted";
  History plain = history(repo.path, cache.str(), {"--no-cache", "--rules", (extra.path() / "custom.toml").string()});
  EXPECT_EQ(comparable(with.report), comparable(plain.report));

  // A config change: this config disables the custom rule and the built-in ones still report.
  extra.write("twilint.toml", "[rules]\ndisable = [\"twilio-account-sid\"]\n");
  std::vector<std::string> config = {"--config", (extra.path() / "twilint.toml").string()};
  std::vector<std::string> args = {"history", repo.path, "--format", "json"};
  args.insert(args.end(), config.begin(), config.end());
  RunResult cached = testing::twilint(args, "", {"XDG_CACHE_HOME=" + cache.str()});
  args.push_back("--no-cache");
  RunResult uncached = testing::twilint(args, "", {"XDG_CACHE_HOME=" + cache.str()});
  ASSERT_EQ(cached.exit_code, uncached.exit_code) << cached.err << uncached.err;
  EXPECT_EQ(comparable(nlohmann::json::parse(cached.out)), comparable(nlohmann::json::parse(uncached.out)));
}

// Runs history once without the cache (the reference report) and once with it, leaving exactly
// one cache file behind; `file` is empty when that did not happen (the caller asserts on it).
struct WarmCache {
  History plain;
  fs::path file;
};
WarmCache warm_cache(const Repo& repo, const TempDir& cache) {
  WarmCache warm{history(repo.path, cache.str(), {"--no-cache"}), {}};
  history(repo.path, cache.str());
  std::vector<fs::path> files = cache_files(cache.path());
  EXPECT_EQ(files.size(), 1u);
  if (files.size() == 1) warm.file = files[0];
  return warm;
}

// Runs one SQL statement on a cache file, as a test tampering with it would; returns the number
// of rows it changed (-1 when it failed).
int tamper(const std::string& file, const char* sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  int changed = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK ? sqlite3_changes(db) : -1;
  sqlite3_close(db);
  return changed;
}

TEST(HistoryCache, CorruptCacheIsRebuiltWithAWarning) {
  Repo repo;
  TempDir cache;
  WarmCache warm = warm_cache(repo, cache);
  ASSERT_FALSE(warm.file.empty());
  const History& plain = warm.plain;
  {
    std::ofstream out(warm.file, std::ios::binary | std::ios::trunc);
    out << std::string(8192, 'x');
  }
  History corrupt = history(repo.path, cache.str());
  EXPECT_NE(corrupt.run.err.find("warning"), std::string::npos);
  EXPECT_NE(corrupt.run.err.find("rebuilding"), std::string::npos) << corrupt.run.err;
  EXPECT_EQ(comparable(corrupt.report), comparable(plain.report));
  History again = history(repo.path, cache.str());
  EXPECT_EQ(again.run.err, "");
  EXPECT_EQ(comparable(again.report), comparable(plain.report));

  // A well-formed database whose entries were tampered with into nonsense is not trusted either.
  ASSERT_GT(tamper(warm.file, "UPDATE blobs SET findings = '{not json' WHERE findings IS NOT NULL"), 0);
  History tampered = history(repo.path, cache.str());
  EXPECT_NE(tampered.run.err.find("rebuilding"), std::string::npos) << tampered.run.err;
  EXPECT_EQ(comparable(tampered.report), comparable(plain.report));
}

TEST(HistoryCache, LockedCacheIsBypassedWithAWarning) {
  Repo repo;
  TempDir cache;
  WarmCache warm = warm_cache(repo, cache);
  ASSERT_FALSE(warm.file.empty());
  const History& plain = warm.plain;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(warm.file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  History locked = history(repo.path, cache.str());
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_NE(locked.run.err.find("locked"), std::string::npos) << locked.run.err;
  EXPECT_EQ(locked.run.exit_code, plain.run.exit_code);
  EXPECT_EQ(comparable(locked.report), comparable(plain.report));
}

TEST(HistoryCache, CacheDirFlagAndNoSecretsStored) {
  Repo repo;
  TempDir home;
  TempDir dir;
  History h = history(repo.path, home.str(), {"--cache-dir", dir.str()});
  ASSERT_EQ(h.run.exit_code, 1) << h.run.err;
  EXPECT_TRUE(cache_files(home.path()).empty());
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    if (e.path().extension() != ".sqlite") continue;
    ++n;
    std::string bytes = testing::read_file(e.path());
    EXPECT_EQ(bytes.find(kToken), std::string::npos) << "the cache holds an unredacted secret";
  }
  EXPECT_EQ(n, 1u);

  // --show-secrets neither reads nor writes the cache.
  TempDir other;
  History shown = history(repo.path, home.str(), {"--cache-dir", other.str(), "--show-secrets"});
  EXPECT_NE(shown.run.out.find(kToken), std::string::npos);
  EXPECT_TRUE(fs::is_empty(other.path()) || cache_files(other.path().parent_path()).empty());
  for (const auto& e : fs::directory_iterator(other.path())) ADD_FAILURE() << "cache written: " << e.path();
}


// --- The walk checkpoint: a re-run walks only the commits added since the last run. ---

constexpr const char* kSid3 = "AC7d3f9a1b2c4e6f8091a2b3c4d5e6f708";
constexpr const char* kToken3 = "5b8e2f7a9c1d3e4f6a0b8c2d4e6f1a3b";
constexpr const char* kAllowlistedToken = "feedface7c41e9a2b5d8036f1e4a9c2b";

std::string head_of(const std::string& repo) {
  std::string id = git(repo, {"rev-parse", "HEAD"});
  while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
  return id;
}

// Repo, plus everything the stats count besides scanned blobs: a binary file, a file over the
// size limit, an allowlisted path, an allowlisted secret, a suppressed line and a submodule; and a
// tag on a blob no commit has (yet). Runs use `args()`: the size limit and the config that
// allowlists.
struct RichRepo : Repo {
  TempDir config_dir;
  std::string added_settings;  // the commit that added config/settings.py
  RichRepo() {
    added_settings = trimmed(git(path, {"rev-list", "--max-count=1", "--skip=1", "HEAD"}));
    config_dir.write("twilint.toml", "[allowlist]\npaths = [\"fixtures/**\"]\nregexes = ['^feedface']\n");
    dir.write("assets/logo.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(64, '\0'));
    dir.write("data/big.txt", std::string(4096, 'x') + "\n");
    dir.write("fixtures/sample.env", credentials(kSid2, kToken2));
    dir.write("src/allowed.py", std::string("auth_token = \"") + kAllowlistedToken + "\"\n");
    dir.write("src/suppressed.py", std::string("token = \"") + kToken2 + "\"  # twilint:allow\nsid = \"" + kSid2 + "\"\n");
    fs::create_directories(dir.path() / "vendor/lib");  // an unpopulated submodule, as git leaves it
    git(path, {"update-index", "--add", "--cacheinfo", "160000," + added_settings + ",vendor/lib"});
    commit("binary, big file, fixtures, submodule");
    fs::path tagged = config_dir.write("tagged.env", tagged_content());
    git(path, {"tag", "tagged-blob", trimmed(git(path, {"hash-object", "-w", tagged.string()}))});
  }
  static std::string tagged_content() { return credentials(kSid3, kToken2); }
  std::vector<std::string> args(std::vector<std::string> more = {}) const {
    std::vector<std::string> out = {"--max-file-size", "2KiB", "--config", (config_dir.path() / "twilint.toml").string()};
    out.insert(out.end(), more.begin(), more.end());
    return out;
  }
  static std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
  }
};

// The commit the finding at `path` is attributed to, or "" when there is none.
std::string commit_of(const nlohmann::json& report, const std::string& path) {
  for (const auto& f : report["findings"]) {
    if (f["path"] == path) return f["commit"].get<std::string>();
  }
  return "";
}

// The cached run equals a --no-cache run of the same repository, and neither warns.
void expect_same_as_uncached(const RichRepo& repo, const TempDir& cache, const History& cached) {
  History plain = history(repo.path, cache.str(), repo.args({"--no-cache"}));
  EXPECT_EQ(cached.run.exit_code, plain.run.exit_code) << cached.run.err;
  EXPECT_EQ(cached.run.err, "");
  EXPECT_EQ(comparable(cached.report), comparable(plain.report));
}

TEST(HistoryCheckpoint, CodecKeepsEveryByteAndRejectsDamage) {
  source::HistoryCheckpoint c;
  c.commit_count = 7;
  c.commit_digest = std::string(32, '\x01');
  c.seen_trees = std::string(40, '\x02');
  c.seen_blobs = std::string(60, '\0');
  c.noted_submodules = {"vendor/lib"};
  c.notes = {"submodule vendor/lib skipped"};
  c.commits.push_back({std::string(40, 'a'), "Ren\xe9", "r@example.com", "2026-01-02T03:04:05+00:00", "caf\xe9"});
  c.blobs.push_back({std::string(40, 'b'), "dir/caf\xe9\n.env", 0});  // git paths are bytes
  c.blob_stats.files_scanned = 3;
  c.blob_stats.bytes_scanned = 1ull << 40;
  c.blob_stats.files_skipped = 1;
  c.blob_stats.suppressed = 2;
  c.blob_stats.allowlisted = 4;
  c.blob_stats.skipped.push_back({"a.bin", "binary", false});
  std::string bytes = app::encode_checkpoint(c);
  std::optional<source::HistoryCheckpoint> back = app::decode_checkpoint(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(app::encode_checkpoint(*back), bytes);
  EXPECT_EQ(back->blobs[0].path, c.blobs[0].path);
  EXPECT_EQ(back->commits[0].summary, "caf\xe9");
  EXPECT_EQ(back->blob_stats.bytes_scanned, 1ull << 40);

  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(app::decode_checkpoint(std::string_view(bytes).substr(0, n)).has_value()) << "cut at " << n;
  }
  EXPECT_FALSE(app::decode_checkpoint(bytes + "x").has_value());
  source::HistoryCheckpoint bad = c;
  bad.blobs[0].commit = 1;  // no such commit
  EXPECT_FALSE(app::decode_checkpoint(app::encode_checkpoint(bad)).has_value());
  bad = c;
  bad.blobs[0].blob = std::string(40, 'B');  // not lowercase hex
  EXPECT_FALSE(app::decode_checkpoint(app::encode_checkpoint(bad)).has_value());
  bad = c;
  bad.seen_blobs.push_back('x');  // not whole ids
  EXPECT_FALSE(app::decode_checkpoint(app::encode_checkpoint(bad)).has_value());
}

TEST(HistoryCheckpoint, RunsAfterNewCommitsEqualANoCacheRun) {
  RichRepo repo;
  TempDir cache;
  History first = history(repo.path, cache.str(), repo.args());
  ASSERT_EQ(first.run.exit_code, 1) << first.run.err;
  expect_same_as_uncached(repo, cache, first);
  // Everything the stats count is there, so comparing reports compares all of it.
  const nlohmann::json& stats = first.report["stats"];
  EXPECT_GT(stats["suppressed"].get<int>(), 0);
  EXPECT_GT(stats["allowlisted"].get<int>(), 0);
  EXPECT_NE(stats.dump().find("assets/logo.bin"), std::string::npos) << stats.dump();
  EXPECT_NE(stats.dump().find("data/big.txt"), std::string::npos) << stats.dump();
  EXPECT_NE(stats.dump().find("fixtures/sample.env"), std::string::npos) << stats.dump();
  EXPECT_NE(stats.dump().find("submodule vendor/lib"), std::string::npos) << stats.dump();
  EXPECT_NE(first.run.out.find("\"tagged-blob\""), std::string::npos) << "the tagged blob is scanned";

  // A new secret; the deleted settings file back with the same bytes (an old blob: it stays with
  // the commit that first added it); a file deleted; the submodule moved on.
  repo.dir.write("new/keys.env", credentials(kSid3, kToken3));
  repo.dir.write("config/settings.py", credentials(kSid, kToken));
  fs::remove(repo.dir.path() / "src/file3.py");
  git(repo.path, {"update-index", "--cacheinfo", "160000," + head_of(repo.path) + ",vendor/lib"});
  repo.dir.write("docs/tagged.env", RichRepo::tagged_content());  // first in a commit now: the commit's
  repo.commit("new secret, settings back, file3 gone");
  History second = history(repo.path, cache.str(), repo.args());
  ASSERT_EQ(second.run.exit_code, 1) << second.run.err;
  expect_same_as_uncached(repo, cache, second);
  EXPECT_EQ(commit_of(second.report, "config/settings.py"), repo.added_settings);
  EXPECT_EQ(commit_of(second.report, "new/keys.env"), head_of(repo.path));
  EXPECT_EQ(commit_of(second.report, "docs/tagged.env"), head_of(repo.path));
  EXPECT_EQ(second.report["stats"]["commits_scanned"], 5);
  EXPECT_EQ(second.report["stats"]["incomplete"], false);

  // Again on top of a checkpoint that was itself written by a resumed run.
  repo.dir.write("more/second.env", credentials(kSid2, kToken3));
  repo.dir.write("src/file0.py", "print('zero')\n");
  repo.commit("another secret");
  History third = history(repo.path, cache.str(), repo.args());
  expect_same_as_uncached(repo, cache, third);
  EXPECT_EQ(commit_of(third.report, "more/second.env"), head_of(repo.path));
  EXPECT_EQ(commit_of(third.report, "config/settings.py"), repo.added_settings);

  // And with nothing new at all.
  History fourth = history(repo.path, cache.str(), repo.args());
  EXPECT_EQ(comparable(fourth.report), comparable(third.report));
  EXPECT_EQ(fourth.run.err, "");
}

TEST(HistoryCheckpoint, RewrittenHistoryIsWalkedAgain) {
  RichRepo repo;
  TempDir cache;
  repo.dir.write("later/secret.env", credentials(kSid3, kToken3));
  repo.commit("a secret, soon amended away");
  ASSERT_EQ(history(repo.path, cache.str(), repo.args()).run.exit_code, 1);

  // The tip amended: its secret is gone from history (a resumed walk would still hand it out).
  fs::remove(repo.dir.path() / "later/secret.env");
  repo.dir.write("later/clean.txt", "nothing here\n");
  git(repo.path, {"add", "-A"});
  git(repo.path, {"commit", "-q", "--amend", "-m", "amended"});
  History amended = history(repo.path, cache.str(), repo.args());
  expect_same_as_uncached(repo, cache, amended);
  EXPECT_EQ(amended.run.out.find("later/secret.env"), std::string::npos) << amended.run.out;

  // Reset to an older commit and commit something else: the walked tip is gone again.
  git(repo.path, {"reset", "-q", "--hard", "HEAD~2"});
  repo.dir.write("config/settings.py", credentials(kSid3, kToken));
  repo.commit("settings again, other sid");
  History reset = history(repo.path, cache.str(), repo.args());
  expect_same_as_uncached(repo, cache, reset);
  EXPECT_EQ(reset.run.out.find("later/clean.txt"), std::string::npos);
  EXPECT_EQ(reset.report["stats"]["commits_scanned"], 4);
}

TEST(HistoryCheckpoint, NewBranchWhoseCommitsComeFirstIsWalkedAgain) {
  RichRepo repo;
  TempDir cache;
  ASSERT_EQ(history(repo.path, cache.str(), repo.args()).run.exit_code, 1);
  const std::string root = RichRepo::trimmed(git(repo.path, {"rev-list", "--max-parents=0", "HEAD"}));

  // An unrelated branch whose root sorts before the old root (every test commit has the same
  // date, so ids break the tie): the walk order no longer starts with the walked commits. It adds
  // the settings secret's blob, which then belongs to this branch's commit.
  git(repo.path, {"checkout", "-q", "--orphan", "other"});
  git(repo.path, {"rm", "-rq", "--cached", "."});
  fs::remove_all(repo.dir.path() / "src");
  repo.dir.write("elsewhere/settings.py", credentials(kSid, kToken));
  git(repo.path, {"add", "elsewhere/settings.py"});
  std::string other;
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::string message = "orphan " + std::to_string(attempt);
    if (attempt == 0) {
      git(repo.path, {"commit", "-q", "-m", message});
    } else {
      git(repo.path, {"commit", "-q", "--amend", "-m", message});
    }
    other = head_of(repo.path);
    if (other < root) break;
  }
  ASSERT_LT(other, root) << "no orphan commit id sorted before the root";
  git(repo.path, {"checkout", "-q", "-f", "main"});

  History after = history(repo.path, cache.str(), repo.args());
  expect_same_as_uncached(repo, cache, after);
  EXPECT_EQ(commit_of(after.report, "elsewhere/settings.py"), other);
  EXPECT_EQ(commit_of(after.report, "config/settings.py"), "");
}

TEST(HistoryCheckpoint, BranchAndRangeRunsNeitherUseNorReplaceIt) {
  RichRepo repo;
  TempDir cache;
  ASSERT_EQ(history(repo.path, cache.str(), repo.args()).run.exit_code, 1);
  repo.dir.write("new/keys.env", credentials(kSid3, kToken3));
  repo.commit("new secret");
  for (std::vector<std::string> only : {std::vector<std::string>{"--branch", "main"},
                                        std::vector<std::string>{"--range", "HEAD~2..HEAD"},
                                        std::vector<std::string>{"--since-commit", "HEAD~1"}}) {
    History cached = history(repo.path, cache.str(), repo.args(only));
    only.push_back("--no-cache");
    History plain = history(repo.path, cache.str(), repo.args(only));
    EXPECT_EQ(cached.run.err, "");
    EXPECT_EQ(comparable(cached.report), comparable(plain.report)) << only[0];
  }
  // A range report holds only what the range introduced: not the old settings secret.
  History range = history(repo.path, cache.str(), repo.args({"--range", "HEAD~1..HEAD"}));
  EXPECT_EQ(commit_of(range.report, "config/settings.py"), "");
  EXPECT_EQ(commit_of(range.report, "new/keys.env"), head_of(repo.path));
  // The full run after them still resumes correctly from the full run's checkpoint.
  expect_same_as_uncached(repo, cache, history(repo.path, cache.str(), repo.args()));
}

// How the runs above get their speed: a resumed run does not hand out the blobs of walked
// commits again, except those with findings. Shown by planting findings on a clean blob's cache
// entry: a walk that reaches the blob reports them, a resumed run does not reach it.
TEST(HistoryCheckpoint, ResumedRunsSkipWalkedCommitsAndRewritesDoNot) {
  Repo repo;
  TempDir cache;
  WarmCache warm = warm_cache(repo, cache);
  ASSERT_FALSE(warm.file.empty());
  ASSERT_EQ(tamper(warm.file,
                   "UPDATE blobs SET findings = (SELECT findings FROM blobs WHERE findings IS NOT NULL LIMIT 1)"
                   " WHERE path = 'README.md'"),
            1);
  auto reports_readme = [](const History& h) { return h.run.out.find("\"README.md\"") != std::string::npos; };

  EXPECT_TRUE(reports_readme(history(repo.path, cache.str(), {"--branch", "main"}))) << "the planted entry is not used";
  EXPECT_FALSE(reports_readme(history(repo.path, cache.str())));
  repo.dir.write("src/file4.py", "print('four')\n");
  repo.commit("new commit");
  EXPECT_FALSE(reports_readme(history(repo.path, cache.str())));
  git(repo.path, {"commit", "-q", "--amend", "-m", "amended"});
  EXPECT_TRUE(reports_readme(history(repo.path, cache.str()))) << "an amended tip must make the run walk everything";
}

TEST(HistoryCheckpoint, UnreadableCheckpointMeansAFullWalkWithAWarning) {
  Repo repo;
  TempDir cache;
  WarmCache warm = warm_cache(repo, cache);
  ASSERT_FALSE(warm.file.empty());
  ASSERT_EQ(tamper(warm.file, "UPDATE walk SET data = substr(data, 1, length(data) - 7)"), 1);
  History damaged = history(repo.path, cache.str());
  EXPECT_NE(damaged.run.err.find("checkpoint"), std::string::npos) << damaged.run.err;
  EXPECT_EQ(comparable(damaged.report), comparable(warm.plain.report));
  History again = history(repo.path, cache.str());
  EXPECT_EQ(again.run.err, "");
  EXPECT_EQ(comparable(again.report), comparable(warm.plain.report));
}

// A scan that skipped something for an error must report it again next time: its walk is not
// kept. (A blob that cannot be read stands in for any error.)
TEST(HistoryCheckpoint, IncompleteRunsLeaveTheCheckpointAlone) {
  Repo repo;
  TempDir cache;
  ASSERT_EQ(history(repo.path, cache.str()).run.exit_code, 1);
  repo.dir.write("src/unreadable.py", "print('soon missing')\n");
  repo.commit("a blob that goes missing");
  std::string blob = RichRepo::trimmed(git(repo.path, {"rev-parse", "HEAD:src/unreadable.py"}));
  fs::path object = repo.dir.path() / ".git" / "objects" / blob.substr(0, 2) / blob.substr(2);
  ASSERT_TRUE(fs::exists(object));
  fs::path aside = repo.dir.path() / "aside";
  fs::rename(object, aside);
  History broken = history(repo.path, cache.str());
  EXPECT_EQ(broken.run.exit_code, 3) << broken.run.err;
  History still = history(repo.path, cache.str());
  EXPECT_EQ(still.run.exit_code, 3) << "a resumed walk hid the error";
  EXPECT_NE(still.run.err.find("src/unreadable.py"), std::string::npos) << still.run.err;
  fs::rename(aside, object);
  History fixed = history(repo.path, cache.str());
  History plain = history(repo.path, cache.str(), {"--no-cache"});
  EXPECT_EQ(fixed.run.exit_code, 1);
  EXPECT_EQ(comparable(fixed.report), comparable(plain.report));
}

}  // namespace
}  // namespace twilint
