#include "rules/regex_compile.h"

namespace twilint::rules {

namespace {

std::unique_ptr<RE2> compile_any(const std::string& source) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return std::make_unique<RE2>(source, options);
}

}  // namespace

std::unique_ptr<RE2> compile_regex(const std::string& source, std::string* error) {
  auto re = compile_any(source);
  if (!re->ok()) {
    *error = re->error();
    return nullptr;
  }
  return re;
}

CompiledPattern compile_pattern(const Pattern& pattern) {
  CompiledPattern c;
  c.regex = compile_any(pattern.source);
  if (pattern.near_source) c.near = compile_any(*pattern.near_source);
  if (pattern.not_near_source) c.not_near = compile_any(*pattern.not_near_source);
  c.secret_group = c.regex->ok() ? secret_group_of(*c.regex) : 0;
  return c;
}

const CompiledPattern& Pattern::compiled() const {
  std::call_once(*once_, [this] { compiled_ = std::make_unique<CompiledPattern>(compile_pattern(*this)); });
  return *compiled_;
}

void Pattern::adopt(CompiledPattern c) {
  std::call_once(*once_, [&] { compiled_ = std::make_unique<CompiledPattern>(std::move(c)); });
}

int secret_group_of(const RE2& regex) {
  const auto& names = regex.NamedCapturingGroups();
  auto it = names.find("secret");
  return it == names.end() ? 0 : it->second;
}

}  // namespace twilint::rules
