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
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    const rules::Rule& rule = rules.rules[i];
    for (size_t j = 0; j < rule.patterns.size(); ++j) {
      PatternRef ref{static_cast<int>(i), static_cast<int>(j)};
      const std::vector<std::string>& own = rule.patterns[j].keywords;
      const std::vector<std::string>& words = own.empty() ? rule.keywords : own;
      if (words.empty()) {
        always_patterns_.push_back(ref);
        continue;
      }
      for (const std::string& k : words) {
        auto [it, inserted] = keyword_ids.emplace(k, static_cast<int>(keywords.size()));
        if (inserted) {
          keywords.push_back(k);
          patterns_of_keyword_.emplace_back();
        }
        patterns_of_keyword_[static_cast<size_t>(it->second)].push_back(ref);
      }
    }
  }
  automaton_ = KeywordAutomaton(keywords);
}

std::vector<std::vector<bool>> Matcher::hit_patterns(std::string_view bytes) const {
  std::vector<std::vector<bool>> hit(rules_.rules.size());
  for (size_t i = 0; i < hit.size(); ++i) hit[i].assign(rules_.rules[i].patterns.size(), false);
  auto mark = [&](const PatternRef& ref) {
    hit[static_cast<size_t>(ref.rule)][static_cast<size_t>(ref.pattern)] = true;
  };
  for (const PatternRef& ref : always_patterns_) mark(ref);
  std::vector<bool> seen(automaton_.keyword_count(), false);
  automaton_.scan(bytes, seen);
  for (size_t k = 0; k < seen.size(); ++k) {
    if (!seen[k]) continue;
    for (const PatternRef& ref : patterns_of_keyword_[k]) mark(ref);
  }
  return hit;
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
