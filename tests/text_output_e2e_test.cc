// Text output for people: the fix once per rule per file with a pointer to `explain`, the
// one-line `--format compact`, the summary on stderr when the report goes to a file, and
// `explain` rendered for a terminal.
#include <string>

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace twilint {
namespace {

using testing::RunResult;
using testing::TempDir;

size_t count_of(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Three findings of one rule in one file, one in another.
void write_leaks(const TempDir& dir) {
  dir.write("a/settings.py", "AUTH_TOKEN_1 = \"e8d28a79023c39c200661fccd268a29a\"  # twilio\n"
                             "AUTH_TOKEN_2 = \"9f3c2a1b8e7d6c5f4a3b2c1d0e9f8a7b\"  # twilio\n"
                             "AUTH_TOKEN_3 = \"c4e1a7b92d3f5e6a8b0c1d2e3f4a5b6c\"  # twilio\n");
  dir.write("b/settings.py", "TWILIO_AUTH_TOKEN = \"7d1e6c0a94b25f38e0c7a1d26b9f4e53\"\n");
}

TEST(TextOutput, FixOncePerRulePerFileAndExplainOnEveryFinding) {
  TempDir dir;
  write_leaks(dir);
  RunResult r = testing::twilint({"scan", dir.str(), "--no-color"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_of(r.out, "  critical  twilio-auth-token") + count_of(r.out, "  high  twilio-auth-token"), 4u) << r.out;
  EXPECT_EQ(count_of(r.out, "fix: Rotate the Auth Token"), 2u) << r.out;  // once in each file
  EXPECT_EQ(count_of(r.out, "fix: as above"), 2u) << r.out;
  EXPECT_EQ(count_of(r.out, "(twilint explain twilio-auth-token)"), 4u) << r.out;
}

TEST(TextOutput, CompactIsOneLinePerFinding) {
  TempDir dir;
  write_leaks(dir);
  RunResult r = testing::twilint({"scan", dir.str(), "--format", "compact"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_of(r.out, "\n"), 4u) << r.out;
  EXPECT_NE(r.out.find(dir.str() + "/a/settings.py:2:17: high twilio-auth-token: Twilio Auth Token\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("e8d28a79023c39c200661fccd268a29a"), std::string::npos);  // redacted like every format
}

TEST(TextOutput, SummaryGoesToStderrWhenTheReportGoesToAFile) {
  TempDir dir;
  write_leaks(dir);
  std::string report = (dir.path() / "report.sarif").string();
  RunResult r = testing::twilint({"scan", (dir.path() / "a").string(), (dir.path() / "b").string(), "--format", "sarif",
                                  "--output", report});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("twilint: 4 findings (4 high) in 2 files; report written to " + report), std::string::npos) << r.err;
}

TEST(TextOutput, HistoryRunSaysHowMuchCameFromTheCache) {
  TempDir repo, cache;
  testing::git(repo.str(), {"init", "-q"});
  repo.write("a.py", "x = 1\n");
  testing::git(repo.str(), {"add", "a.py"});
  testing::git(repo.str(), {"commit", "-q", "-m", "a"});
  const std::vector<std::string> env = {"XDG_CACHE_HOME=" + cache.str()};
  RunResult first = testing::twilint({"history", repo.str()}, "", env);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out.find("from cache"), std::string::npos) << first.out;
  RunResult again = testing::twilint({"history", repo.str()}, "", env);
  EXPECT_NE(again.out.find("scanned 1 blob (6 B, 100% from cache)"), std::string::npos) << again.out;
  repo.write("b.py", "y = 22\n");
  testing::git(repo.str(), {"add", "b.py"});
  testing::git(repo.str(), {"commit", "-q", "-m", "b"});
  RunResult after_commit = testing::twilint({"history", repo.str()}, "", env);
  EXPECT_NE(after_commit.out.find("scanned 2 blobs (13 B, 46% from cache)"), std::string::npos) << after_commit.out;
}

TEST(Explain, RendersGuidanceForATerminal) {
  RunResult r = testing::twilint({"explain", "twilio-api-key-without-account-sid"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("```"), std::string::npos) << r.out;  // fences gone
  EXPECT_EQ(r.out.find("**"), std::string::npos) << r.out;   // bold markers gone (no terminal: plain)
  EXPECT_NE(r.out.find("\nWhat is wrong. "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n    client = Client(os.environ[\"TWILIO_API_KEY\"]"), std::string::npos) << r.out;  // code indented
  EXPECT_EQ(count_of(r.out, "https://www.twilio.com/docs/iam/api-keys"), 1u) << r.out;  // each link once
}

}  // namespace
}  // namespace twilint
