#include "report/terminal_markdown.h"

#include <algorithm>
#include <sstream>

#include <re2/re2.h>

namespace twilint::report {
namespace {

// **text** as bold (SGR 1) with colour, as plain text without.
std::string bold_spans(std::string line, bool color) {
  static const RE2 kBold(R"(\*\*([^*]+)\*\*)");
  RE2::GlobalReplace(&line, kBold, color ? "\x1b[1m\\1\x1b[0m" : "\\1");
  return line;
}

// A link seen before on an earlier line is shortened to "(link above)" so each is shown once.
std::string links_once(const std::string& line, std::vector<std::string>& seen) {
  std::string out;
  size_t pos = 0;
  for (const std::string& link : links_in(line)) {
    size_t at = line.find(link, pos);
    out += line.substr(pos, at - pos);
    bool repeated = std::find(seen.begin(), seen.end(), link) != seen.end();
    out += repeated ? "(link above)" : link;
    if (!repeated) seen.push_back(link);
    pos = at + link.size();
  }
  return out + line.substr(pos);
}

}  // namespace

std::vector<std::string> links_in(std::string_view text) {
  static const RE2 kLink(R"((https?://[^\s)<>`'",]+[^\s)<>`'",.;:]))");
  std::vector<std::string> out;
  re2::StringPiece rest(text.data(), text.size());
  std::string link;
  while (RE2::FindAndConsume(&rest, kLink, &link)) {
    if (std::find(out.begin(), out.end(), link) == out.end()) out.push_back(link);
  }
  return out;
}

std::string render_guidance(std::string_view markdown, bool color) {
  std::istringstream in{std::string(markdown)};
  std::string out;
  std::vector<std::string> seen_links;
  bool in_code = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) {  // a fence: the text before it names the language
      in_code = !in_code;
      continue;
    }
    if (in_code) {
      out += "    " + line + "\n";  // code verbatim, indented: safe to copy
      continue;
    }
    out += bold_spans(links_once(line, seen_links), color) + "\n";
  }
  return out;
}

}  // namespace twilint::report
