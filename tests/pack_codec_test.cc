// The pre-parsed rule pack: what start-up decodes must be exactly what the TOML loader gives, and
// corrupt pack bytes must be an error, never a crash or a half-loaded pack.
#include <gtest/gtest.h>

#include "rules/embedded.h"
#include "rules/loader.h"
#include "rules/pack_codec.h"

namespace twilint {
namespace {

void expect_same_examples(const std::vector<rules::Example>& a, const std::vector<rules::Example>& b,
                          const std::string& id) {
  ASSERT_EQ(a.size(), b.size()) << id;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].path, b[i].path) << id;
    EXPECT_EQ(a[i].text, b[i].text) << id;
    EXPECT_EQ(a[i].line, b[i].line) << id;
  }
}

void expect_same_rule(const rules::Rule& a, const rules::Rule& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.title, b.title) << a.id;
  EXPECT_EQ(a.kind, b.kind) << a.id;
  EXPECT_EQ(a.severity, b.severity) << a.id;
  ASSERT_EQ(a.patterns.size(), b.patterns.size()) << a.id;
  for (size_t i = 0; i < a.patterns.size(); ++i) {
    const rules::Pattern& pa = a.patterns[i];
    const rules::Pattern& pb = b.patterns[i];
    EXPECT_EQ(pa.source, pb.source) << a.id;
    EXPECT_EQ(pa.near_source, pb.near_source) << a.id;
    EXPECT_EQ(pa.not_near_source, pb.not_near_source) << a.id;
    EXPECT_EQ(pa.near_window, pb.near_window) << a.id;
    EXPECT_EQ(pa.keywords, pb.keywords) << a.id;
    // The decoded side compiles lazily, here: every shipped regex must compile to the same program.
    const rules::CompiledPattern& ca = pa.compiled();
    const rules::CompiledPattern& cb = pb.compiled();
    ASSERT_TRUE(cb.regex->ok()) << a.id << ": " << cb.regex->error();
    EXPECT_EQ(ca.secret_group, cb.secret_group) << a.id;
    ASSERT_EQ(ca.near == nullptr, cb.near == nullptr) << a.id;
    if (cb.near) {
      EXPECT_TRUE(cb.near->ok()) << a.id;
    }
    ASSERT_EQ(ca.not_near == nullptr, cb.not_near == nullptr) << a.id;
    if (cb.not_near) {
      EXPECT_TRUE(cb.not_near->ok()) << a.id;
    }
  }
  EXPECT_EQ(a.keywords, b.keywords) << a.id;
  EXPECT_EQ(a.validators.min_entropy, b.validators.min_entropy) << a.id;
  EXPECT_EQ(a.validators.reject_placeholders, b.validators.reject_placeholders) << a.id;
  EXPECT_EQ(a.validators.mixed_alnum, b.validators.mixed_alnum) << a.id;
  EXPECT_EQ(a.validators.decoder, b.validators.decoder) << a.id;
  EXPECT_EQ(a.paths.include, b.paths.include) << a.id;
  EXPECT_EQ(a.paths.exclude, b.paths.exclude) << a.id;
  EXPECT_EQ(a.priority, b.priority) << a.id;
  EXPECT_EQ(a.pairs_with, b.pairs_with) << a.id;
  EXPECT_EQ(a.fix, b.fix) << a.id;
  EXPECT_EQ(a.guidance, b.guidance) << a.id;
  EXPECT_EQ(a.references, b.references) << a.id;
  expect_same_examples(a.examples, b.examples, a.id);
  expect_same_examples(a.negative_examples, b.negative_examples, a.id);
  EXPECT_EQ(a.file, b.file) << a.id;
  EXPECT_EQ(a.line, b.line) << a.id;
}

TEST(RulePackCodec, EmbeddedPackEqualsTheTomlSources) {
  auto from_toml = rules::load_rules(rules::embedded_sources());
  ASSERT_TRUE(from_toml);
  auto from_pack = rules::load_embedded_rules();
  ASSERT_TRUE(from_pack) << from_pack.errors().front().to_string();
  EXPECT_EQ(from_toml->digest, from_pack->digest) << "the history cache key must not depend on the load path";
  ASSERT_EQ(from_toml->rules.size(), from_pack->rules.size());
  for (size_t i = 0; i < from_toml->rules.size(); ++i) expect_same_rule(from_toml->rules[i], from_pack->rules[i]);
}

TEST(RulePackCodec, RoundTripsAUserRuleWithEveryField) {
  auto set = rules::load_rules({{"mine.toml", R"(
[[rules]]
id = "acme-key"
title = "Acme key"
kind = "misuse"
severity = "high"
priority = 7
keywords = ["acme"]
pairs_with = ["acme-key"]
fix = "rotate it"
guidance = "long text"
references = ["https://example.com"]
validators = { min_entropy = 2.5, placeholder = true, mixed_alnum = true }
paths = { include = ["src/**"], exclude = ["@client"] }
examples = [{ path = "src/a.py", text = "acme_ABCdef123" }]
negative_examples = ["acme_xxx"]
[[rules.patterns]]
regex = '''acme_(?P<secret>\w+)'''
near = 'a'
not_near = 'b'
near_window = 9
keywords = ["acme_"]
)"}});
  ASSERT_TRUE(set) << set.errors().front().to_string();
  auto back = rules::decode_rule_set(rules::encode_rule_set(*set), "test");
  ASSERT_TRUE(back) << back.errors().front().to_string();
  ASSERT_EQ(back->rules.size(), 1u);
  expect_same_rule(set->rules[0], back->rules[0]);
  EXPECT_EQ(back->rules[0].patterns[0].compiled().secret_group, 1);
}

TEST(RulePackCodec, EveryTruncationIsAnErrorNotACrash) {
  std::string bytes(rules::embedded_pack_bytes());
  // Every prefix length would take minutes (each decode compiles regexes); a spread of cut points
  // covers the header, counts, strings and the last byte.
  for (size_t cut : {size_t{0}, size_t{5}, size_t{19}, size_t{23}, size_t{64}, bytes.size() / 3, bytes.size() / 2,
                     bytes.size() - 5, bytes.size() - 1}) {
    auto r = rules::decode_rule_set(std::string_view(bytes).substr(0, cut), "pack");
    EXPECT_FALSE(r) << "cut at " << cut;
  }
  auto trailing = rules::decode_rule_set(bytes + "x", "pack");
  EXPECT_FALSE(trailing);
}

TEST(RulePackCodec, CorruptCountsAreErrorsAndCorruptRegexesMatchNothing) {
  std::string bytes(rules::embedded_pack_bytes());
  std::string huge_count = bytes;
  // The rule count follows the magic (19 bytes) and the digest (4-byte length + 64 hex).
  size_t count_at = 19 + 4 + 64;  // "twilint-rulepack-N\n" is 19 bytes
  ASSERT_LT(count_at + 4, huge_count.size());
  huge_count[count_at + 3] = '\x7f';
  EXPECT_FALSE(rules::decode_rule_set(huge_count, "pack"));

  std::string wrong_magic = bytes;
  wrong_magic[0] = 'X';
  auto r = rules::decode_rule_set(wrong_magic, "pack");
  ASSERT_FALSE(r);
  EXPECT_NE(r.errors().front().message.find("not a twilint rule pack"), std::string::npos);

  // A pattern source that no longer compiles (an unbalanced parenthesis): it matches nothing, it
  // does not crash the scan. (The build checks every shipped regex, so this needs a corrupt pack.)
  std::string bad_regex = bytes;
  size_t at = bad_regex.find(R"(\b(?P<secret>AC[0-9a-f]{32})\b)");
  ASSERT_NE(at, std::string::npos);
  bad_regex[at + 2] = ')';
  auto e = rules::decode_rule_set(bad_regex, "pack");
  ASSERT_TRUE(e);
  const rules::CompiledPattern& c = e->find("twilio-account-sid")->patterns[0].compiled();
  EXPECT_FALSE(c.regex->ok());
  EXPECT_FALSE(RE2::PartialMatch("AC0123456789abcdef0123456789abcdef", *c.regex));
}

TEST(RulePackCodec, UserRulesLoadOnTopOfThePack) {
  auto pack = rules::load_embedded_rules();
  ASSERT_TRUE(pack);
  std::string pack_digest = pack->digest;
  size_t shipped = pack->rules.size();
  auto merged = rules::load_rules({{"mine.toml", "[[rules]]\nid = \"mine\"\ntitle = \"t\"\nkind = \"secret\"\n"
                                                 "severity = \"low\"\npattern = 'x'\n"}},
                                  std::move(*pack));
  ASSERT_TRUE(merged) << merged.errors().front().to_string();
  EXPECT_EQ(merged->rules.size(), shipped + 1);
  EXPECT_NE(merged->digest, pack_digest) << "a user rule must change the cache key";

  auto again = rules::load_embedded_rules();
  auto duplicate = rules::load_rules({{"mine.toml", "[[rules]]\nid = \"twilio-auth-token\"\ntitle = \"t\"\n"
                                                    "kind = \"secret\"\nseverity = \"low\"\npattern = 'x'\n"}},
                                     std::move(*again));
  ASSERT_FALSE(duplicate);
  EXPECT_NE(duplicate.errors().front().message.find("duplicate rule id 'twilio-auth-token'"), std::string::npos);
}

}  // namespace
}  // namespace twilint
