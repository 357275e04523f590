#include "fix/imports.h"

#include <string>
#include <vector>

#include "util/text.h"

namespace twilint::fix {
namespace {

struct Line {
  size_t begin = 0;  // offset of the first byte
  size_t next = 0;   // offset of the next line (past the terminator)
  std::string_view text;  // without the terminator ("\n" or "\r\n")
};

std::vector<Line> split_lines(std::string_view content) {
  std::vector<Line> lines;
  size_t at = 0;
  while (at < content.size()) {
    size_t nl = content.find('\n', at);
    size_t stop = nl == std::string_view::npos ? content.size() : nl;
    size_t next = nl == std::string_view::npos ? content.size() : nl + 1;
    std::string_view text = content.substr(at, stop - at);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    lines.push_back({at, next, text});
    at = next;
  }
  return lines;
}

// `import os`, `import sys, os`, `import os.path`: each binds the name os.
bool python_binds_os(std::string_view line) {
  if (!util::starts_with(line, "import ")) return false;
  std::string_view rest = line.substr(7);
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  size_t at = 0;
  while (at <= rest.size()) {
    size_t comma = rest.find(',', at);
    std::string item = util::trim(rest.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
    if (item == "os" || util::starts_with(item, "os.")) return item.find(" as ") == std::string::npos;
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  return false;
}

// Index of the first line after the module docstring that starts at `i`, or `i` if none does.
size_t skip_docstring(const std::vector<Line>& lines, size_t i) {
  std::string t = util::trim(lines[i].text);
  size_t q = t.find_first_of("\"'");
  if (q == std::string::npos || q > 2 || t.size() < q + 3) return i;
  std::string triple = t.substr(q, 3);
  if (triple != "\"\"\"" && triple != "'''") return i;
  if (t.find(triple, q + 3) != std::string::npos) return i + 1;
  for (size_t j = i + 1; j < lines.size(); ++j) {
    if (lines[j].text.find(triple) != std::string_view::npos) return j + 1;
  }
  return i;
}

// Index of the first line after a `from __future__ import …` statement starting at `i`.
size_t skip_future(const std::vector<Line>& lines, size_t i) {
  size_t j = i;
  int depth = 0;
  do {
    for (char c : lines[j].text) depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    ++j;
  } while (depth > 0 && j < lines.size());
  return j;
}

}  // namespace

std::optional<Edit> python_import_os(std::string_view content) {
  std::vector<Line> lines = split_lines(content);
  for (const Line& l : lines) {
    if (python_binds_os(l.text)) return std::nullopt;
  }
  std::string nl(newline_of(content));
  size_t i = 0;
  while (i < lines.size() && (util::starts_with(lines[i].text, "#") || util::trim(lines[i].text).empty())) ++i;
  if (i < lines.size()) {
    size_t after = skip_docstring(lines, i);
    if (after != i) {
      i = after;
      while (i < lines.size() && util::trim(lines[i].text).empty()) ++i;
    }
  }
  while (i < lines.size()) {
    if (util::starts_with(lines[i].text, "from __future__ import")) {
      i = skip_future(lines, i);
    } else if (util::trim(lines[i].text).empty() || util::starts_with(lines[i].text, "#")) {
      size_t j = i;
      while (j < lines.size() && (util::trim(lines[j].text).empty() || util::starts_with(lines[j].text, "#"))) ++j;
      if (j < lines.size() && util::starts_with(lines[j].text, "from __future__ import")) {
        i = j;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  if (i >= lines.size()) {
    bool ends_open = !content.empty() && content.back() != '\n';
    return Edit{content.size(), content.size(), (ends_open ? nl : "") + "import os" + nl};
  }
  const Line& next = lines[i];
  bool next_is_import = util::starts_with(next.text, "import ") || util::starts_with(next.text, "from ");
  bool next_is_blank = util::trim(next.text).empty();
  std::string text = "import os" + nl + (next_is_import || next_is_blank ? "" : nl);
  return Edit{next.begin, next.begin, text};
}

std::optional<Edit> go_import_os(std::string_view content) {
  std::vector<Line> lines = split_lines(content);
  std::string nl(newline_of(content));
  std::optional<size_t> block, last_single, package;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = util::trim(lines[i].text);
    if (t == "import \"os\"") return std::nullopt;
    if (!package && util::starts_with(t, "package ")) package = i;
    if (!block && (t == "import (" || util::starts_with(t, "import ("))) block = i;
    if (util::starts_with(t, "import \"") || util::starts_with(t, "import _ \"")) last_single = i;
  }
  if (block) {
    size_t insert_at = lines.size();
    std::string indent = "\t";
    for (size_t i = *block + 1; i < lines.size(); ++i) {
      std::string t = util::trim(lines[i].text);
      if (t == ")") {
        insert_at = std::min(insert_at, i);
        break;
      }
      if (t == "\"os\"") return std::nullopt;
      size_t q = t.find('"');
      std::string spec_path = q == std::string::npos ? "" : t.substr(q);
      if (!t.empty() && q != std::string::npos) indent = std::string(lines[i].text.substr(0, lines[i].text.find_first_not_of(" \t")));
      if (insert_at == lines.size() && (t.empty() || (q == 0 && spec_path > "\"os\""))) insert_at = i;
    }
    if (insert_at >= lines.size()) return std::nullopt;  // an import block that never closes
    return Edit{lines[insert_at].begin, lines[insert_at].begin, indent + "\"os\"" + nl};
  }
  if (last_single) return Edit{lines[*last_single].next, lines[*last_single].next, "import \"os\"" + nl};
  if (package) {
    size_t at = lines[*package].next;
    bool ends_open = at == content.size() && !content.empty() && content.back() != '\n';
    return Edit{at, at, (ends_open ? nl : "") + nl + "import \"os\"" + nl};
  }
  return std::nullopt;
}

std::optional<Edit> csharp_using_system(std::string_view content) {
  std::vector<Line> lines = split_lines(content);
  std::optional<size_t> first_using;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = util::trim(lines[i].text);
    if (t == "using System;" || t == "global using System;") return std::nullopt;
    if (!first_using && util::starts_with(t, "using ") && t.find('(') == std::string::npos) first_using = i;
  }
  std::string nl(newline_of(content));
  size_t at = first_using ? lines[*first_using].begin : 0;
  return Edit{at, at, "using System;" + nl + (first_using ? "" : nl)};
}

}  // namespace twilint::fix
