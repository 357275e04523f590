#include "rules/regex_compile.h"

namespace twilint::rules {

namespace {

std::unique_ptr<RE2> compile_any(const std::string& source) {
  RE2::Options options;
  options.set_log_errors(false);
  // RE2's default budget: every shipped pattern compiles in 2 MiB, and the rest is each regex's DFA
  // cache; at 64 MiB a long history grew ~100 regexes' caches into hundreds of megabytes.
  options.set_max_mem(8 << 20);
  return std::make_unique<RE2>(source, options);
}

// True when `source` is \b followed by a regex with no top-level alternation, so that removing
// the \b and checking the boundary at each match's start means the same thing (in "\bfoo|bar"
// the \b binds to foo only).
bool leading_boundary_can_be_hoisted(std::string_view source) {
  if (source.size() < 3 || source.substr(0, 2) != "\\b") return false;
  int depth = 0;
  bool in_class = false;
  for (size_t i = 2; i < source.size(); ++i) {
    char c = source[i];
    if (c == '\\') {
      ++i;  // the escaped character, whatever it is
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      continue;
    }
    if (c == '[') {
      in_class = true;
      // A ']' right after '[' or '[^' is a literal member, not the end of the class.
      if (i + 1 < source.size() && source[i + 1] == '^') ++i;
      if (i + 1 < source.size() && source[i + 1] == ']') ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) return false;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return depth == 0 && !in_class;
}

// Index of the capture group named "secret", or 0 (the whole match) when there is none.
int secret_group_of(const RE2& regex) {
  const auto& names = regex.NamedCapturingGroups();
  auto it = names.find("secret");
  return it == names.end() ? 0 : it->second;
}

}  // namespace

CompiledPattern compile_pattern(const Pattern& pattern) {
  CompiledPattern c;
  c.boundary_first = leading_boundary_can_be_hoisted(pattern.source);
  c.regex = compile_any(regex_as_compiled(pattern));
  if (pattern.near_source) c.near = compile_any(*pattern.near_source);
  if (pattern.not_near_source) c.not_near = compile_any(*pattern.not_near_source);
  c.secret_group = c.regex->ok() ? secret_group_of(*c.regex) : 0;
  return c;
}

std::string regex_as_compiled(const Pattern& pattern) {
  return leading_boundary_can_be_hoisted(pattern.source) ? pattern.source.substr(2) : pattern.source;
}

const CompiledPattern& Pattern::compiled() const {
  std::call_once(*once_, [this] { compiled_ = std::make_unique<CompiledPattern>(compile_pattern(*this)); });
  return *compiled_;
}

const RE2& LazyRegex::get() const {
  std::call_once(*once_, [this] { compiled_ = compile_any(source); });
  return *compiled_;
}

void Pattern::adopt(CompiledPattern c) {
  std::call_once(*once_, [&] { compiled_ = std::make_unique<CompiledPattern>(std::move(c)); });
}

}  // namespace twilint::rules
