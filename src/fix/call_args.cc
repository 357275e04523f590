#include "fix/call_args.h"

namespace twilint::fix {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

ArgSpan trimmed(std::string_view content, size_t b, size_t e) {
  while (b < e && is_blank(content[b])) ++b;
  while (e > b && is_blank(content[e - 1])) --e;
  return {b, e};
}

}  // namespace

size_t skip_blanks(std::string_view content, size_t from) {
  while (from < content.size() && is_blank(content[from])) ++from;
  return from;
}

std::optional<ArgList> parse_args(std::string_view content, size_t open) {
  ArgList list;
  list.open = open;
  int depth = 0;
  char quote = '\0';
  size_t arg_begin = open + 1;
  for (size_t i = open; i < content.size(); ++i) {
    char c = content[i];
    if (quote != '\0') {
      if (c == '\\' && quote != '`') {
        ++i;
      } else if (c == quote) {
        quote = '\0';
      }
      continue;
    }
    if (c == '"' || c == '\'' || c == '`') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) {
        ArgSpan last = trimmed(content, arg_begin, i);
        if (last.begin < last.end) list.args.push_back(last);
        list.close = i;
        return list;
      }
    } else if (c == ',' && depth == 1) {
      list.args.push_back(trimmed(content, arg_begin, i));
      arg_begin = i + 1;
    }
  }
  return std::nullopt;
}

}  // namespace twilint::fix
