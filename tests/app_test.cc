// app::resolve and app::run without the command line: flags typed once, every problem reported
// together, and a run's outcome and text through a Console a test holds.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "app/run.h"
#include "app/settings.h"
#include "support/test_support.h"

namespace twilint::app {
namespace {

using testing::TempDir;

const std::string kSid = "AC0b8a1c3e5d7f9b2a4c6e8d0f1a3b5c7d";
const std::string kToken = "7e3f0c9d2b8a4e6f1c5d0b9a8e7f6c3d";

class RecordingConsole : public Console {
 public:
  void report(std::string_view text) override { report_ += text; }
  void line(std::string_view text) override { lines_.emplace_back(text); }
  const std::string& report_text() const { return report_; }
  void progress(const model::ProgressSnapshot& snapshot) override { progress_.push_back(snapshot); }
  const std::vector<std::string>& lines() const { return lines_; }
  const std::vector<model::ProgressSnapshot>& progress_seen() const { return progress_; }

 private:
  std::string report_;
  std::vector<std::string> lines_;
  std::vector<model::ProgressSnapshot> progress_;
};

Request scan_of(const TempDir& dir) {
  Request r;
  r.mode = Mode::kScan;
  r.paths = {dir.str()};
  r.no_config = true;
  return r;
}

// A history or staged request for the repository (or plain directory) `dir`, without a config.
Request repo_request(Mode mode, const TempDir& dir) {
  Request r;
  r.mode = mode;
  r.repo = dir.str();
  r.no_config = true;
  return r;
}

std::vector<std::string> messages(const util::Diagnostics& errors) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : errors) out.push_back(d.to_string());
  return out;
}

// The errors resolve() reports for `request`, which must not resolve.
std::vector<std::string> resolve_errors(const Request& request) {
  auto settings = resolve(request, nullptr);
  EXPECT_FALSE(settings) << "resolved without an error";
  return settings ? std::vector<std::string>{} : messages(settings.errors());
}

bool mentions(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& l : lines) {
    if (l.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(AppResolve, ReportsEveryFlagErrorTogether) {
  TempDir dir;
  Request r = scan_of(dir);
  r.paths.push_back((dir.path() / "missing").string());
  r.max_file_size = "ten megs";
  r.verify_endpoints = {"nowhere=https://example.com", "ftp://bad"};
  r.baseline_file = (dir.path() / "no-baseline.json").string();
  r.exclude = {"[unclosed"};
  std::vector<std::string> errors = resolve_errors(r);
  EXPECT_TRUE(mentions(errors, "no such file or directory")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "--max-file-size:")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "unknown service 'nowhere'")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "--verify-endpoint: ")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "no-baseline.json")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "--exclude:")) << ::testing::PrintToString(errors);
  EXPECT_GE(errors.size(), 6u);
}

TEST(AppResolve, UnknownFormatAndSeverityAreErrorsNotDefaults) {
  TempDir dir;
  Request r = scan_of(dir);
  r.format = "xml";
  r.fail_on = "severe";
  std::vector<std::string> errors = resolve_errors(r);
  EXPECT_TRUE(mentions(errors, "--format: unknown format 'xml'")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "--fail-on: unknown severity 'severe'")) << ::testing::PrintToString(errors);
}

TEST(AppResolve, HistoryRangeErrorsComeWithTheOthers) {
  TempDir dir;
  Request r = repo_request(Mode::kHistory, dir);
  r.range = "main";  // not A..B
  r.max_file_size = "-1";
  std::vector<std::string> errors = resolve_errors(r);
  EXPECT_TRUE(mentions(errors, "invalid range 'main' in --range: expected A..B")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "--max-file-size:")) << ::testing::PrintToString(errors);

  r.max_file_size.clear();
  r.since_commit = "abc123";
  EXPECT_TRUE(mentions(resolve_errors(r), "either --range or --since-commit"));
}

TEST(AppResolve, TypesEveryFlagOnce) {
  TempDir dir;
  Request r = scan_of(dir);
  r.fail_on = "none";
  r.max_file_size = "2KiB";
  auto settings = resolve(r, nullptr);
  ASSERT_TRUE(settings) << ::testing::PrintToString(messages(settings.errors()));
  EXPECT_FALSE(settings->report.fail_on.has_value());
  EXPECT_EQ(settings->max_file_size, 2048u);
  EXPECT_EQ(settings->walk.max_file_size, 2048u);  // given, so the walk skips bigger files
  EXPECT_FALSE(settings->report.show_identifiers);

  r.fail_on = "info";
  r.max_file_size.clear();
  settings = resolve(r, nullptr);
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->report.fail_on, model::Severity::kInfo);
  EXPECT_TRUE(settings->report.show_identifiers);  // --fail-on info shows identifiers
  EXPECT_EQ(settings->walk.max_file_size, UINT64_MAX);  // a file scan skips nothing unasked
}

TEST(AppResolve, HistoryUsesTheCacheOnlyWhenItHoldsNoSecrets) {
  TempDir dir;
  Request r = repo_request(Mode::kHistory, dir);
  r.cache_dir = (dir.path() / "cache").string();
  auto settings = resolve(r, nullptr);
  ASSERT_TRUE(settings);
  EXPECT_TRUE(settings->use_cache);
  EXPECT_EQ(settings->cache_dir, r.cache_dir);
  EXPECT_EQ(settings->max_file_size, config::kDefaultMaxFileSize);
  r.show_secrets = true;
  EXPECT_FALSE(resolve(r, nullptr)->use_cache);
  r.show_secrets = false;
  r.verify = true;
  EXPECT_FALSE(resolve(r, nullptr)->use_cache);
}

TEST(AppRun, FindingsOutcomeAndTheReportThroughTheConsole) {
  TempDir dir;
  dir.write("app.py", "client = Client(\"" + kSid + "\", \"" + kToken + "\")\n");
  Request r = scan_of(dir);
  r.format = "json";
  auto settings = resolve(r, nullptr);
  ASSERT_TRUE(settings);
  RecordingConsole console;
  EXPECT_EQ(run(*settings, console), Outcome::kFindings);
  EXPECT_NE(console.report_text().find("twilio-auth-token"), std::string::npos) << console.report_text();
  EXPECT_EQ(console.report_text().find(kToken), std::string::npos);  // redacted

  r.fail_on = "none";
  settings = resolve(r, nullptr);
  RecordingConsole quiet;
  EXPECT_EQ(run(*settings, quiet), Outcome::kClean);
}

TEST(AppRun, OutputFileGetsTheReportAndTheConsoleOneLine) {
  TempDir dir;
  dir.write("src/app.py", "client = Client(\"" + kSid + "\", \"" + kToken + "\")\n");
  Request r = scan_of(dir);
  r.paths = {(dir.path() / "src").string()};
  r.output = (dir.path() / "report.txt").string();
  auto settings = resolve(r, nullptr);
  ASSERT_TRUE(settings);
  RecordingConsole console;
  EXPECT_EQ(run(*settings, console), Outcome::kFindings);
  EXPECT_TRUE(console.report_text().empty());
  EXPECT_NE(testing::read_file(r.output).find("twilio-auth-token"), std::string::npos);
  ASSERT_EQ(console.lines().size(), 1u) << ::testing::PrintToString(console.lines());
  EXPECT_NE(console.lines().front().find("report written to " + r.output), std::string::npos);
}

TEST(AppRun, NotARepositoryFails) {
  TempDir dir;
  Request r = repo_request(Mode::kStaged, dir);
  auto settings = resolve(r, nullptr);
  ASSERT_TRUE(settings);
  RecordingConsole console;
  EXPECT_EQ(run(*settings, console), Outcome::kFailed);
  ASSERT_FALSE(console.lines().empty());
  EXPECT_EQ(console.lines().front().rfind("error: ", 0), 0u) << console.lines().front();
}

// The scanner hands progress to the console, which draws it; the last call tells it to go away.
TEST(AppRun, HistoryProgressGoesToTheConsoleAndEndsFinished) {
  TempDir dir;
  testing::git(dir.str(), {"init", "-q"});
  dir.write("a.txt", "nothing here\n");
  testing::git(dir.str(), {"add", "a.txt"});
  testing::git(dir.str(), {"commit", "-q", "-m", "one"});
  Request r = repo_request(Mode::kHistory, dir);
  r.no_cache = true;
  r.progress_allowed = true;
  auto settings = resolve(r, nullptr);
  ASSERT_TRUE(settings);
  EXPECT_TRUE(settings->progress);
  RecordingConsole console;
  EXPECT_EQ(run(*settings, console), Outcome::kClean);
  ASSERT_FALSE(console.progress_seen().empty());
  EXPECT_TRUE(console.progress_seen().back().finished);

  r.progress_allowed = false;
  settings = resolve(r, nullptr);
  RecordingConsole silent;
  EXPECT_EQ(run(*settings, silent), Outcome::kClean);
  EXPECT_TRUE(silent.progress_seen().empty());

  r.progress_allowed = true;
  r.mode = Mode::kStaged;  // only history shows progress
  EXPECT_FALSE(resolve(r, nullptr)->progress);
}

TEST(AppRun, InterruptedBeforeTheScanWritesNoReport) {
  TempDir dir;
  dir.write("a.txt", "nothing here\n");
  std::atomic<bool> cancel{true};
  auto settings = resolve(scan_of(dir), &cancel);
  ASSERT_TRUE(settings);
  RecordingConsole console;
  EXPECT_EQ(run(*settings, console), Outcome::kInterrupted);
  EXPECT_TRUE(console.report_text().empty());
  EXPECT_TRUE(mentions(console.lines(), "interrupted; no report written"));
}

}  // namespace
}  // namespace twilint::app
