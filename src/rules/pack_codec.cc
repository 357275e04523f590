#include "rules/pack_codec.h"

#include <cstdint>
#include <cstring>
#include <optional>


namespace twilint::rules {
namespace {

// Bumped whenever the layout below changes; a mismatch is a build error, never a silent misread.
constexpr std::string_view kMagic = "twilint-rulepack-5\n";

class Writer {
 public:
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void i32(int v) { u32(static_cast<uint32_t>(v)); }
  void f64(double v) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    u32(static_cast<uint32_t>(bits));
    u32(static_cast<uint32_t>(bits >> 32));
  }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void strs(const std::vector<std::string>& list) {
    u32(static_cast<uint32_t>(list.size()));
    for (const std::string& s : list) str(s);
  }
  void examples(const std::vector<Example>& list) {
    u32(static_cast<uint32_t>(list.size()));
    for (const Example& e : list) {
      str(e.path);
      str(e.text);
      i32(e.line);
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what Writer wrote; any read past the end sets failed() and returns empty values, so a
// caller checks once at the end (counts are also bounded by the bytes left).
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool failed() const { return failed_; }
  bool at_end() const { return pos_ == in_.size(); }

  uint32_t u32() {
    if (!need(4)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return v;
  }
  int i32() { return static_cast<int>(u32()); }
  double f64() {
    uint64_t low = u32();
    uint64_t bits = low | (static_cast<uint64_t>(u32()) << 32);
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  std::string str() {
    uint32_t n = u32();
    if (!need(n)) return {};
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // A count of items that each take at least `min_bytes`: larger than what is left means corrupt.
  uint32_t count(size_t min_bytes) {
    uint32_t n = u32();
    if (!need(static_cast<uint64_t>(n) * min_bytes)) return 0;
    return n;
  }
  std::vector<std::string> strs() {
    std::vector<std::string> out(count(4));
    for (std::string& s : out) s = str();
    return out;
  }
  std::vector<Example> examples() {
    std::vector<Example> out(count(12));
    for (Example& e : out) {
      e.path = str();
      e.text = str();
      e.line = i32();
    }
    return out;
  }
  bool literal(std::string_view expected) {
    if (!need(expected.size())) return false;
    if (in_.substr(pos_, expected.size()) != expected) {
      failed_ = true;
      return false;
    }
    pos_ += expected.size();
    return true;
  }

 private:
  bool need(uint64_t n) {
    if (failed_ || n > in_.size() - pos_) {
      failed_ = true;
      return false;
    }
    return true;
  }

  std::string_view in_;
  size_t pos_ = 0;
  bool failed_ = false;
};

void write_optional(Writer& w, const std::optional<std::string>& s) {
  w.u32(s ? 1 : 0);
  w.str(s.value_or(""));
}

std::optional<std::string> read_optional(Reader& r) {
  bool present = r.u32() != 0;
  std::string s = r.str();
  if (!present) return std::nullopt;
  return s;
}

void write_pattern(Writer& w, const Pattern& p) {
  w.str(p.source);
  write_optional(w, p.near_source);
  write_optional(w, p.not_near_source);
  w.i32(p.near_window);
  w.strs(p.keywords);
  w.strs(p.shape.anchors);
  const LengthBound bound = p.shape.max_length.value_or(LengthBound{});
  w.u32(p.shape.max_length ? 1 : 0);
  w.u32(static_cast<uint32_t>(bound.fixed));
  w.u32(static_cast<uint32_t>(bound.whitespace_runs));
  w.u32(static_cast<uint32_t>(bound.line_runs));
}

// Not compiled here: Pattern compiles on first use (the pack's regexes were checked when
// twilint_pack_gen loaded the TOML at build time).
Pattern read_pattern(Reader& r) {
  Pattern p;
  p.source = r.str();
  p.near_source = read_optional(r);
  p.not_near_source = read_optional(r);
  p.near_window = r.i32();
  p.keywords = r.strs();
  p.shape.anchors = r.strs();
  const bool bounded = r.u32() != 0;
  LengthBound bound;
  bound.fixed = r.u32();
  bound.whitespace_runs = r.u32();
  bound.line_runs = r.u32();
  if (bounded) p.shape.max_length = bound;
  return p;
}

void write_advice(Writer& w, const std::optional<Advice>& a) {
  w.u32(a ? 1 : 0);
  if (!a) return;
  w.i32(static_cast<int>(a->severity));
  w.str(a->when.source);
  write_optional(w, a->unless ? std::optional<std::string>(a->unless->source) : std::nullopt);
  w.str(a->reason);
}

// False when the advice's severity is out of range (a corrupt pack).
bool read_advice(Reader& r, std::optional<Advice>& out) {
  if (r.u32() == 0) return true;
  Advice& a = out.emplace();
  int severity = r.i32();
  a.when.source = r.str();
  if (std::optional<std::string> unless = read_optional(r)) a.unless.emplace().source = *unless;
  a.reason = r.str();
  if (severity < 0 || severity > static_cast<int>(model::Severity::kCritical)) return false;
  a.severity = static_cast<model::Severity>(severity);
  return true;
}

}  // namespace

std::string encode_rule_set(const RuleSet& set) {
  Writer w;
  w.str(set.digest);
  w.u32(static_cast<uint32_t>(set.rules.size()));
  for (const Rule& rule : set.rules) {
    w.str(rule.id);
    w.str(rule.title);
    w.i32(static_cast<int>(rule.kind));
    w.i32(static_cast<int>(rule.severity));
    w.u32(static_cast<uint32_t>(rule.patterns.size()));
    for (const Pattern& p : rule.patterns) write_pattern(w, p);
    w.strs(rule.keywords);
    w.f64(rule.validators.min_entropy);
    w.u32(rule.validators.reject_placeholders ? 1 : 0);
    w.u32(rule.validators.mixed_alnum ? 1 : 0);
    w.str(rule.validators.decoder);
    w.strs(rule.paths.include);
    w.strs(rule.paths.exclude);
    write_advice(w, rule.advice);
    w.i32(rule.priority);
    w.strs(rule.pairs_with);
    w.str(std::string(verify_method_name(rule.verify)));
    w.str(rule.fix);
    w.str(rule.guidance);
    w.strs(rule.references);
    w.examples(rule.examples);
    w.examples(rule.negative_examples);
    w.str(rule.file);
    w.i32(rule.line);
  }
  return std::string(kMagic) + w.take();
}

util::Expected<RuleSet> decode_rule_set(std::string_view bytes, const std::string& name) {
  Reader r(bytes);
  if (!r.literal(kMagic)) return util::Diagnostic{name, 0, "not a twilint rule pack of this version"};
  RuleSet set;
  util::Diagnostics errors;
  set.digest = r.str();
  uint32_t rule_count = r.count(8);
  for (uint32_t i = 0; i < rule_count && !r.failed(); ++i) {
    Rule rule;
    rule.id = r.str();
    rule.title = r.str();
    int kind = r.i32();
    int severity = r.i32();
    uint32_t pattern_count = r.count(28);
    for (uint32_t p = 0; p < pattern_count && !r.failed(); ++p) rule.patterns.push_back(read_pattern(r));
    rule.keywords = r.strs();
    rule.validators.min_entropy = r.f64();
    rule.validators.reject_placeholders = r.u32() != 0;
    rule.validators.mixed_alnum = r.u32() != 0;
    rule.validators.decoder = r.str();
    rule.paths.include = r.strs();
    rule.paths.exclude = r.strs();
    bool advice_ok = read_advice(r, rule.advice);
    rule.priority = r.i32();
    rule.pairs_with = r.strs();
    const std::string verify = r.str();
    const std::optional<VerifyMethod> method = verify.empty() ? VerifyMethod::kNone : parse_verify_method(verify);
    rule.verify = method.value_or(VerifyMethod::kNone);
    rule.fix = r.str();
    rule.guidance = r.str();
    rule.references = r.strs();
    rule.examples = r.examples();
    rule.negative_examples = r.examples();
    rule.file = r.str();
    rule.line = r.i32();
    if (!advice_ok || !method || kind < 0 || kind > static_cast<int>(model::RuleKind::kIdentifier) || severity < 0 ||
        severity > static_cast<int>(model::Severity::kCritical)) {
      errors.push_back({name, 0, "rule pack: rule '" + rule.id + "' has an unknown kind, severity or verify method"});
      continue;
    }
    rule.kind = static_cast<model::RuleKind>(kind);
    rule.severity = static_cast<model::Severity>(severity);
    set.rules.push_back(std::move(rule));
  }
  if (r.failed() || !r.at_end()) errors.push_back({name, 0, "rule pack is truncated or corrupt"});
  if (!errors.empty()) return errors;
  return set;
}

}  // namespace twilint::rules
