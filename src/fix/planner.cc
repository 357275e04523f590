#include "fix/planner.h"

#include <algorithm>

#include "fix/credential_rewrite.h"
#include "fix/env_lookup.h"
#include "fix/imports.h"
#include "fix/misuse_rewrite.h"
#include "util/text.h"

namespace twilint::fix {
namespace {

struct Offsets {
  size_t begin = 0;
  size_t end = 0;
};

std::optional<Offsets> offsets_of(const util::LineIndex& lines, std::string_view content, const model::Finding& f) {
  if (f.line < 1 || f.end_line < f.line) return std::nullopt;
  size_t b = lines.line_start(f.line) + static_cast<size_t>(std::max(f.column, 1) - 1);
  size_t e = lines.line_start(f.end_line) + static_cast<size_t>(std::max(f.end_column, 1) - 1);
  if (b >= e || e > content.size()) return std::nullopt;
  return Offsets{b, e};
}

bool conflicts(const std::vector<Edit>& accepted, const Edit& e) {
  for (const Edit& a : accepted) {
    bool same = a.begin == e.begin && a.end == e.end && a.text == e.text;
    if (!same && edits_overlap(a, e)) return true;
  }
  return false;
}

bool contains(const std::vector<Edit>& accepted, const Edit& e) {
  return std::any_of(accepted.begin(), accepted.end(),
                     [&](const Edit& a) { return a.begin == e.begin && a.end == e.end && a.text == e.text; });
}

// Adds the rewrite's edits to the plan unless one of them collides with an edit already taken.
void accept(FilePlan& plan, Rewrite&& r) {
  bool clash = std::any_of(r.edits.begin(), r.edits.end(), [&](const Edit& e) { return conflicts(plan.edits, e); });
  for (size_t i = 0; i < r.edits.size() && !clash; ++i) {
    std::vector<Edit> others(r.edits.begin(), r.edits.begin() + static_cast<long>(i));
    clash = conflicts(others, r.edits[i]);
  }
  if (clash) {
    for (size_t f : r.fixed) plan.unfixed.push_back({f, "overlaps another rewrite on the same code: run twilint fix again after this one"});
  } else {
    for (Edit& e : r.edits) {
      if (!contains(plan.edits, e)) plan.edits.push_back(std::move(e));
    }
    plan.fixed.insert(plan.fixed.end(), r.fixed.begin(), r.fixed.end());
    plan.env_vars.merge(r.env_vars);
    for (std::string& n : r.notes) plan.notes.push_back(std::move(n));
  }
  for (Unfixed& u : r.unfixed) plan.unfixed.push_back(std::move(u));
}

}  // namespace

FilePlan plan_file(std::string_view path, std::string_view content, const std::vector<model::Finding>& findings,
                   const std::set<std::string>& rule_filter) {
  FilePlan plan;
  Language language = detect_language(path, content);
  util::LineIndex lines(content);
  std::vector<CredentialSpan> spans;
  std::vector<Rewrite> misuse;
  for (size_t i = 0; i < findings.size(); ++i) {
    const model::Finding& f = findings[i];
    if (!rule_filter.empty() && rule_filter.count(f.rule_id) == 0) continue;
    std::optional<Offsets> at = offsets_of(lines, content, f);
    std::optional<std::string_view> var = env_var_for_rule(f.rule_id);
    if (at && var && content.substr(at->begin, at->end - at->begin) == f.secret) {
      spans.push_back({at->begin, at->end, std::string(*var), i});
    } else if (at && f.kind == model::RuleKind::kMisuse && is_mechanical_misuse(f.rule_id)) {
      misuse.push_back(rewrite_misuse(content, language, f.rule_id, at->begin, at->end, i));
    } else if (f.kind != model::RuleKind::kIdentifier) {
      plan.unfixed.push_back({i, "no mechanical fix"});
    }
  }
  Rewrite credentials = rewrite_credentials(content, path, language, spans);
  bool needs_os = credentials.needs_os_import;
  // Identifiers are not secrets: a SID fix cannot rewrite is not worth a line of the report.
  std::erase_if(credentials.unfixed, [&](const Unfixed& u) { return findings[u.finding].kind == model::RuleKind::kIdentifier; });
  accept(plan, std::move(credentials));
  for (Rewrite& r : misuse) {
    bool os = r.needs_os_import;
    size_t before = plan.fixed.size();
    accept(plan, std::move(r));
    needs_os = needs_os || (os && plan.fixed.size() > before);
  }
  if (needs_os) {
    std::optional<Edit> import = language == Language::kGo       ? go_import_os(content)
                                 : language == Language::kCSharp ? csharp_using_system(content)
                                                                 : python_import_os(content);
    if (import && !conflicts(plan.edits, *import)) plan.edits.push_back(std::move(*import));
  }
  plan.after = apply_edits(content, plan.edits);
  std::sort(plan.fixed.begin(), plan.fixed.end());
  std::sort(plan.unfixed.begin(), plan.unfixed.end(), [](const Unfixed& a, const Unfixed& b) { return a.finding < b.finding; });
  return plan;
}

}  // namespace twilint::fix
