#include "match/matcher.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>

#include "match/validators.h"
#include "rules/regex_compile.h"

namespace twilint::match {
namespace {

// Validates a candidate's secret; fills the match's `detail` and `expired` from decoders.
bool validate(const rules::Validators& v, std::string_view secret, RawMatch& m) {
  if (v.min_entropy > 0 && shannon_entropy(secret) < v.min_entropy) return false;
  if (v.reject_placeholders && looks_like_placeholder(secret)) return false;
  if (v.mixed_alnum && !has_mixed_alnum(secret)) return false;
  if (v.decoder == "twilio-jwt") {
    auto token = decode_twilio_access_token(secret);
    if (!token) return false;
    m.detail = describe(*token);
    m.expired = token->expires > 0 && std::time(nullptr) > token->expires;
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

// The non-ASCII letters whose case folds reach an ASCII letter (U+017F long s, U+212A Kelvin
// sign; U+0130/U+0131 dotted and dotless i for good measure): RE2's (?i)s and (?i)k match them,
// but the required literals RE2 computes spell them in ASCII, and stage 1 folds ASCII only. A blob
// that contains one runs every pattern over the whole blob.
const char* const kFoldHazards[] = {"\xc5\xbf", "\xe2\x84\xaa", "\xc4\xb0", "\xc4\xb1"};

// The longest run of ASCII whitespace bytes and of bytes other than '\n' in `bytes`, which bound
// how much of a match an unbounded \s* or [^\n]* can take (rules::LengthBound).
struct TextRuns {
  size_t whitespace = 0;
  size_t line = 0;
};

TextRuns measure_runs(std::string_view bytes) {
  TextRuns best;
  size_t space = 0, line = 0;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    bool is_space = c == ' ' || (c >= '\t' && c <= '\r');
    space = is_space ? space + 1 : 0;
    line = c == '\n' ? 0 : line + 1;
    best.whitespace = std::max(best.whitespace, space);
    best.line = std::max(best.line, line);
  }
  return best;
}

// A gate costs one DFA pass over the blob, slower than one pattern's, and filling its DFA cache,
// shared by the threads, costs a few hundred milliseconds per process: worth it only on large
// blobs (generated docs, bundles), where it spares several whole-blob passes' worth of windows.
// On the Twilio SDK trees (files mostly < 64 KiB) a 16 KiB threshold made scans slower.
constexpr size_t kMinPassesForGate = 4;
constexpr size_t kMinBytesForGate = 256 * 1024;
// The set's own budget (its DFA cache, shared by all threads); out of memory, it is bypassed.
constexpr int64_t kGateMemory = 32 << 20;

}  // namespace

Matcher::Matcher(const rules::RuleSet& rules, MatcherOptions options) : rules_(rules), options_(options) {
  std::map<std::string, int> keyword_ids;
  std::vector<std::string> keywords;
  std::vector<bool> positional;
  auto id_of = [&](const std::string& k) {
    auto [it, inserted] = keyword_ids.emplace(k, static_cast<int>(keywords.size()));
    if (inserted) {
      keywords.push_back(k);
      positional.push_back(false);
      keyword_length_.push_back(k.size());
      rules_of_keyword_.emplace_back();
      patterns_of_keyword_.emplace_back();
    }
    return static_cast<size_t>(it->second);
  };
  anchors_.resize(rules.rules.size());
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    const rules::Rule& rule = rules.rules[i];
    if (rule.keywords.empty()) always_rules_.push_back(static_cast<int>(i));
    for (const std::string& k : rule.keywords) rules_of_keyword_[id_of(k)].push_back(static_cast<int>(i));
    anchors_[i].resize(rule.patterns.size());
    for (size_t j = 0; j < rule.patterns.size(); ++j) {
      const rules::Pattern& pattern = rule.patterns[j];
      for (const std::string& k : pattern.keywords) {
        patterns_of_keyword_[id_of(k)].push_back(PatternRef{static_cast<int>(i), static_cast<int>(j)});
      }
      if (options_.whole_blob || !pattern.shape.windowable()) continue;
      // The automaton needs non-empty keywords; the loader never stores an empty literal, but a
      // damaged pack might.
      bool usable = true;
      for (const std::string& a : pattern.shape.anchors) usable = usable && !a.empty();
      if (!usable) continue;
      for (const std::string& a : pattern.shape.anchors) {
        size_t id = id_of(a);
        positional[id] = true;
        anchors_[i][j].push_back(static_cast<int>(id));
      }
    }
  }
  std::map<std::string, size_t> gate_of_file;
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    auto [it, inserted] = gate_of_file.emplace(rules.rules[i].file, gates_.size());
    if (inserted) gates_.emplace_back();
    for (size_t j = 0; j < rules.rules[i].patterns.size(); ++j) {
      gates_[it->second].patterns.push_back(PatternRef{static_cast<int>(i), static_cast<int>(j)});
    }
  }
  for (const char* hazard : kFoldHazards) fold_hazards_.push_back(static_cast<int>(id_of(hazard)));
  automaton_ = KeywordAutomaton(keywords, positional);
}

std::vector<std::vector<bool>> Matcher::hit_patterns(const std::vector<bool>& seen) const {
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
  std::vector<bool> seen(automaton_.keyword_count(), false);
  automaton_.scan(bytes, seen);
  std::vector<std::vector<bool>> patterns = hit_patterns(seen);
  std::vector<bool> hit(rules_.rules.size(), false);
  for (size_t i = 0; i < hit.size(); ++i) {
    for (bool p : patterns[i]) hit[i] = hit[i] || p;
  }
  return hit;
}

const RE2::Set* Matcher::gate_set(const Gate& gate) const {
  std::call_once(*gate.once, [&] {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(kGateMemory);
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const PatternRef& ref : gate.patterns) {
      // The regex exactly as the pattern compiles it, so "no match in the set" means "none".
      const rules::Pattern& p = rules_.rules[static_cast<size_t>(ref.rule)].patterns[static_cast<size_t>(ref.pattern)];
      if (set->Add(rules::regex_as_compiled(p), nullptr) < 0) return;  // then the gate stays closed
    }
    if (set->Compile()) gate.set = std::move(set);
  });
  return gate.set.get();
}

void Matcher::drop_unmatchable(std::string_view bytes, Plan& plan) const {
  if (options_.whole_blob || bytes.size() < kMinBytesForGate) return;
  for (const Gate& gate : gates_) {
    // What the file's hit patterns would cost, in whole-blob passes.
    size_t bytes_to_run = 0;
    for (const PatternRef& ref : gate.patterns) {
      for (const Window& w : plan[static_cast<size_t>(ref.rule)][static_cast<size_t>(ref.pattern)]) bytes_to_run += w.end - w.begin;
    }
    if (bytes_to_run < kMinPassesForGate * bytes.size()) continue;
    const RE2::Set* set = gate_set(gate);
    if (set == nullptr) continue;
    std::vector<int> matched;
    RE2::Set::ErrorInfo error{};
    if (!set->Match(bytes, &matched, &error) && error.kind != RE2::Set::kNoError) continue;  // e.g. out of memory
    std::vector<bool> may_match(gate.patterns.size(), false);
    for (int m : matched) may_match[static_cast<size_t>(m)] = true;
    for (size_t k = 0; k < gate.patterns.size(); ++k) {
      if (!may_match[k]) plan[static_cast<size_t>(gate.patterns[k].rule)][static_cast<size_t>(gate.patterns[k].pattern)].clear();
    }
  }
}

// Every match contains an occurrence [s, e) of a required literal and is at most max_length
// long, so it lies in [e - max_length, s + max_length).
std::vector<Matcher::Window> Matcher::windows_for(const PatternRef& ref, const std::vector<std::vector<size_t>>& ends_of,
                                                  size_t max_length, size_t size) const {
  std::vector<Window> windows;
  for (int k : anchors_[static_cast<size_t>(ref.rule)][static_cast<size_t>(ref.pattern)]) {
    const size_t length = keyword_length_[static_cast<size_t>(k)];
    const size_t first = windows.size();
    for (size_t end : ends_of[static_cast<size_t>(k)]) {
      Window w{end > max_length ? end - max_length : 0, std::min(size, end - length + max_length)};
      // One literal's occurrences come in order, so its windows' beginnings only grow.
      if (windows.size() > first && w.begin <= windows.back().end) {
        windows.back().end = std::max(windows.back().end, w.end);
      } else {
        windows.push_back(w);
      }
    }
  }
  if (anchors_[static_cast<size_t>(ref.rule)][static_cast<size_t>(ref.pattern)].size() > 1) {
    // Several literals' runs of windows: sort them together and merge again.
    std::sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) { return a.begin < b.begin; });
    size_t kept = 0;
    for (size_t i = 1; i < windows.size(); ++i) {
      if (windows[i].begin <= windows[kept].end) {
        windows[kept].end = std::max(windows[kept].end, windows[i].end);
      } else {
        windows[++kept] = windows[i];
      }
    }
    if (!windows.empty()) windows.resize(kept + 1);
  }
  return windows;
}

void Matcher::run_pattern(const PatternRef& ref, std::string_view bytes, Window window, size_t& pos,
                          std::vector<RawMatch>& out) const {
  const rules::Rule& rule = rules_.rules[static_cast<size_t>(ref.rule)];
  const rules::Pattern& source = rule.patterns[static_cast<size_t>(ref.pattern)];
  const rules::CompiledPattern& pattern = source.compiled();
  int groups = pattern.regex->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> caps(static_cast<size_t>(groups));
  pos = std::max(pos, window.begin);
  while (pos <= window.end &&
         pattern.regex->Match(bytes, pos, window.end, RE2::UNANCHORED, caps.data(), groups)) {
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
    m.rule_index = ref.rule;
    m.begin = begin;
    m.end = end;
    m.secret_begin = static_cast<size_t>(secret.data() - bytes.data());
    m.secret_end = m.secret_begin + secret.size();
    if (pattern.near && !context_matches(*pattern.near, bytes, begin, end, source.near_window)) continue;
    if (pattern.not_near && context_matches(*pattern.not_near, bytes, begin, end, source.near_window)) continue;
    if (!validate(rule.validators, std::string_view(secret.data(), secret.size()), m)) continue;
    out.push_back(std::move(m));
  }
}

std::vector<RawMatch> Matcher::find(std::string_view bytes, const std::vector<bool>& enabled) const {
  std::vector<RawMatch> out;
  std::vector<bool> seen(automaton_.keyword_count(), false);
  std::vector<KeywordHit> hits;
  automaton_.scan_all(bytes, seen, hits);
  std::vector<std::vector<size_t>> ends_of(automaton_.keyword_count());
  for (const KeywordHit& h : hits) ends_of[static_cast<size_t>(h.keyword)].push_back(h.end);
  std::vector<std::vector<bool>> hit = hit_patterns(seen);
  bool fold_hazard = false;
  for (int k : fold_hazards_) fold_hazard = fold_hazard || seen[static_cast<size_t>(k)];
  std::optional<TextRuns> runs;  // measured when a windowed pattern first needs them
  Plan plan(rules_.rules.size());
  for (size_t i = 0; i < rules_.rules.size(); ++i) {
    const rules::Rule& rule = rules_.rules[i];
    plan[i].resize(rule.patterns.size());
    if (!enabled.empty() && !enabled[i]) continue;
    for (size_t j = 0; j < rule.patterns.size(); ++j) {
      if (!hit[i][j]) continue;
      if (anchors_[i][j].empty() || fold_hazard) {
        plan[i][j].push_back(Window{0, bytes.size()});
        continue;
      }
      if (!runs) runs = measure_runs(bytes);
      size_t max_length = rule.patterns[j].shape.max_length->for_text(runs->whitespace, runs->line);
      plan[i][j] = windows_for(PatternRef{static_cast<int>(i), static_cast<int>(j)}, ends_of, max_length, bytes.size());
    }
  }
  drop_unmatchable(bytes, plan);
  for (size_t i = 0; i < plan.size(); ++i) {
    for (size_t j = 0; j < plan[i].size(); ++j) {
      size_t pos = 0;
      for (const Window& w : plan[i][j]) run_pattern(PatternRef{static_cast<int>(i), static_cast<int>(j)}, bytes, w, pos, out);
    }
  }
  std::sort(out.begin(), out.end(), [](const RawMatch& a, const RawMatch& b) {
    return std::tie(a.begin, a.rule_index, a.secret_begin) < std::tie(b.begin, b.rule_index, b.secret_begin);
  });
  return out;
}

}  // namespace twilint::match
