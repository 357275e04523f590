#include "fix/credential_rewrite.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

#include "fix/rewrite_group.h"

namespace twilint::fix {
namespace {

// The value part of a YAML line (after "key:" and/or "- "), without a trailing comment.
Literal yaml_plain_value(std::string_view content, size_t begin, size_t end) {
  LineSpan line = line_around(content, begin);
  std::string_view text = content.substr(line.begin, line.end - line.begin);
  size_t v = text.find_first_not_of(" \t");
  if (v != std::string_view::npos && text.compare(v, 2, "- ") == 0) v += 2;
  size_t colon = text.find(": ", v);
  if (colon != std::string_view::npos && line.begin + colon < begin) v = colon + 2;
  while (v < text.size() && (text[v] == ' ' || text[v] == '\t')) ++v;
  size_t e = text.find(" #", v);
  if (e == std::string_view::npos) e = text.size();
  while (e > v && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
  Literal lit{line.begin + v, line.begin + e, line.begin + v, line.begin + e, '\0'};
  if (lit.begin > begin || lit.end < end) return Literal{begin, end, begin, end, '\0'};
  return lit;
}

// The value part of a .properties line (after the first '=' or ':').
Literal properties_value(std::string_view content, size_t begin, size_t end) {
  LineSpan line = line_around(content, begin);
  std::string_view text = content.substr(line.begin, line.end - line.begin);
  size_t sep = text.find_first_of("=:");
  size_t v = sep == std::string_view::npos ? 0 : sep + 1;
  while (v < text.size() && (text[v] == ' ' || text[v] == '\t')) ++v;
  size_t e = text.size();
  while (e > v && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
  Literal lit{line.begin + v, line.begin + e, line.begin + v, line.begin + e, '\0'};
  if (lit.begin > begin || lit.end < end) return Literal{begin, end, begin, end, '\0'};
  return lit;
}

Literal bare_container(std::string_view content, const CredentialSpan& s, Language language) {
  switch (language) {
    case Language::kShell: return enclosing_word(content, s.begin, s.end);
    case Language::kYaml: return yaml_plain_value(content, s.begin, s.end);
    case Language::kProperties: return properties_value(content, s.begin, s.end);
    default: return Literal{s.begin, s.end, s.begin, s.end, '\0'};
  }
}

}  // namespace

LineSpan line_around(std::string_view content, size_t offset) {
  size_t b = offset == 0 ? 0 : content.rfind('\n', offset - 1);
  b = b == std::string_view::npos || offset == 0 ? 0 : b + 1;
  size_t e = content.find('\n', offset);
  if (e == std::string_view::npos) e = content.size();
  if (e > b && content[e - 1] == '\r') --e;
  return {b, e};
}

Rewrite unfixed_group(const Group& group, const std::string& reason) {
  Rewrite r;
  for (const CredentialSpan* s : group.spans) r.unfixed.push_back({s->finding, reason});
  return r;
}

Rewrite rewrite_credentials(std::string_view content, std::string_view path, Language language,
                            const std::vector<CredentialSpan>& spans) {
  Rewrite out;
  // By container range in file order, an outer container before the inner ones that start with it.
  std::map<std::pair<size_t, size_t>, Group> groups;
  std::vector<const CredentialSpan*> ordered;
  for (const CredentialSpan& s : spans) ordered.push_back(&s);
  std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) { return a->begin < b->begin; });
  for (const CredentialSpan* s : ordered) {
    Located where = locate(content, s->begin, s->end, language);
    if (where.place == Place::kComment) {
      out.unfixed.push_back({s->finding, "in a comment: delete the value (no lookup can replace a comment)"});
      continue;
    }
    if (where.place == Place::kUnknown) {
      out.unfixed.push_back({s->finding, "inside a multi-line string: move the value to " + s->env_var +
                                             " in the environment and read it from there by hand"});
      continue;
    }
    Literal container = where.place == Place::kLiteral ? where.literal : bare_container(content, *s, language);
    Group& g = groups[{container.begin, SIZE_MAX - container.end}];
    g.place = where.place;
    g.container = container;
    g.spans.push_back(s);
  }
  // A container inside another (the lexer saw a quote inside a bare YAML value) joins the outer one.
  std::vector<Group> merged;
  for (auto& [range, group] : groups) {
    if (!merged.empty() && group.container.begin < merged.back().container.end) {
      Group& outer = merged.back();
      if (group.container.end <= outer.container.end) {
        outer.spans.insert(outer.spans.end(), group.spans.begin(), group.spans.end());
      } else {
        out.merge(unfixed_group(group, "could not tell where the value's quoting ends: move it to the environment by hand"));
      }
      continue;
    }
    merged.push_back(std::move(group));
  }
  for (Group& group : merged) {
    std::sort(group.spans.begin(), group.spans.end(), [](const auto* a, const auto* b) { return a->begin < b->begin; });
    out.merge(is_code(language) ? rewrite_code_group(content, language, group)
                                : rewrite_config_group(content, path, language, group));
  }
  return out;
}

}  // namespace twilint::fix
