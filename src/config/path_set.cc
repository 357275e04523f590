#include "config/path_set.h"

#include <cstdio>

namespace twilint::config {
namespace {

// One byte as an RE2 escape, safe inside and outside classes.
std::string byte_escape(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x{%02x}", c);
  return buf;
}

// Translates the class starting at body[p] == '[' the way util::Glob's match_class reads it,
// and sets `end` past it. nullopt when the class is one the translation does not mirror.
std::optional<std::string> translate_class(const std::string& body, size_t p, size_t& end) {
  size_t i = p + 1;
  bool negate = i < body.size() && (body[i] == '!' || body[i] == '^');
  if (negate) ++i;
  std::vector<std::pair<unsigned char, unsigned char>> ranges;
  bool first = true;
  for (; i < body.size() && (first || body[i] != ']'); ++i, first = false) {
    unsigned char lo = static_cast<unsigned char>(body[i]);
    unsigned char hi = lo;
    if (i + 2 < body.size() && body[i + 1] == '-' && body[i + 2] != ']') {
      hi = static_cast<unsigned char>(body[i + 2]);
      i += 2;
    }
    // Glob compares signed chars and expands braces before reading classes: leave those to it.
    if (lo >= 0x80 || hi >= 0x80 || body.substr(p, i - p + 1).find_first_of("{},") != std::string::npos) {
      return std::nullopt;
    }
    if (lo > hi) continue;  // an empty range matches nothing
    // A class never matches '/': split it out of the range.
    if (lo <= '/' && '/' <= hi) {
      if (lo < '/') ranges.emplace_back(lo, static_cast<unsigned char>('/' - 1));
      if (hi > '/') ranges.emplace_back(static_cast<unsigned char>('/' + 1), hi);
    } else {
      ranges.emplace_back(lo, hi);
    }
  }
  if (i >= body.size()) return std::nullopt;  // unterminated
  end = i + 1;
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "literal" + std::string.
  std::string out = negate ? "[^" : "[";
  if (negate) out += byte_escape('/');
  for (auto [lo, hi] : ranges) {
    out += byte_escape(lo);
    if (hi != lo) out.append("-").append(byte_escape(hi));
  }
  if (!negate && ranges.empty()) return std::string("[^\\x{00}-\\x{ff}]");  // matches nothing
  return out + "]";
}

}  // namespace

std::optional<std::string> glob_to_regex(const util::Glob& glob) {
  // Normalise exactly as Glob::compile does.
  std::string body = glob.pattern();
  bool directory = false;
  if (body.size() > 1 && body.back() == '/') {
    directory = true;
    body.pop_back();
  }
  bool basename_only = body.find('/') == std::string::npos;
  if (body.rfind("./", 0) == 0) body.erase(0, 2);
  if (!body.empty() && body.front() == '/') body.erase(0, 1);
  if (body.empty() || body.find('\\') != std::string::npos) return std::nullopt;

  std::string re;
  int depth = 0;
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == '*') {
      if (i + 1 < body.size() && body[i + 1] == '*') {
        char next = i + 2 < body.size() ? body[i + 2] : '\0';
        // Brace expansion could put a '/' (or nothing) right after "**"; Glob then lets "**/" match
        // zero segments, which a fixed translation cannot know.
        if (next == '{' || next == '}' || next == ',') return std::nullopt;
        if (basename_only) {  // applied to one segment, so it cannot cross '/'
          re += "[^/]*";
          i += 2;
        } else if (next == '/') {
          re += "(?:.*/)?";
          i += 3;
        } else {
          re += ".*";
          i += 2;
        }
        continue;
      }
      re += "[^/]*";
      ++i;
    } else if (c == '?') {
      re += "[^/]";
      ++i;
    } else if (c == '[') {
      size_t end = 0;
      std::optional<std::string> cls = translate_class(body, i, end);
      if (!cls) return std::nullopt;
      re += *cls;
      i = end;
    } else if (c == '{') {
      re += "(?:";
      ++depth;
      ++i;
    } else if (c == ',' && depth > 0) {
      re += "|";
      ++i;
    } else if (c == '}') {
      if (depth == 0) return std::nullopt;
      re += ")";
      --depth;
      ++i;
    } else {
      re += byte_escape(static_cast<unsigned char>(c));
      ++i;
    }
  }
  if (depth != 0) return std::nullopt;
  const std::string start = basename_only ? "(?:^|/)" : "^";
  // Glob lets an anchored pattern match a directory above the file, and a directory pattern only
  // a segment with something below it.
  const std::string finish = directory ? "/" : "(?:/|$)";
  return start + "(?:" + re + ")" + finish;
}

PathSet::PathSet(const std::vector<util::Glob>& globs) {
  std::string combined;
  std::vector<const util::Glob*> translated;
  for (const util::Glob& g : globs) {
    std::optional<std::string> re = glob_to_regex(g);
    if (!re) {
      fallback_.push_back(g);
      continue;
    }
    combined += (combined.empty() ? "" : "|") + *re;
    translated.push_back(&g);
  }
  if (combined.empty()) return;
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);  // paths are bytes, not always UTF-8
  options.set_dot_nl(true);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto regex = std::make_shared<RE2>(combined, options);
  if (regex->ok()) {
    regex_ = std::move(regex);
  } else {
    for (const util::Glob* g : translated) fallback_.push_back(*g);  // still correct, only slower
  }
}

bool PathSet::matches(std::string_view path) const {
  std::string_view relative = path;
  if (relative.rfind("./", 0) == 0) relative.remove_prefix(2);  // as Glob::matches does
  if (regex_ != nullptr && RE2::PartialMatch(re2::StringPiece(relative.data(), relative.size()), *regex_)) {
    return true;
  }
  return util::any_matches(fallback_, path);
}

}  // namespace twilint::config
