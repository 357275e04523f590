// The config applied to the rules once (config/effective_rules.h): [rules] disable, [severity]
// overrides, and each rule's include/exclude paths with @production and @client expanded.
#include "config/effective_rules.h"

#include <gtest/gtest.h>

#include "rules/loader.h"

namespace twilint::config {
namespace {

constexpr const char* kRules = R"(
[[rules]]
id = "everywhere"
title = "Anywhere"
kind = "secret"
severity = "high"
fix = "rotate it"
pattern = '''tok_(?P<secret>[0-9a-f]{8})'''

[[rules]]
id = "prod-only"
title = "Production only"
kind = "misuse"
severity = "medium"
fix = "use a key"
pattern = '''PROD=(?P<secret>\S+)'''
[rules.paths]
include = ["@production"]
exclude = ["**/legacy/**"]

[[rules]]
id = "not-client"
title = "Not client code"
kind = "misuse"
severity = "low"
fix = "move it"
pattern = '''SRV=(?P<secret>\S+)'''
[rules.paths]
exclude = ["@client"]
)";

class EffectiveRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto set = rules::load_rules({{"effective.toml", kRules}});
    ASSERT_TRUE(set) << set.errors().front().to_string();
    rules_ = std::move(*set);
  }
  Config with(const std::string& text) {
    auto c = parse_config(text, "/repo/.twilint.toml");
    EXPECT_TRUE(c) << (c ? "" : c.errors().front().to_string());
    return c ? *c : default_config();
  }
  rules::RuleSet rules_;
};

TEST_F(EffectiveRulesTest, TheDefaultsAreTheRulesOwn) {
  EffectiveRules effective(rules_, default_config());
  ASSERT_EQ(effective.size(), 3u);
  EXPECT_TRUE(effective[0].enabled);
  EXPECT_EQ(effective[0].severity, model::Severity::kHigh);
  EXPECT_EQ(effective[1].severity, model::Severity::kMedium);
  EXPECT_TRUE(effective.applies(0, "src/app.py"));
}

TEST_F(EffectiveRulesTest, DisabledRulesAndSeverityOverridesApply) {
  EffectiveRules effective(rules_, with("[rules]\ndisable = [\"everywhere\"]\n[severity]\nprod-only = \"critical\"\n"));
  EXPECT_FALSE(effective[0].enabled);
  EXPECT_FALSE(effective.applies(0, "src/app.py"));
  EXPECT_EQ(effective[1].severity, model::Severity::kCritical);
  EXPECT_EQ(effective[2].severity, model::Severity::kLow);
}

TEST_F(EffectiveRulesTest, ProductionAndClientStandForTheConfigsPathSets) {
  EffectiveRules effective(rules_, with("[production]\npaths = [\"deploy/live/**\"]\n[client]\npaths = [\"web/**\"]\n"));
  EXPECT_TRUE(effective.applies(1, "deploy/live/app.env"));
  EXPECT_FALSE(effective.applies(1, "src/app.py"));             // not production
  EXPECT_FALSE(effective.applies(1, "deploy/live/legacy/a.env"));  // the rule's own exclude
  EXPECT_TRUE(effective.applies(2, "server/main.go"));
  EXPECT_FALSE(effective.applies(2, "web/index.js"));  // client code is excluded
}

}  // namespace
}  // namespace twilint::config
