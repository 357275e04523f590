// Stage 1 (keyword automaton), stage 2 (patterns), validators and the JWT decoder.
#include <algorithm>
#include <random>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "match/keyword_automaton.h"
#include "match/matcher.h"
#include "match/validators.h"
#include "rules/loader.h"

namespace twilint {
namespace {

TEST(KeywordAutomaton, FindsOverlappingKeywordsCaseInsensitively) {
  match::KeywordAutomaton a({"twilio", "token", "auth_token", "he", "she", "hers"});
  std::vector<bool> seen(6, false);
  a.scan("my AUTH_TOKEN for Twilio; ushers", seen);
  EXPECT_TRUE(seen[0]);
  EXPECT_TRUE(seen[1]);
  EXPECT_TRUE(seen[2]);
  EXPECT_TRUE(seen[3]);
  EXPECT_TRUE(seen[4]);
  EXPECT_TRUE(seen[5]);
  std::vector<bool> none(6, false);
  a.scan("nothing relevant at all", none);
  EXPECT_EQ(none, std::vector<bool>(6, false));
}

TEST(KeywordAutomaton, HandlesArbitraryBytes) {
  match::KeywordAutomaton a({"ac"});
  std::string bytes = std::string("\xff\xfe\x00\x80", 4) + "xA" + std::string(1, '\0') + "Ac";
  std::vector<bool> seen(1, false);
  a.scan(bytes, seen);
  EXPECT_TRUE(seen[0]);
}

// Texts long enough for the interleaved lanes (4 KiB and up), keywords planted anywhere —
// including across the lanes' slice boundaries — must be seen exactly as a plain search sees them.
TEST(KeywordAutomaton, LanesAgreeWithAPlainSearchOnLongTexts) {
  const std::vector<std::string> keywords = {"ac", "twilio", "auth_token", "555", "accesstoken", "x"};
  match::KeywordAutomaton a(keywords);
  std::mt19937 rng(1234);
  const std::string filler = "bdfghjklmnopqrsuvwyzBDF019 \n{}()";  // no a, c, t, x or 5
  for (int round = 0; round < 300; ++round) {
    size_t size = std::vector<size_t>{100, 4095, 4096, 4099, 8191, 65536, 100003}[rng() % 7];
    std::string text(size, ' ');
    for (char& c : text) c = filler[rng() % filler.size()];
    int planted = static_cast<int>(rng() % 4);
    for (int i = 0; i < planted; ++i) {
      std::string k = keywords[rng() % keywords.size()];
      if (rng() % 2 != 0) std::transform(k.begin(), k.end(), k.begin(), ::toupper);
      size_t slice = (size + 3) / 4;
      // Half the time right across a slice boundary.
      size_t at = rng() % 2 != 0 ? std::min(size - k.size(), (1 + rng() % 3) * slice - rng() % k.size())
                                 : rng() % (size - k.size() + 1);
      text.replace(at, k.size(), k);
    }
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    std::vector<bool> expected(keywords.size());
    for (size_t k = 0; k < keywords.size(); ++k) expected[k] = lower.find(keywords[k]) != std::string::npos;
    std::vector<bool> seen(keywords.size(), false);
    a.scan(text, seen);
    ASSERT_EQ(seen, expected) << "round " << round << " size " << size;
  }
}

TEST(Validators, EntropyOfKnownStrings) {
  EXPECT_DOUBLE_EQ(match::shannon_entropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(match::shannon_entropy("abcd"), 2.0);
  EXPECT_DOUBLE_EQ(match::shannon_entropy("0123456789abcdef"), 4.0);
}

TEST(Validators, PlaceholdersByStructure) {
  for (const char* p : {"ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "AC00000000000000000000000000000000", "AC11111111111111111111111111111111",
                        "0123456789abcdef0123456789abcdef", "abababababababababababababababab",
                        "12341234123412341234123412341234", "your_auth_token_goes_here_12345678",
                        "fedcba9876543210fedcba9876543210", "deadbeefdeadbeefdeadbeefdeadbeef",
                        "aaaaaaaa1b2c3d4e5f60718293a4b5c6"}) {
    EXPECT_TRUE(match::looks_like_placeholder(p)) << p;
  }
  // Real tokens often have only 3.2-3.8 bits of entropy: structure, not entropy, decides.
  for (const char* real : {"e8d28a79023c39c200661fccd268a29a", "aea63367c29a80b21ead8f062d15a4f4",
                           "ACeee65f53e9421ce50211670eae679f02", "dfd9c9b9f89900715dc1ac1a27df8713",
                           "KaNQyyLaMeffOhq4AUvy7VSLDCD1IfHW"}) {
    EXPECT_FALSE(match::looks_like_placeholder(real)) << real;
  }
}

TEST(Validators, MixedAlnum) {
  EXPECT_TRUE(match::has_mixed_alnum("KaNQyyLaMeffOhq4AUvy7VSLDCD1IfHW"));
  EXPECT_FALSE(match::has_mixed_alnum("e8d28a79023c39c200661fccd268a29a"));
  EXPECT_FALSE(match::has_mixed_alnum("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"));
}

TEST(Validators, Base64Url) {
  EXPECT_EQ(match::base64url_decode("aGVsbG8"), "hello");
  EXPECT_EQ(match::base64url_decode("aGVsbG8="), "hello");
  EXPECT_EQ(match::base64url_decode("-_8"), std::string("\xfb\xff", 2));
  EXPECT_FALSE(match::base64url_decode("a").has_value());
  EXPECT_FALSE(match::base64url_decode("ab$d").has_value());
}

// A Twilio Access Token from the corpus (fake key and account).
constexpr const char* kTwilioJwt =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0."
    "eyJqdGkiOiJTS2IzYTYyZjMwMWY0NjUzNjU1OTMxNGUyM2FjZWRiZDZiLTE3NjA0MjQxNTkiLCJpc3MiOiJTS2IzYTYyZjMwMWY0NjUz"
    "NjU1OTMxNGUyM2FjZWRiZDZiIiwic3ViIjoiQUNjZDU2NjY0N2I1YWE2NjYzNDc0MjhjM2RkNDZjMDM2YiIsImV4cCI6MTc2MDQyNzc1"
    "OSwiZ3JhbnRzIjp7ImlkZW50aXR5IjoidXNlci01ODQiLCJ2b2ljZSI6eyJvdXRnb2luZyI6eyJhcHBsaWNhdGlvbl9zaWQiOiJBUDZh"
    "ODgzNWM0YWJkNWM2NTJhOWYzMGIxNzg5YTZjNTJjIn19fX0.9l9kCNpbY9G5OZ1Ql5e7ghNrgTpzsPGZ-uMwg6JiLMw";

TEST(TwilioJwt, DecodesClaims) {
  auto token = match::decode_twilio_access_token(kTwilioJwt);
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->api_key_sid, "SKb3a62f301f46536559314e23acedbd6b");
  EXPECT_EQ(token->account_sid, "ACcd566647b5aa666347428c3dd46c036b");
  EXPECT_EQ(token->identity, "user-584");
  EXPECT_EQ(token->expires, 1760427759);
  EXPECT_EQ(token->grants, "voice");
  std::string text = match::describe(*token);
  EXPECT_NE(text.find("identity user-584"), std::string::npos);
  EXPECT_NE(text.find("expires 2025-10-14T07:42:39Z"), std::string::npos) << text;
}

TEST(TwilioJwt, RejectsOtherJwts) {
  // Header {"alg":"HS256","typ":"JWT"} with a generic payload: not a Twilio Access Token.
  EXPECT_FALSE(match::decode_twilio_access_token(
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
      "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"));
  EXPECT_FALSE(match::decode_twilio_access_token("not.a.jwt"));
  EXPECT_FALSE(match::decode_twilio_access_token("eyJ9.eyJ9.x"));
}

rules::RuleSet load(const std::string& text) {
  auto set = rules::load_rules({{"test.toml", text}});
  if (!set) {
    for (const auto& e : set.errors()) ADD_FAILURE() << e.to_string();
    return {};
  }
  return std::move(*set);
}

TEST(Matcher, SecretGroupNearAndKeywords) {
  rules::RuleSet set = load(R"toml(
[[rules]]
id = "tok"
title = "T"
kind = "secret"
severity = "high"
keywords = ["token"]
[[rules.patterns]]
regex = '''token\s*=\s*"(?P<secret>[0-9a-f]{8})"'''
near = '''twilio'''
near_window = 20
)toml");
  match::Matcher m(set);
  std::string text = "// twilio\ntoken = \"0a1b2c3d\"\n";
  auto found = m.find(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].secret_begin, found[0].secret_end - found[0].secret_begin), "0a1b2c3d");
  // Context too far away: no match.
  EXPECT_TRUE(m.find("// twilio" + std::string(100, ' ') + "\ntoken = \"0a1b2c3d\"\n").empty());
  // Keyword absent: stage 2 never runs.
  EXPECT_FALSE(m.prefilter("nothing here")[0]);
  // Disabled by the caller.
  EXPECT_TRUE(m.find(text, {false}).empty());
}

TEST(Matcher, NotNearAndValidators) {
  rules::RuleSet set = load(R"toml(
[[rules]]
id = "hex"
title = "H"
kind = "secret"
severity = "high"
[[rules.patterns]]
regex = '''\b[0-9a-f]{32}\b'''
not_near = '''sha|md5'''
[rules.validators]
placeholder = true
)toml");
  match::Matcher m(set);
  EXPECT_EQ(m.find("x e8d28a79023c39c200661fccd268a29a y").size(), 1u);
  EXPECT_TRUE(m.find("md5 e8d28a79023c39c200661fccd268a29a").empty());
  EXPECT_TRUE(m.find("x 0123456789abcdef0123456789abcdef y").empty());
}

TEST(Matcher, FindsEveryOccurrenceInRawBytes) {
  rules::RuleSet set = load(R"toml(
[[rules]]
id = "sid"
title = "S"
kind = "identifier"
severity = "info"
pattern = '''\bAC[0-9a-f]{32}\b'''
)toml");
  match::Matcher m(set);
  std::string bytes = std::string("\xff\xfe\x80 ACeee65f53e9421ce50211670eae679f02 ", 38) + std::string(1, '\0') +
                      " AC7413e3b266f850f1578b5c72dc4ee60c\xc3";
  auto found = m.find(bytes);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_LT(found[0].begin, found[1].begin);
}

// A leading \b is checked by the matcher rather than RE2 (so RE2 can skip to the literal): the
// matches must be exactly those of the original regex, at every kind of boundary.
TEST(Matcher, LeadingWordBoundaryMeansWhatRe2Means) {
  const std::vector<std::string> patterns = {R"(\bAC[0-9a-f]{4}\b)", R"(\b(?P<secret>SK[0-9a-f]{4}))",
                                             R"(\b-x[0-9]+)",         R"(\bfoo|bar)",
                                             R"(\b[(]AC\))",          R"(\b(?:ab|cd)\b)"};
  const std::vector<std::string> texts = {"AC12ab AC34cd",       "xAC12ab _AC12ab 9AC12ab -AC12ab",
                                          "ACAC12ab AC12abc AC12ab", "SK1234 aSK1234 SK12345",
                                          "a-x1 -x2 _-x3",       "foo afoo bar abar",
                                          "(AC) a(AC)",          "ab cd abcd xab_cd cd",
                                          "",                    "AC12ab"};
  for (const std::string& pattern : patterns) {
    std::string toml = "[[rules]]\nid = \"r\"\ntitle = \"R\"\nkind = \"identifier\"\nseverity = \"info\"\n"
                       "pattern = '''" + pattern + "'''\n";
    rules::RuleSet set = load(toml);
    ASSERT_EQ(set.rules.size(), 1u) << pattern;
    match::Matcher m(set);
    RE2 original(pattern);
    ASSERT_TRUE(original.ok()) << pattern;
    for (const std::string& text : texts) {
      std::vector<std::pair<size_t, size_t>> expected;
      re2::StringPiece match;
      size_t pos = 0;
      while (pos <= text.size() && original.Match(text, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
        size_t begin = static_cast<size_t>(match.data() - text.data());
        expected.emplace_back(begin, begin + match.size());
        pos = match.size() > 0 ? begin + match.size() : begin + 1;
      }
      std::vector<std::pair<size_t, size_t>> got;
      for (const match::RawMatch& r : m.find(text)) got.emplace_back(r.begin, r.end);
      EXPECT_EQ(got, expected) << "pattern " << pattern << " on \"" << text << "\"";
    }
  }
}

TEST(Matcher, PatternKeywordsGateEachPatternOnItsOwn) {
  rules::RuleSet set = load(R"toml(
[[rules]]
id = "two"
title = "T"
kind = "misuse"
severity = "low"
keywords = ["alpha", "beta"]
[[rules.patterns]]
keywords = ["alpha"]
regex = '''value=(?P<secret>\d+)'''
[[rules.patterns]]
regex = '''other=(?P<secret>\d+)'''
[[rules.patterns]]
keywords = ["gamma"]
regex = '''third=(?P<secret>\d+)'''
)toml");
  match::Matcher m(set);
  // Pattern 1 needs "alpha"; pattern 2 only the rule's keywords; pattern 3 needs "gamma" and one of
  // the rule's keywords (a pattern's keywords narrow its rule's, never widen them).
  EXPECT_TRUE(m.find("gamma third=3").empty());
  EXPECT_EQ(m.find("beta gamma third=3").size(), 1u);
  EXPECT_TRUE(m.find("beta value=1").empty());
  EXPECT_EQ(m.find("alpha value=1").size(), 1u);
  EXPECT_EQ(m.find("beta other=2").size(), 1u);
  EXPECT_EQ(m.find("alpha value=1 other=2").size(), 2u);
  EXPECT_TRUE(m.find("value=1 other=2").empty());
  EXPECT_TRUE(m.prefilter("beta")[0]);
  EXPECT_FALSE(m.prefilter("gamma")[0]);
}

}  // namespace
}  // namespace twilint
