#include "fix/literal.h"

#include <cctype>

namespace twilint::fix {
namespace {

struct LexStyle {
  bool hash_comments = false;
  bool slash_comments = false;
  bool backtick_quotes = false;
  bool single_quote_escapes = true;  // false where '…' takes every byte literally (shell, YAML)
};

LexStyle style_of(Language language) {
  LexStyle s;
  switch (language) {
    case Language::kPython: case Language::kRuby: case Language::kToml: case Language::kProperties:
    case Language::kDotenv: case Language::kIni: case Language::kDockerfile:
      s.hash_comments = true;
      break;
    case Language::kShell: case Language::kYaml:
      s.hash_comments = true;
      s.single_quote_escapes = false;
      s.backtick_quotes = language == Language::kShell;
      break;
    case Language::kPhp:
      s.hash_comments = s.slash_comments = true;
      break;
    case Language::kJavaScript: case Language::kTypeScript: case Language::kGo:
      s.slash_comments = s.backtick_quotes = true;
      break;
    default:
      s.slash_comments = true;
  }
  return s;
}

bool is_prefix_char(char c) { return std::string_view("rRbBuUfF@$").find(c) != std::string_view::npos; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Literal prefixes: Python r"", b'', f"", rb""; C# @"", $"", $@"". Only when they start a token.
size_t prefix_start(std::string_view content, size_t quote, size_t line_start) {
  size_t p = quote;
  while (p > line_start && quote - p < 2 && is_prefix_char(content[p - 1])) --p;
  if (p > line_start && is_ident_char(content[p - 1])) return quote;
  return p;
}

bool opens_triple(std::string_view line, size_t i) {
  return i + 2 < line.size() && line[i + 1] == line[i] && line[i + 2] == line[i];
}

}  // namespace

Located locate(std::string_view content, size_t begin, size_t end, Language language) {
  LexStyle style = style_of(language);
  size_t line_start = content.rfind('\n', begin == 0 ? 0 : begin - 1);
  line_start = line_start == std::string_view::npos || begin == 0 ? 0 : line_start + 1;
  if (begin > 0 && content[begin - 1] == '\n') line_start = begin;
  size_t line_end = content.find('\n', begin);
  if (line_end == std::string_view::npos) line_end = content.size();
  if (end > line_end) return {};
  char quote = '\0';
  size_t open = 0;
  for (size_t i = line_start; i < line_end; ++i) {
    char c = content[i];
    if (quote != '\0') {
      bool escapes = quote == '"' || (quote == '\'' && style.single_quote_escapes);
      if (c == '\\' && escapes) {
        ++i;
        continue;
      }
      if (c != quote) continue;
      if (begin > open && end <= i) {
        Literal lit{prefix_start(content, open, line_start), i + 1, open + 1, i, quote};
        return {Place::kLiteral, lit};
      }
      quote = '\0';
      continue;
    }
    if (i >= begin) return {Place::kBare, {}};
    bool word_start = i == line_start || std::isspace(static_cast<unsigned char>(content[i - 1])) != 0;
    if ((style.hash_comments && c == '#' && (word_start || language != Language::kShell)) ||
        (style.slash_comments && c == '/' && i + 1 < line_end && content[i + 1] == '/')) {
      return {Place::kComment, {}};
    }
    if (c == '"' || c == '\'' || (c == '`' && style.backtick_quotes)) {
      if (opens_triple(content.substr(0, line_end), i)) return {};
      // YAML: an apostrophe inside a plain scalar (it's) is not a quote.
      if (language == Language::kYaml && !word_start && content[i - 1] != '[' && content[i - 1] != '{') continue;
      quote = c;
      open = i;
    }
  }
  return {};  // a literal still open at the end of the line
}

Literal enclosing_word(std::string_view content, size_t begin, size_t end) {
  auto stops = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 ||
           std::string_view(";|&<>()\"'`").find(c) != std::string_view::npos;
  };
  size_t b = begin;
  while (b > 0 && !stops(content[b - 1]) && content[b - 1] != '=') --b;
  size_t e = end;
  while (e < content.size() && !stops(content[e])) ++e;
  return Literal{b, e, b, e, '\0'};
}

}  // namespace twilint::fix
