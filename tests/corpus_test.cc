// Scores ../shared/corpus with its own score.py: the four secret rules, then every rule.
#include <gtest/gtest.h>

#include "support/test_support.h"

namespace twilint {
namespace {

void score(const std::vector<std::string>& extra) {
  testing::TempDir dir;
  std::string report = dir.str() + "/report.json";
  std::string tree = testing::corpus_dir() + "/tree";
  auto scan = testing::twilint({"scan", tree, "--format", "json", "--output", report, "--fail-on", "none"});
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  std::vector<std::string> argv{"python3", testing::corpus_dir() + "/score.py", testing::corpus_dir() + "/labels.json",
                                report, tree, "--min-recall", "0.95", "--min-precision", "0.95"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto r = testing::run(argv);
  std::cout << r.out;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(Corpus, SecretRulesReachRecallAndPrecision) {
  score({"--only", "twilio-auth-token,twilio-api-key-secret,twilio-credential-url,twilio-access-token"});
}

TEST(Corpus, AllRulesReachRecallAndPrecision) { score({}); }

}  // namespace
}  // namespace twilint
