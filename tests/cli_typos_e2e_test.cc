// Mistyped command lines get the nearest subcommand, option or rule id and the --help of the
// subcommand the mistake is in; `baseline create` refuses options that would do nothing and says
// what it wrote.
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace twilint {
namespace {

using testing::RunResult;
using testing::TempDir;

void expect_usage_error(const std::vector<std::string>& args, const std::string& want) {
  RunResult r = testing::twilint(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(want), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST(Typos, SubcommandsSuggestTheNearestAndTheirHelp) {
  expect_usage_error({"scna"}, "unknown command 'scna' (did you mean 'scan'?) (see 'twilint --help')");
  expect_usage_error({"rules", "lsit"}, "unknown command 'lsit' (did you mean 'list'?) (see 'twilint rules --help')");
  expect_usage_error({"frobnicate"}, "unknown command 'frobnicate' (see 'twilint --help')");
  expect_usage_error({"baseline"}, "(see 'twilint baseline --help')");
}

TEST(Typos, OptionsSuggestTheNearestOfTheirCommand) {
  expect_usage_error({"scan", "--fial-on", "high", "."}, "--fial-on (did you mean '--fail-on'?) (see 'twilint scan --help')");
  expect_usage_error({"history", "--formt", "json"}, "(did you mean '--format'?) (see 'twilint history --help')");
  expect_usage_error({"baseline", "create", "--histroy"}, "(did you mean '--history'?) (see 'twilint baseline create --help')");
}

TEST(Typos, RuleIdsSuggestTheNearest) {
  expect_usage_error({"explain", "twilio-auth-tokn"}, "unknown rule 'twilio-auth-tokn' (did you mean 'twilio-auth-token'?)");
  TempDir dir;
  dir.write("a.py", "x = 1\n");
  expect_usage_error({"fix", dir.str(), "--rule", "twilio-api-key-secrt"}, "(did you mean 'twilio-api-key-secret'?)");
}

TEST(BaselineCreate, RefusesOptionsThatDoNothingAndSaysWhatItWrote) {
  TempDir dir;
  dir.write("settings.py", "TWILIO_AUTH_TOKEN = \"e8d28a79023c39c200661fccd268a29a\"\n");
  for (auto [option, value] : {std::pair{"--format", "sarif"}, std::pair{"--fail-on", "high"}}) {
    RunResult r = testing::twilint({"baseline", "create", dir.str(), option, value});
    EXPECT_EQ(r.exit_code, 2) << option;
    EXPECT_NE(r.err.find(std::string(option) + " does nothing here"), std::string::npos) << r.err;
  }
  RunResult secrets = testing::twilint({"baseline", "create", dir.str(), "--show-secrets"});
  EXPECT_EQ(secrets.exit_code, 2) << secrets.err;

  std::string out = (dir.path() / "baseline.json").string();
  RunResult made = testing::twilint({"baseline", "create", (dir.path() / "settings.py").string(), "--output", out});
  EXPECT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.err.find("1 fingerprint of 1 finding written to " + out), std::string::npos) << made.err;
}

}  // namespace
}  // namespace twilint
