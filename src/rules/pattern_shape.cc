#include "rules/pattern_shape.h"

#include <bitset>
#include <cctype>
#include <string_view>

#include <re2/filtered_re2.h>
#include <re2/re2.h>

namespace twilint::rules {
namespace {

// How an unbounded run of one character item (x*, x+, x{n,}) is bounded in a given text.
enum class Run { kWhitespace, kLine, kUnbounded };

bool is_space_byte(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

struct Bound {
  LengthBound b;
  bool unbounded = false;

  static Bound infinite() { return Bound{{}, true}; }
  Bound& operator+=(const Bound& o) {
    unbounded = unbounded || o.unbounded;
    b.fixed += o.b.fixed;
    b.whitespace_runs += o.b.whitespace_runs;
    b.line_runs += o.b.line_runs;
    return *this;
  }
  bool zero() const { return !unbounded && b.fixed == 0 && b.whitespace_runs == 0 && b.line_runs == 0; }
};

Bound max_of(const Bound& x, const Bound& y) {
  if (x.unbounded || y.unbounded) return Bound::infinite();
  return Bound{{std::max(x.b.fixed, y.b.fixed), std::max(x.b.whitespace_runs, y.b.whitespace_runs),
                std::max(x.b.line_runs, y.b.line_runs)}};
}

Bound times(const Bound& x, size_t n) {
  if (x.unbounded) return x;
  return Bound{{x.b.fixed * n, x.b.whitespace_runs * n, x.b.line_runs * n}};
}

// One parsed atom: its bound, and when it matches exactly one character, how a run of it is bounded.
struct Atom {
  Bound bound;
  bool single_char = false;
  Run run = Run::kUnbounded;
};

struct Flags {
  bool fold = false;    // (?i)
  bool dot_nl = false;  // (?s)
};

// A recursive-descent walk over RE2 syntax. Anything it does not recognise sets failed_, and the
// caller then assumes nothing.
class LengthParser {
 public:
  explicit LengthParser(std::string_view s) : s_(s) {}

  std::optional<LengthBound> run() {
    Flags flags;
    Bound b = alternation(flags);
    if (failed_ || i_ != s_.size() || b.unbounded) return std::nullopt;
    return b.b;
  }

 private:
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return s_[i_]; }

  Bound alternation(Flags& flags) {
    Bound best = concat(flags);
    while (!failed_ && !at_end() && peek() == '|') {
      ++i_;
      best = max_of(best, concat(flags));
    }
    return best;
  }

  Bound concat(Flags& flags) {
    Bound total;
    while (!failed_ && !at_end() && peek() != '|' && peek() != ')') {
      Atom a = atom(flags);
      total += quantified(a);
    }
    return total;
  }

  // Applies a quantifier following the atom, if any.
  Bound quantified(const Atom& a) {
    if (at_end()) return a.bound;
    size_t max_count = 1;
    bool unbounded = false;
    char c = peek();
    if (c == '*' || c == '+') {
      ++i_;
      unbounded = true;
    } else if (c == '?') {
      ++i_;
    } else if (c == '{') {
      auto counts = repeat_counts();
      if (!counts) return a.bound;  // a literal '{', already consumed as nothing: handled in atom()
      if (counts->second < 0) {
        unbounded = true;
      } else {
        max_count = static_cast<size_t>(counts->second);
      }
    } else {
      return a.bound;
    }
    if (!at_end() && peek() == '?') ++i_;  // non-greedy: the same lengths
    if (!unbounded) return times(a.bound, max_count);
    if (a.bound.zero()) return a.bound;
    if (a.single_char && a.run == Run::kWhitespace) return Bound{{0, 1, 0}};
    if (a.single_char && a.run == Run::kLine) return Bound{{0, 0, 1}};
    return Bound::infinite();
  }

  // At '{': a repetition {n}, {n,} or {n,m} (max -1 for none), consumed; else nothing consumed.
  std::optional<std::pair<long, long>> repeat_counts() {
    size_t j = i_ + 1;
    auto number = [&](long& out) {
      size_t start = j;
      out = 0;
      while (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j])) && j - start < 6) out = out * 10 + (s_[j++] - '0');
      return j > start;
    };
    long lo = 0, hi = 0;
    if (!number(lo)) return std::nullopt;
    hi = lo;
    if (j < s_.size() && s_[j] == ',') {
      ++j;
      if (!number(hi)) hi = -1;
    }
    if (j >= s_.size() || s_[j] != '}') return std::nullopt;
    i_ = j + 1;
    return std::make_pair(lo, hi);
  }

  Atom char_atom(int c, const Flags& flags) {
    Atom a;
    a.single_char = true;
    bool letter = std::isalpha(c) != 0;
    a.bound = Bound{{(flags.fold && letter) ? 4u : 1u, 0, 0}};
    a.run = is_space_byte(c) ? Run::kWhitespace : Run::kLine;
    return a;
  }

  Atom class_atom(size_t width, Run run) {
    Atom a;
    a.single_char = true;
    a.bound = Bound{{width, 0, 0}};
    a.run = run;
    return a;
  }

  // Skips one UTF-8 encoded rune starting at a byte >= 0x80.
  void skip_rune() {
    ++i_;
    while (!at_end() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80) ++i_;
  }

  Atom atom(Flags& flags) {
    char c = peek();
    if (c == '(') return group(flags);
    if (c == '[') return char_class(flags);
    if (c == '.') {
      ++i_;
      return class_atom(4, flags.dot_nl ? Run::kUnbounded : Run::kLine);
    }
    if (c == '^' || c == '$') {
      ++i_;
      return Atom{};
    }
    if (c == '\\') return escape(flags);
    if (c == '*' || c == '+' || c == '?') {
      failed_ = true;
      return Atom{};
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      skip_rune();
      return class_atom(4, Run::kLine);
    }
    ++i_;
    return char_atom(c, flags);
  }

  Atom group(Flags& flags) {
    ++i_;  // '('
    Flags inner = flags;
    if (!at_end() && peek() == '?') {
      ++i_;
      if (!at_end() && peek() == 'P') {
        size_t close = s_.find('>', i_);
        if (close == std::string_view::npos) return fail();
        i_ = close + 1;
      } else {
        bool negate = false;
        while (!at_end() && peek() != ':' && peek() != ')') {
          char f = peek();
          ++i_;
          if (f == '-') {
            negate = true;
          } else if (f == 'i') {
            inner.fold = !negate;
          } else if (f == 's') {
            inner.dot_nl = !negate;
          } else if (f != 'm' && f != 'U') {
            return fail();
          }
        }
        if (at_end()) return fail();
        if (peek() == ')') {  // (?flags): applies to the rest of the enclosing group
          ++i_;
          flags = inner;
          return Atom{};
        }
        ++i_;  // ':'
      }
    }
    Atom a;
    a.bound = alternation(inner);
    if (at_end() || peek() != ')') return fail();
    ++i_;
    return a;
  }

  Atom escape(const Flags& flags) {
    ++i_;  // '\'
    if (at_end()) return fail();
    char e = peek();
    ++i_;
    switch (e) {
      case 'b': case 'B': case 'A': case 'z': return Atom{};
      case 'd': return class_atom(1, Run::kLine);
      case 's': return class_atom(1, Run::kWhitespace);
      case 'w': return class_atom(flags.fold ? 4 : 1, Run::kLine);
      case 'S': return class_atom(4, Run::kLine);
      case 'D': case 'W': return class_atom(4, Run::kUnbounded);
      case 'C': return class_atom(1, Run::kUnbounded);
      case 'n': return char_atom('\n', flags);
      case 't': return char_atom('\t', flags);
      case 'r': return char_atom('\r', flags);
      case 'f': return char_atom('\f', flags);
      case 'v': return char_atom('\v', flags);
      case 'a': return char_atom('\a', flags);
      default: break;
    }
    if (std::ispunct(static_cast<unsigned char>(e))) return char_atom(e, flags);
    return fail();  // \x, \p, \Q, octal...: not used by the pack; assume nothing
  }

  // One member of a bracket class: a code point (0..127 tracked exactly; >= 128 only as "some
  // non-ASCII"), or a Perl class escape added to `set` directly (returns -1).
  int class_member(std::bitset<128>& set, bool& non_ascii) {
    char c = peek();
    if (static_cast<unsigned char>(c) >= 0x80) {
      skip_rune();
      non_ascii = true;
      return 128;
    }
    ++i_;
    if (c != '\\') return static_cast<unsigned char>(c);
    if (at_end()) {
      failed_ = true;
      return -1;
    }
    char e = peek();
    ++i_;
    auto add = [&](auto pred, bool negated) {
      for (int k = 0; k < 128; ++k) {
        if (pred(k) != negated) set.set(static_cast<size_t>(k));
      }
      if (negated) non_ascii = true;
      return -1;
    };
    auto digit = [](int k) { return k >= '0' && k <= '9'; };
    auto space = [](int k) { return k == ' ' || k == '\t' || k == '\n' || k == '\f' || k == '\r'; };
    auto word = [](int k) { return std::isalnum(k) != 0 || k == '_'; };
    switch (e) {
      case 'd': return add(digit, false);
      case 'D': return add(digit, true);
      case 's': return add(space, false);
      case 'S': return add(space, true);
      case 'w': return add(word, false);
      case 'W': return add(word, true);
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'f': return '\f';
      case 'v': return '\v';
      case 'a': return '\a';
      default: break;
    }
    if (std::ispunct(static_cast<unsigned char>(e))) return static_cast<unsigned char>(e);
    failed_ = true;
    return -1;
  }

  Atom char_class(const Flags& flags) {
    ++i_;  // '['
    bool negated = false;
    if (!at_end() && peek() == '^') {
      negated = true;
      ++i_;
    }
    std::bitset<128> set;
    bool non_ascii = false;
    bool first = true;
    while (!failed_ && !at_end() && (peek() != ']' || first)) {
      first = false;
      if (s_.substr(i_, 2) == "[:") {
        size_t close = s_.find(":]", i_ + 2);
        bool posix = close != std::string_view::npos && close > i_ + 2;
        for (size_t k = i_ + 2; posix && k < close; ++k) posix = std::islower(static_cast<unsigned char>(s_[k])) != 0;
        if (posix) return fail();
      }
      int lo = class_member(set, non_ascii);
      if (lo < 0) continue;
      int hi = lo;
      if (i_ + 1 < s_.size() && peek() == '-' && s_[i_ + 1] != ']') {
        ++i_;
        hi = class_member(set, non_ascii);
        if (hi < 0) return fail();
      }
      if (hi >= 128) non_ascii = true;
      for (int k = lo; k <= std::min(hi, 127); ++k) set.set(static_cast<size_t>(k));
    }
    if (failed_ || at_end()) return fail();
    ++i_;  // ']'
    if (negated) return class_atom(4, set.test('\n') ? Run::kLine : Run::kUnbounded);
    bool letters = false, only_space = !non_ascii;
    for (int k = 0; k < 128; ++k) {
      if (!set.test(static_cast<size_t>(k))) continue;
      letters = letters || std::isalpha(k) != 0;
      only_space = only_space && is_space_byte(k);
    }
    size_t width = (non_ascii || (flags.fold && letters)) ? 4 : 1;
    if (only_space) return class_atom(width, Run::kWhitespace);
    return class_atom(width, set.test('\n') ? Run::kUnbounded : Run::kLine);
  }

  Atom fail() {
    failed_ = true;
    i_ = s_.size();
    return Atom{};
  }

  std::string_view s_;
  size_t i_ = 0;
  bool failed_ = false;
};

// Prefilter atoms from RE2's own analysis (FilteredRE2): every match of the regex contains one of
// them, lowercased, unless the regex is "unfiltered" (it may match without any).
std::vector<std::string> required_literals(const std::string& regex) {
  re2::FilteredRE2 filter(2);
  RE2::Options options;
  options.set_log_errors(false);
  int id = 0;
  if (filter.Add(regex, options, &id) != RE2::NoError) return {};
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  std::vector<int> without_atoms;
  filter.AllPotentials({}, &without_atoms);
  if (!without_atoms.empty() || atoms.empty()) return {};
  for (const std::string& a : atoms) {
    for (char c : a) {
      if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) return {};
    }
  }
  return atoms;
}

}  // namespace

std::optional<LengthBound> max_match_length(const std::string& regex) { return LengthParser(regex).run(); }

PatternShape analyze_shape(const std::string& regex) {
  PatternShape shape;
  shape.max_length = max_match_length(regex);
  if (shape.max_length) shape.anchors = required_literals(regex);
  if (shape.anchors.empty()) shape.max_length.reset();
  return shape;
}

}  // namespace twilint::rules
