// Code: a literal that is exactly one credential becomes the environment lookup, and the
// declaration around it is adjusted where a constant cannot hold a call (Go const -> var,
// C# const -> static readonly, Kotlin const val -> val). Where no valid rewrite exists on the
// line (PHP constants and property defaults, annotations), the finding is left with an
// instruction.
#include <cctype>
#include <optional>
#include <regex>
#include <string>

#include "fix/env_lookup.h"
#include "fix/rewrite_group.h"
#include "util/text.h"

namespace twilint::fix {
namespace {

std::string_view line_before(std::string_view content, size_t offset) {
  LineSpan line = line_around(content, offset);
  return content.substr(line.begin, offset - line.begin);
}

// The offset of `word` as a whole word in `text`, or npos.
size_t find_word(std::string_view text, std::string_view word) {
  size_t at = 0;
  while ((at = text.find(word, at)) != std::string_view::npos) {
    bool left = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_');
    size_t r = at + word.size();
    bool right = r >= text.size() || !(std::isalnum(static_cast<unsigned char>(text[r])) || text[r] == '_');
    if (left && right) return at;
    at = r;
  }
  return std::string_view::npos;
}

// Go: is the line inside a `const ( … )` block?
bool in_go_const_block(std::string_view content, size_t offset) {
  LineSpan line = line_around(content, offset);
  size_t at = line.begin;
  for (int n = 0; n < 500 && at > 0; ++n) {
    LineSpan prev = line_around(content, at - 1);
    std::string t = util::trim(content.substr(prev.begin, prev.end - prev.begin));
    if (t == ")" || util::starts_with(t, "func ") || util::starts_with(t, "var (") || util::starts_with(t, "type ")) return false;
    if (util::starts_with(t, "const (")) return true;
    at = prev.begin;
  }
  return false;
}

// A declaration edit the lookup needs, an empty Edit (begin == end == 0, empty text) when none is
// needed, or a reason when no rewrite on this line can be valid.
struct DeclFix {
  std::optional<Edit> edit;
  std::string blocked;
};

DeclFix declaration_fix(std::string_view content, Language language, size_t literal_begin) {
  std::string_view before = line_before(content, literal_begin);
  size_t line_begin = static_cast<size_t>(before.data() - content.data());
  static const std::regex kAnnotation(R"((@[\w.]+|\[\s*[\w.]+)\s*\(\s*(\w+\s*=\s*)?$)");
  if ((language == Language::kJava || language == Language::kKotlin || language == Language::kCSharp) &&
      std::regex_search(std::string(before), kAnnotation)) {
    return {std::nullopt, "an annotation argument must be a constant: read the value from the environment where it is used"};
  }
  switch (language) {
    case Language::kGo: {
      size_t c = find_word(before, "const");
      if (c != std::string_view::npos) return {Edit{line_begin + c, line_begin + c + 5, "var"}, ""};
      if (in_go_const_block(content, literal_begin)) {
        return {std::nullopt, "in a const block: a constant cannot call os.Getenv; move it to a var block and read the environment there"};
      }
      return {};
    }
    case Language::kCSharp: {
      size_t c = find_word(before, "const");
      if (c == std::string_view::npos) return {};
      bool member = std::regex_search(std::string(before.substr(0, c)), std::regex(R"(\b(public|private|protected|internal|static)\b)"));
      return {Edit{line_begin + c, line_begin + c + 6, member ? "static readonly " : ""}, ""};
    }
    case Language::kKotlin: {
      size_t c = find_word(before, "const");
      if (c == std::string_view::npos) return {};
      return {Edit{line_begin + c, line_begin + c + 6, ""}, ""};
    }
    case Language::kPhp: {
      if (find_word(before, "const") != std::string_view::npos ||
          std::regex_search(std::string(before), std::regex(R"(^\s*(public|private|protected|var|static|readonly)\b[^=]*\$\w+\s*=\s*$)"))) {
        return {std::nullopt, "a PHP constant or property default cannot call getenv(): assign getenv('…') in the constructor or where it is used"};
      }
      return {};
    }
    default:
      return {};
  }
}

}  // namespace

Rewrite rewrite_code_group(std::string_view content, Language language, const Group& group) {
  if (group.place != Place::kLiteral) {
    return unfixed_group(group, "not inside a string literal: move the value to the environment by hand");
  }
  const CredentialSpan& s = *group.spans.front();
  if (group.spans.size() > 1 || s.begin != group.container.inner_begin || s.end != group.container.inner_end) {
    return unfixed_group(group, "part of a longer string: build that string from " +
                                    *env_lookup(language, s.env_var) + " instead of the literal");
  }
  DeclFix decl = declaration_fix(content, language, group.container.begin);
  if (!decl.blocked.empty()) return unfixed_group(group, decl.blocked);
  Rewrite r;
  r.edits.push_back({group.container.begin, group.container.end, *env_lookup(language, s.env_var)});
  if (decl.edit) r.edits.push_back(*decl.edit);
  r.fixed.push_back(s.finding);
  r.env_vars.insert(s.env_var);
  r.needs_os_import = language == Language::kPython || language == Language::kGo || language == Language::kCSharp;
  return r;
}

}  // namespace twilint::fix
