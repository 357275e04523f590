#include "match/matcher.h"

#include <algorithm>
#include <map>

#include "match/validators.h"

namespace twilint::match {
namespace {

// Validates a candidate's secret; fills `detail` from decoders.
bool validate(const rules::Validators& v, std::string_view secret, std::string& detail) {
  if (v.min_entropy > 0 && shannon_entropy(secret) < v.min_entropy) return false;
  if (v.reject_placeholders && looks_like_placeholder(secret)) return false;
  if (v.mixed_alnum && !has_mixed_alnum(secret)) return false;
  if (v.decoder == "twilio-jwt") {
    auto token = decode_twilio_access_token(secret);
    if (!token) return false;
    detail = describe(*token);
  }
  return true;
}

bool context_matches(const RE2& re, std::string_view bytes, size_t begin, size_t end, int window) {
  size_t from = begin > static_cast<size_t>(window) ? begin - static_cast<size_t>(window) : 0;
  size_t to = std::min(bytes.size(), end + static_cast<size_t>(window));
  return RE2::PartialMatch(bytes.substr(from, to - from), re);
}

bool is_word_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// RE2's \b (ASCII word characters) at offset `at` of `bytes`.
bool is_word_boundary(std::string_view bytes, size_t at) {
  bool before = at > 0 && is_word_byte(bytes[at - 1]);
  bool after = at < bytes.size() && is_word_byte(bytes[at]);
  return before != after;
}

}  // namespace

Matcher::Matcher(const rules::RuleSet& rules) : rules_(rules) {
  std::map<std::string, int> keyword_ids;
  std::vector<std::string> keywords;
  auto id_of = [&](const std::string& k) {
    auto [it, inserted] = keyword_ids.emplace(k, static_cast<int>(keywords.size()));
    if (inserted) {
      keywords.push_back(k);
      rules_of_keyword_.emplace_back();
      patterns_of_keyword_.emplace_back();
    }
    return static_cast<size_t>(it->second);
  };
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    const rules::Rule& rule = rules.rules[i];
    if (rule.keywords.empty()) always_rules_.push_back(static_cast<int>(i));
    for (const std::string& k : rule.keywords) rules_of_keyword_[id_of(k)].push_back(static_cast<int>(i));
    for (size_t j = 0; j < rule.patterns.size(); ++j) {
      for (const std::string& k : rule.patterns[j].keywords) {
        patterns_of_keyword_[id_of(k)].push_back(PatternRef{static_cast<int>(i), static_cast<int>(j)});
      }
    }
  }
  automaton_ = KeywordAutomaton(keywords);
}

std::vector<std::vector<bool>> Matcher::hit_patterns(std::string_view bytes) const {
  std::vector<bool> seen(automaton_.keyword_count(), false);
  automaton_.scan(bytes, seen);
  std::vector<bool> rule_hit(rules_.rules.size(), false);
  for (int i : always_rules_) rule_hit[static_cast<size_t>(i)] = true;
  // A pattern with keywords of its own runs only when one of them occurs too.
  std::vector<std::vector<bool>> own_hit(rules_.rules.size());
  for (size_t i = 0; i < own_hit.size(); ++i) {
    const rules::Rule& rule = rules_.rules[i];
    own_hit[i].resize(rule.patterns.size());
    for (size_t j = 0; j < rule.patterns.size(); ++j) own_hit[i][j] = rule.patterns[j].keywords.empty();
  }
  for (size_t k = 0; k < seen.size(); ++k) {
    if (!seen[k]) continue;
    for (int i : rules_of_keyword_[k]) rule_hit[static_cast<size_t>(i)] = true;
    for (const PatternRef& ref : patterns_of_keyword_[k]) {
      own_hit[static_cast<size_t>(ref.rule)][static_cast<size_t>(ref.pattern)] = true;
    }
  }
  for (size_t i = 0; i < own_hit.size(); ++i) {
    if (rule_hit[i]) continue;
    own_hit[i].assign(own_hit[i].size(), false);
  }
  return own_hit;
}

std::vector<bool> Matcher::prefilter(std::string_view bytes) const {
  std::vector<std::vector<bool>> patterns = hit_patterns(bytes);
  std::vector<bool> hit(rules_.rules.size(), false);
  for (size_t i = 0; i < hit.size(); ++i) {
    for (bool p : patterns[i]) hit[i] = hit[i] || p;
  }
  return hit;
}

std::vector<RawMatch> Matcher::find(std::string_view bytes, const std::vector<bool>& enabled) const {
  std::vector<RawMatch> out;
  std::vector<std::vector<bool>> hit = hit_patterns(bytes);
  for (size_t i = 0; i < rules_.rules.size(); ++i) {
    if (!enabled.empty() && !enabled[i]) continue;
    const rules::Rule& rule = rules_.rules[i];
    for (size_t j = 0; j < rule.patterns.size(); ++j) {
      if (!hit[i][j]) continue;
      const rules::Pattern& source = rule.patterns[j];
      const rules::CompiledPattern& pattern = source.compiled();
      int groups = pattern.regex->NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> caps(static_cast<size_t>(groups));
      size_t pos = 0;
      while (pos <= bytes.size() &&
             pattern.regex->Match(bytes, pos, bytes.size(), RE2::UNANCHORED, caps.data(), groups)) {
        size_t begin = static_cast<size_t>(caps[0].data() - bytes.data());
        size_t end = begin + caps[0].size();
        if (pattern.boundary_first && !is_word_boundary(bytes, begin)) {
          pos = begin + 1;  // what a leading \b would do: no match can start here, look further
          continue;
        }
        pos = end > begin ? end : begin + 1;
        const re2::StringPiece& secret = caps[static_cast<size_t>(pattern.secret_group)];
        if (secret.data() == nullptr) continue;  // the secret group did not take part in this match
        RawMatch m;
        m.rule_index = static_cast<int>(i);
        m.begin = begin;
        m.end = end;
        m.secret_begin = static_cast<size_t>(secret.data() - bytes.data());
        m.secret_end = m.secret_begin + secret.size();
        if (pattern.near && !context_matches(*pattern.near, bytes, begin, end, source.near_window)) continue;
        if (pattern.not_near && context_matches(*pattern.not_near, bytes, begin, end, source.near_window)) continue;
        if (!validate(rule.validators, std::string_view(secret.data(), secret.size()), m.detail)) continue;
        out.push_back(std::move(m));
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const RawMatch& a, const RawMatch& b) {
    return std::tie(a.begin, a.rule_index, a.secret_begin) < std::tie(b.begin, b.rule_index, b.secret_begin);
  });
  return out;
}

}  // namespace twilint::match
