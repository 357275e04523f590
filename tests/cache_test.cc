// End to end: the incremental history cache (twilint history with $XDG_CACHE_HOME / --cache-dir).
// Every cached run is compared with a --no-cache run of the same repository: the cache may only
// make history faster, never change what it reports.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

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
  if (report.contains("stats")) report["stats"].erase("duration_ms");
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
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(warm.file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE blobs SET findings = '{not json' WHERE findings IS NOT NULL", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
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

}  // namespace
}  // namespace twilint
