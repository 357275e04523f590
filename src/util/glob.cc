#include "util/glob.h"

namespace twilint::util {
namespace {

// Expands the first {a,b} group recursively. Returns false on an unclosed brace.
bool expand_braces(const std::string& pattern, std::vector<std::string>& out) {
  size_t open = pattern.find('{');
  if (open == std::string::npos) {
    out.push_back(pattern);
    return true;
  }
  int depth = 0;
  size_t close = std::string::npos;
  std::vector<size_t> commas;
  for (size_t i = open; i < pattern.size(); ++i) {
    if (pattern[i] == '{') ++depth;
    if (pattern[i] == '}' && --depth == 0) {
      close = i;
      break;
    }
    if (pattern[i] == ',' && depth == 1) commas.push_back(i);
  }
  if (close == std::string::npos) return false;
  std::string head = pattern.substr(0, open);
  std::string tail = pattern.substr(close + 1);
  size_t start = open + 1;
  commas.push_back(close);
  for (size_t comma : commas) {
    if (!expand_braces(head + pattern.substr(start, comma - start) + tail, out)) return false;
    start = comma + 1;
  }
  return true;
}

// Matches a character class starting at pattern[p] == '['. Sets `end` past the closing ']'.
bool match_class(std::string_view pat, size_t p, char c, size_t& end) {
  size_t i = p + 1;
  bool negate = i < pat.size() && (pat[i] == '!' || pat[i] == '^');
  if (negate) ++i;
  bool hit = false;
  bool first = true;
  for (; i < pat.size() && (first || pat[i] != ']'); ++i, first = false) {
    if (i + 2 < pat.size() && pat[i + 1] == '-' && pat[i + 2] != ']') {
      if (c >= pat[i] && c <= pat[i + 2]) hit = true;
      i += 2;
    } else if (pat[i] == c) {
      hit = true;
    }
  }
  end = i + 1;
  return hit != negate && c != '/';
}

bool match_here(std::string_view pat, size_t p, std::string_view s, size_t i) {
  while (p < pat.size()) {
    char pc = pat[p];
    if (pc == '*') {
      bool globstar = p + 1 < pat.size() && pat[p + 1] == '*';
      if (globstar) {
        size_t next = p + 2;
        // "**/" may match zero segments.
        if (next < pat.size() && pat[next] == '/') {
          if (match_here(pat, next + 1, s, i)) return true;
        }
        for (size_t k = i; k <= s.size(); ++k) {
          if (match_here(pat, next, s, k)) return true;
        }
        return false;
      }
      for (size_t k = i; k <= s.size(); ++k) {
        if (match_here(pat, p + 1, s, k)) return true;
        if (k < s.size() && s[k] == '/') break;
      }
      return false;
    }
    if (i >= s.size()) return false;
    if (pc == '?') {
      if (s[i] == '/') return false;
      ++p;
      ++i;
      continue;
    }
    if (pc == '[') {
      size_t end = 0;
      if (!match_class(pat, p, s[i], end)) return false;
      p = end;
      ++i;
      continue;
    }
    if (pc == '\\' && p + 1 < pat.size()) ++p;
    if (pat[p] != s[i]) return false;
    ++p;
    ++i;
  }
  return i == s.size();
}

}  // namespace

Expected<Glob> Glob::compile(std::string_view pattern) {
  Glob glob;
  glob.pattern_ = std::string(pattern);
  std::string body(pattern);
  if (body.empty()) return Diagnostic{"", 0, "empty glob"};
  if (body.size() > 1 && body.back() == '/') {
    glob.directory_prefix_ = true;
    body.pop_back();
  }
  // Decided before stripping a leading "/" or "./": those anchor the pattern at the root, as in
  // .gitignore ("/build" is only the top-level build).
  glob.basename_only_ = body.find('/') == std::string::npos;
  if (body.rfind("./", 0) == 0) body.erase(0, 2);
  if (!body.empty() && body.front() == '/') body.erase(0, 1);
  if (body.empty()) return Diagnostic{"", 0, "glob '" + glob.pattern_ + "' matches nothing"};
  int depth = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\') { ++i; continue; }
    if (body[i] == '[' && body.find(']', i + 2) == std::string::npos) {
      return Diagnostic{"", 0, "unclosed '[' in glob '" + glob.pattern_ + "'"};
    }
    if (body[i] == '{') ++depth;
    if (body[i] == '}' && --depth < 0) return Diagnostic{"", 0, "unmatched '}' in glob '" + glob.pattern_ + "'"};
  }
  if (depth != 0 || !expand_braces(body, glob.alternatives_)) {
    return Diagnostic{"", 0, "unclosed '{' in glob '" + glob.pattern_ + "'"};
  }
  return glob;
}

bool Glob::matches(std::string_view path) const {
  if (path.rfind("./", 0) == 0) path.remove_prefix(2);
  for (const std::string& alt : alternatives_) {
    if (basename_only_) {
      // Any segment may match: "node_modules" excludes everything below such a directory too.
      size_t start = 0;
      while (start <= path.size()) {
        size_t slash = path.find('/', start);
        size_t end = slash == std::string_view::npos ? path.size() : slash;
        bool is_last = slash == std::string_view::npos;
        // A directory glob ("vendor/") matches only segments that have something below them.
        if ((!directory_prefix_ || !is_last) && match_here(alt, 0, path.substr(start, end - start), 0)) {
          return true;
        }
        if (is_last) break;
        start = slash + 1;
      }
      continue;
    }
    // Anchored: the path itself, or any directory above it, may match.
    if (!directory_prefix_ && match_here(alt, 0, path, 0)) return true;
    for (size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
      if (match_here(alt, 0, path.substr(0, slash), 0)) return true;
    }
  }
  return false;
}

bool any_matches(const std::vector<Glob>& globs, std::string_view path) {
  for (const Glob& g : globs) {
    if (g.matches(path)) return true;
  }
  return false;
}

}  // namespace twilint::util
