// Finds the string literal (or the unquoted word) that holds a credential, by lexing the line it
// is on: quotes, backslash escapes and comments as the language writes them. Line-based on
// purpose: a rewrite is only offered where one line shows the whole literal.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "fix/language.h"

namespace twilint::fix {

struct Literal {
  size_t begin = 0;        // first byte of the literal, its prefix (r"", b'', @"", $"") included
  size_t end = 0;          // one past the closing quote
  size_t inner_begin = 0;  // first byte after the opening quote
  size_t inner_end = 0;    // the closing quote
  char quote = '\0';       // '\'', '"', '`'; '\0' for an unquoted word (see enclosing_word)
};

enum class Place {
  kLiteral,  // inside a one-line quoted literal (Literal filled in)
  kComment,  // inside a comment
  kBare,     // outside any literal and comment (an unquoted value, a shell word)
  kUnknown,  // a multi-line literal (triple quotes, heredocs) or a line the lexer cannot follow
};

struct Located {
  Place place = Place::kUnknown;
  Literal literal;
};

// Where the bytes [begin, end) of `content` sit. Requires begin < end <= content.size().
Located locate(std::string_view content, size_t begin, size_t end, Language language);

// The unquoted word around [begin, end) on its line: bounded by blanks, quotes and the shell's
// operator characters ; | & < > ( ), and on the left also by '=' (so NAME=value and --opt=value
// keep their left side). Requires the bytes to be in Place::kBare.
Literal enclosing_word(std::string_view content, size_t begin, size_t end);

}  // namespace twilint::fix
