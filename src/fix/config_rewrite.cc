// Configuration and scripts: the reference form each ecosystem uses. Shell words become
// double-quoted strings with "${X}"; YAML values become ${X} (docker-compose), ${{ secrets.X }}
// (GitHub Actions workflows), ${env:X} (Serverless) or, for a Kubernetes container env entry, a
// secretKeyRef; .properties values become ${X} (Spring placeholders); a Dockerfile ENV/ARG line
// that bakes a credential into the image is replaced by a note to pass it at run time.
#include <cctype>
#include <optional>
#include <string>

#include "fix/rewrite_group.h"
#include "util/text.h"

namespace twilint::fix {
namespace {

enum class Quoting { kDouble, kSingle, kNone };

// The container's text with each credential replaced by `ref(var)`; literal text around them
// escaped for the quoting of the result when the source quoting differs.
template <typename Ref>
std::string rebuild(std::string_view content, const Group& g, Quoting out, bool escape_text, Ref ref) {
  std::string body;
  size_t at = g.container.inner_begin;
  auto text = [&](std::string_view t) {
    for (char c : t) {
      if (escape_text && out == Quoting::kDouble && std::string_view("\\\"$`").find(c) != std::string_view::npos) body += '\\';
      body += c;
    }
  };
  for (const CredentialSpan* s : g.spans) {
    text(content.substr(at, s->begin - at));
    body += ref(s->env_var);
    at = s->end;
  }
  text(content.substr(at, g.container.inner_end - at));
  switch (out) {
    case Quoting::kDouble: return "\"" + body + "\"";
    case Quoting::kSingle: return "'" + body + "'";
    case Quoting::kNone: break;
  }
  return body;
}

Rewrite edit_group(const Group& g, std::string text) {
  Rewrite r;
  r.edits.push_back({g.container.begin, g.container.end, std::move(text)});
  for (const CredentialSpan* s : g.spans) {
    r.fixed.push_back(s->finding);
    r.env_vars.insert(s->env_var);
  }
  return r;
}

Rewrite shell(std::string_view content, const Group& g) {
  bool already_double = g.container.quote == '"';
  return edit_group(g, rebuild(content, g, Quoting::kDouble, !already_double,
                               [](const std::string& v) { return "${" + v + "}"; }));
}

bool is_kubernetes(std::string_view content) {
  return content.find("\napiVersion:") != std::string_view::npos || util::starts_with(content, "apiVersion:")
             ? content.find("\nkind:") != std::string_view::npos || util::starts_with(content, "kind:")
             : false;
}

// `value: <credential>` of a container env entry -> valueFrom.secretKeyRef.
std::optional<Rewrite> kubernetes_env(std::string_view content, const Group& g) {
  if (g.spans.size() != 1 || g.spans.front()->begin != g.container.inner_begin ||
      g.spans.front()->end != g.container.inner_end) {
    return std::nullopt;
  }
  LineSpan line = line_around(content, g.container.begin);
  std::string_view text = content.substr(line.begin, g.container.begin - line.begin);
  size_t indent = text.find_first_not_of(' ');
  if (indent == std::string_view::npos || util::trim(text.substr(indent)) != "value:") return std::nullopt;
  std::string pad(indent, ' ');
  std::string nl(newline_of(content));
  const std::string& var = g.spans.front()->env_var;
  Rewrite r;
  r.edits.push_back({line.begin, line.end,
                     pad + "valueFrom:" + nl + pad + "  secretKeyRef:" + nl + pad + "    name: twilio" + nl + pad +
                         "    key: " + var});
  r.fixed.push_back(g.spans.front()->finding);
  r.env_vars.insert(var);
  r.notes.push_back("create the Kubernetes Secret the manifest now refers to: kubectl create secret generic twilio --from-literal=" +
                    var + "=<new value>");
  return r;
}

Rewrite yaml(std::string_view content, std::string_view path, const Group& g) {
  bool workflow = path.find(".github/workflows/") != std::string_view::npos;
  std::string base(path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1));
  bool serverless = util::starts_with(util::to_lower(base), "serverless");
  if (!workflow && !serverless && is_kubernetes(content)) {
    if (auto k8s = kubernetes_env(content, g)) return std::move(*k8s);
    return unfixed_group(g, "Kubernetes manifest: put the value in a Secret and refer to it with valueFrom.secretKeyRef");
  }
  auto ref = [&](const std::string& v) {
    return workflow ? "${{ secrets." + v + " }}" : serverless ? "${env:" + v + "}" : "${" + v + "}";
  };
  Quoting out = g.container.quote == '\'' ? Quoting::kSingle : Quoting::kDouble;
  Rewrite r = edit_group(g, rebuild(content, g, out, g.container.quote == '\0', ref));
  if (workflow) {
    for (const std::string& v : r.env_vars) {
      r.notes.push_back("add the repository secret " + v + " (Settings > Secrets and variables > Actions) with the new value");
    }
  }
  return r;
}

// ENV X=value / ENV X value / ARG X=value with one variable on the line.
std::optional<Rewrite> dockerfile(std::string_view content, const Group& g) {
  LineSpan line = line_around(content, g.container.begin);
  std::string t = util::trim(content.substr(line.begin, line.end - line.begin));
  std::string upper = t.substr(0, 4);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if ((upper != "ENV " && upper != "ARG ") || (!t.empty() && t.back() == '\\')) return std::nullopt;
  std::string rest = util::trim(t.substr(4));
  size_t eq = rest.find('=');
  size_t space = rest.find_first_of(" \t");
  bool one_var = eq != std::string::npos ? rest.find('=', eq + 1) == std::string::npos : space != std::string::npos;
  if (!one_var) return std::nullopt;
  std::string name = rest.substr(0, std::min(eq, space));
  Rewrite r;
  const std::string& var = g.spans.front()->env_var;
  r.edits.push_back({line.begin, line.end,
                     "# " + name + ": not baked into the image; pass it at run time (docker run -e " + var +
                         ", or the compose service's environment:)"});
  for (const CredentialSpan* s : g.spans) {
    r.fixed.push_back(s->finding);
    r.env_vars.insert(s->env_var);
  }
  return r;
}

std::string no_reference_form(Language language, const std::string& var) {
  switch (language) {
    case Language::kJson:
      return "JSON has no environment reference: remove the value and have the program read " + var +
             " from the environment (or its config loader's environment override)";
    case Language::kDotenv:
      return "a dotenv file holds values by design: keep it out of git (.gitignore) and commit only .env.example";
    default:
      return std::string(language_name(language)) + " has no environment reference: remove the value and have the program read " +
             var + " from the environment";
  }
}

}  // namespace

Rewrite rewrite_config_group(std::string_view content, std::string_view path, Language language, const Group& g) {
  const std::string& var = g.spans.front()->env_var;
  switch (language) {
    case Language::kShell:
      return shell(content, g);
    case Language::kYaml:
      return yaml(content, path, g);
    case Language::kProperties:
      if (g.place == Place::kLiteral) break;
      return edit_group(g, rebuild(content, g, Quoting::kNone, false, [](const std::string& v) { return "${" + v + "}"; }));
    case Language::kDockerfile:
      if (auto r = dockerfile(content, g)) return std::move(*r);
      return unfixed_group(g, "Dockerfile: do not bake credentials into an image; pass " + var +
                                  " at run time (docker run -e, compose environment:) or as a build secret (RUN --mount=type=secret)");
    default:
      break;
  }
  return unfixed_group(g, no_reference_form(language, var));
}

}  // namespace twilint::fix
