// Every input the fuzzers (tests/fuzz, docs/fuzzing.md) crashed on, replayed through the same
// entry points in the ordinary suite, so each fix is checked by every build, with or without
// clang. Each input lives in tests/fuzz/regressions/<target>/ as libFuzzer saved it.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "config/config.h"
#include "rules/loader.h"
#include "git/index_file.h"
#include "support/test_support.h"
#include "util/encoding.h"

namespace twilint {
namespace {

namespace fs = std::filesystem;

std::string regression(const std::string& target, const std::string& name) {
  return testing::read_file(testing::source_dir() + "/tests/fuzz/regressions/" + target + "/" + name);
}

// toml11 3.7 read out of bounds (heap-buffer-overflow in location::reset) while reporting
// invalid UTF-8 inside a multi-line literal string; twilint now rejects non-UTF-8 TOML first.
TEST(FuzzRegression, RuleFileWithInvalidUtf8InAStringIsAnErrorWithItsLine) {
  std::string text = regression("fuzz_rules", "crash-811e7c5885bfb3604e9f7e2d790fc9c5cc1c22d6");
  auto loaded = rules::load_rules({{"fuzz.toml", text}});
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.errors().front().message.find("invalid UTF-8"), std::string::npos)
      << loaded.errors().front().to_string();
  EXPECT_GT(loaded.errors().front().line, 1);
}

// The same toml11 bug through a literal-string key of a .twilint.toml.
TEST(FuzzRegression, ConfigWithInvalidUtf8InAKeyIsAnError) {
  std::string text = regression("fuzz_config", "crash-ff9dd57b2bbb4890c19a08345d9ad7d632437a93");
  auto config = config::parse_config(text, "/fuzz/.twilint.toml");
  ASSERT_FALSE(config);
  EXPECT_NE(config.errors().front().message.find("invalid UTF-8"), std::string::npos)
      << config.errors().front().to_string();
}

// A split-index bitmap that declared 2^32 bits was decoded before the shared index was read:
// 16 GiB of positions. Bitmaps are now decoded only against the shared index's entry count.
TEST(FuzzRegression, SplitIndexBitmapCannotClaimMoreEntriesThanTheSharedIndexHas) {
  testing::TempDir dir;
  std::string bytes = regression("fuzz_git_index", "oom-a679981f927763a1633d18b02334fbfd36730ce1");
  dir.write("index", bytes);
  std::string why;
  auto index = git::read_index_file((dir.path() / "index").string(), dir.str(), &why);
  EXPECT_FALSE(index);  // its shared index is missing: an error, after a bounded amount of work
  EXPECT_FALSE(why.empty());
}

TEST(Utf8Validation, AcceptsWellFormedAndPinpointsTheFirstBadByte) {
  EXPECT_EQ(util::first_invalid_utf8("plain ascii\n"), std::nullopt);
  EXPECT_EQ(util::first_invalid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x91"), std::nullopt);
  EXPECT_EQ(util::first_invalid_utf8("ab\xff"), 2u);          // never a UTF-8 byte
  EXPECT_EQ(util::first_invalid_utf8("a\xc3"), 1u);           // truncated sequence
  EXPECT_EQ(util::first_invalid_utf8("a\xc0\xaf"), 1u);       // overlong '/'
  EXPECT_EQ(util::first_invalid_utf8("\xe0\x80\xaf"), 0u);    // overlong, three bytes
  EXPECT_EQ(util::first_invalid_utf8("x\xed\xa0\x80"), 1u);   // a UTF-16 surrogate
  EXPECT_EQ(util::first_invalid_utf8("\xf4\x90\x80\x80"), 0u);  // past U+10FFFF
  EXPECT_EQ(util::first_invalid_utf8("\xe2\x82"), 0u);
  EXPECT_EQ(util::first_invalid_utf8("\xe2\x28\xa1"), 0u);    // bad continuation
}

TEST(Utf8Validation, RuleAndConfigErrorsNameTheLine) {
  auto loaded = rules::load_rules({{"mine.toml", "[[rules]]\nid = \"x\"\ntitle = \"bad \xff byte\"\n"}});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.errors().front().to_string(),
            "mine.toml:3: invalid UTF-8 at byte 32 (rule and config files must be UTF-8)");
}

}  // namespace
}  // namespace twilint
