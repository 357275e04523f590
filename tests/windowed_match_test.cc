// The windowed stage 2 (patterns run only around their required literals, gated per rule file)
// must find exactly what the straightforward scan finds: every pattern over the whole blob.
// Compared match for match on the labeled corpus and on generated blobs built to stress it:
// matches at window edges, overlapping and dense hits, long whitespace runs and lines, the
// non-ASCII letters that fold to ASCII, blobs large enough for the gate.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "match/matcher.h"
#include "rules/embedded.h"
#include "rules/pattern_shape.h"
#include "rules/regex_compile.h"
#include "support/test_support.h"

namespace twilint {
namespace {

using rules::LengthBound;
using rules::max_match_length;

std::string describe(const match::RawMatch& m) {
  return std::to_string(m.rule_index) + "@" + std::to_string(m.begin) + "-" + std::to_string(m.end) + " secret " +
         std::to_string(m.secret_begin) + "-" + std::to_string(m.secret_end) + " " + m.detail;
}

class WindowedMatchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pack_ = new rules::RuleSet(std::move(*rules::load_embedded_rules())); }
  static void TearDownTestSuite() {
    delete pack_;
    pack_ = nullptr;
  }

  void expect_same(const std::string& bytes, const std::string& what) {
    static const match::Matcher windowed(*pack_);
    static const match::Matcher whole(*pack_, match::MatcherOptions{true});
    std::vector<match::RawMatch> expected = whole.find(bytes);
    std::vector<match::RawMatch> actual = windowed.find(bytes);
    ASSERT_EQ(expected.size(), actual.size()) << what;
    for (size_t i = 0; i < expected.size(); ++i) ASSERT_EQ(describe(expected[i]), describe(actual[i])) << what;
    matches_ += expected.size();
  }

  static rules::RuleSet* pack_;
  size_t matches_ = 0;
};

rules::RuleSet* WindowedMatchTest::pack_ = nullptr;

TEST(PatternShapeTest, BoundsFixedLengths) {
  EXPECT_EQ(max_match_length("abc")->fixed, 3u);
  EXPECT_EQ(max_match_length("a{2,5}b?")->fixed, 6u);
  EXPECT_EQ(max_match_length("(?P<secret>[0-9a-f]{32})")->fixed, 32u);
  EXPECT_EQ(max_match_length("\\bAC[0-9a-f]{32}\\b")->fixed, 34u);
  EXPECT_EQ(max_match_length("foo|barbaz")->fixed, 6u);
}

TEST(PatternShapeTest, CountsNonAsciiAndFoldedCharactersAsFourBytes) {
  EXPECT_EQ(max_match_length(".")->fixed, 4u);
  EXPECT_EQ(max_match_length("[^a]")->fixed, 4u);
  EXPECT_EQ(max_match_length("(?i)k")->fixed, 4u);  // also U+212A KELVIN SIGN
  EXPECT_EQ(max_match_length("(?i:s)x")->fixed, 5u);
  EXPECT_EQ(max_match_length("(?i)[_.\\-]")->fixed, 1u);
  EXPECT_EQ(max_match_length("é")->fixed, 4u);
}

TEST(PatternShapeTest, BoundsRunsByTheText) {
  auto ws = max_match_length("a\\s*=[ \\t]+b");
  ASSERT_TRUE(ws);
  EXPECT_EQ(ws->fixed, 3u);
  EXPECT_EQ(ws->whitespace_runs, 2u);
  EXPECT_EQ(ws->line_runs, 0u);
  auto lines = max_match_length("x(?:[^\\n]*\\n){0,3}\\w+");
  ASSERT_TRUE(lines);
  EXPECT_EQ(lines->fixed, 4u);
  EXPECT_EQ(lines->line_runs, 4u);
}

TEST(PatternShapeTest, UnboundedOrUnknownGivesNothing) {
  EXPECT_FALSE(max_match_length("(?:ab)*"));
  EXPECT_FALSE(max_match_length("[^,()]*"));  // can take newlines: no run bound
  EXPECT_FALSE(max_match_length("(?s).*"));
  EXPECT_FALSE(max_match_length("\\pL+"));
  EXPECT_FALSE(max_match_length("[[:alpha:]]"));
  EXPECT_FALSE(max_match_length("(abc"));
  EXPECT_FALSE(rules::analyze_shape("(?:ab)*x").windowable());
}

TEST(PatternShapeTest, AnchorsAreLiteralsEveryMatchContains) {
  rules::PatternShape sid = rules::analyze_shape("AC[0-9a-f]{32}\\b");
  ASSERT_TRUE(sid.windowable());
  EXPECT_EQ(sid.anchors, std::vector<std::string>{"ac"});
  EXPECT_TRUE(rules::analyze_shape("[0-9a-f]{32}").anchors.empty());  // no literal at all
}

// Generated Twilio-heavy blobs: the pack's own examples (real positives) between filler, with
// the things windows could get wrong.
std::string generated_blob(const rules::RuleSet& pack, std::mt19937_64& rng, size_t size) {
  std::vector<std::string> pieces;
  for (const rules::Rule& rule : pack.rules) {
    for (const rules::Example& e : rule.examples) pieces.push_back(e.text);
    for (const rules::Example& e : rule.negative_examples) pieces.push_back(e.text);
  }
  static const char* kFiller[] = {
      "const client = require('twilio')(accountSid, authToken);\n",
      "    account_sid = os.environ['TWILIO_ACCOUNT_SID']\n",
      "<div class=\"api-key\"><span>token</span> <code>auth_token</code></div>\n",
      "for (let i = 0; i < n; ++i) { total += price[i]; }\n",
      "etag: \"0123456789abcdef0123456789abcdef\"\n",
      "AC", "SK", "auth", "token", "=", ":", "\"", "(", ")", ",", "\n",
  };
  std::string out;
  while (out.size() < size) {
    switch (rng() % 8) {
      case 0: out += std::string(1 + rng() % 300, ' '); break;          // a long whitespace run
      case 1: out += std::string(1 + rng() % 3000, 'x'); break;         // a long line
      case 2: out += kFiller[rng() % (sizeof kFiller / sizeof *kFiller)]; break;
      case 3: {                                                          // a piece cut at a random point
        const std::string& p = pieces[rng() % pieces.size()];
        out += p.substr(rng() % (p.size() + 1));
        break;
      }
      default: out += pieces[rng() % pieces.size()]; break;
    }
    if (rng() % 200 == 0) out += rng() % 2 ? "\xe2\x84\xaa" : "\xc5\xbf";  // KELVIN SIGN, LONG S
  }
  return out;
}

TEST_F(WindowedMatchTest, SameMatchesAsWholeBlobOnGeneratedBlobs) {
  std::mt19937_64 rng(20261202);
  for (size_t size : {200u, 2000u, 20000u, 70000u, 300000u}) {
    for (int round = 0; round < 6; ++round) {
      std::string blob = generated_blob(*pack_, rng, size);
      expect_same(blob, "generated blob of " + std::to_string(size) + " bytes, round " + std::to_string(round));
    }
  }
  EXPECT_GT(matches_, 500u);  // the blobs really exercise the rules
}

TEST_F(WindowedMatchTest, SameMatchesWhereTheMatchTouchesAWindowEdge) {
  // One example at every offset from the start and end of a blob, padded by text that may extend
  // a match (spaces, word bytes) or not (newlines).
  size_t examples = 0;
  for (const rules::Rule& rule : pack_->rules) {
    for (const rules::Example& e : rule.examples) {
      if (++examples % 3 != 0) continue;
      for (const char* pad : {" ", "a", "\n"}) {
        for (size_t n : {0u, 1u, 2u, 33u, 400u}) {
          std::string padding;
          for (size_t k = 0; k < n; ++k) padding += pad;
          expect_same(padding + e.text, rule.id + " after padding");
          expect_same(e.text + padding, rule.id + " before padding");
          expect_same(e.text + padding + e.text, rule.id + " twice");
        }
      }
    }
  }
}

TEST_F(WindowedMatchTest, SameMatchesOnTheCorpus) {
  namespace fs = std::filesystem;
  fs::path tree = fs::path(testing::corpus_dir()) / "tree";
  ASSERT_TRUE(fs::is_directory(tree)) << tree;
  size_t files = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(tree)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    expect_same(content.str(), entry.path().string());
    ++files;
  }
  EXPECT_GT(files, 10u);
  EXPECT_GT(matches_, 10u);
}

// Each shipped pattern's shape holds for every match the regex finds in generated text: the match
// contains one of its literals and is no longer than its bound for that text.
TEST_F(WindowedMatchTest, ShippedShapesHoldForEveryMatch) {
  std::mt19937_64 rng(7);
  std::string text = generated_blob(*pack_, rng, 400000);
  size_t longest_space = 0, longest_line = 0, space = 0, line = 0;
  for (char c : text) {
    space = (c == ' ' || (c >= '\t' && c <= '\r')) ? space + 1 : 0;
    line = c == '\n' ? 0 : line + 1;
    longest_space = std::max(longest_space, space);
    longest_line = std::max(longest_line, line);
  }
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t windowable = 0, checked = 0;
  for (const rules::Rule& rule : pack_->rules) {
    for (const rules::Pattern& p : rule.patterns) {
      if (!p.shape.windowable()) continue;
      ++windowable;
      RE2 re(rules::regex_as_compiled(p));
      re2::StringPiece m;
      size_t pos = 0;
      while (pos < text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
        size_t begin = static_cast<size_t>(m.data() - text.data());
        std::string_view span(lower.data() + begin, m.size());
        bool anchored = false;
        for (const std::string& a : p.shape.anchors) anchored = anchored || span.find(a) != std::string_view::npos;
        EXPECT_TRUE(anchored) << rule.id << ": " << p.source;
        EXPECT_LE(m.size(), p.shape.max_length->for_text(longest_space, longest_line)) << rule.id << ": " << p.source;
        ++checked;
        pos = begin + std::max<size_t>(1, m.size());
      }
    }
  }
  EXPECT_GT(windowable, 20u);
  EXPECT_GT(checked, 100u);
}

}  // namespace
}  // namespace twilint
