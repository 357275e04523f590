#include "fix/language.h"

#include <array>
#include <string>
#include <utility>

#include "util/text.h"

namespace twilint::fix {
namespace {

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view extension(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? std::string_view{} : name.substr(dot + 1);
}

Language from_shebang(std::string_view content) {
  if (!util::starts_with(content, "#!")) return Language::kOther;
  std::string_view first = content.substr(0, content.find('\n'));
  if (first.find("python") != std::string_view::npos) return Language::kPython;
  if (first.find("node") != std::string_view::npos) return Language::kJavaScript;
  if (first.find("ruby") != std::string_view::npos) return Language::kRuby;
  if (first.find("php") != std::string_view::npos) return Language::kPhp;
  for (std::string_view sh : {"/sh", "bash", "zsh", "dash", "ksh"}) {
    if (first.find(sh) != std::string_view::npos) return Language::kShell;
  }
  return Language::kOther;
}

}  // namespace

Language detect_language(std::string_view path, std::string_view content) {
  std::string name = util::to_lower(base_name(path));
  if (name == "dockerfile" || util::starts_with(name, "dockerfile.") || util::ends_with(name, ".dockerfile")) {
    return Language::kDockerfile;
  }
  if (name == ".env" || util::starts_with(name, ".env.") || util::ends_with(name, ".env")) return Language::kDotenv;
  static const std::array<std::pair<std::string_view, Language>, 30> kByExtension = {{
      {"py", Language::kPython},       {"pyw", Language::kPython},     {"js", Language::kJavaScript},
      {"mjs", Language::kJavaScript},  {"cjs", Language::kJavaScript}, {"jsx", Language::kJavaScript},
      {"ts", Language::kTypeScript},   {"tsx", Language::kTypeScript}, {"mts", Language::kTypeScript},
      {"java", Language::kJava},       {"kt", Language::kKotlin},      {"kts", Language::kKotlin},
      {"cs", Language::kCSharp},       {"go", Language::kGo},          {"rb", Language::kRuby},
      {"php", Language::kPhp},         {"sh", Language::kShell},       {"bash", Language::kShell},
      {"zsh", Language::kShell},       {"yml", Language::kYaml},       {"yaml", Language::kYaml},
      {"json", Language::kJson},       {"toml", Language::kToml},      {"ini", Language::kIni},
      {"cfg", Language::kIni},         {"conf", Language::kIni},       {"properties", Language::kProperties},
      {"rake", Language::kRuby},       {"gemspec", Language::kRuby},   {"cts", Language::kTypeScript},
  }};
  std::string_view ext = extension(name);
  for (const auto& [e, language] : kByExtension) {
    if (ext == e) return language;
  }
  if (name == "gemfile" || name == "rakefile") return Language::kRuby;
  return ext.empty() ? from_shebang(content) : Language::kOther;
}

std::string_view language_name(Language language) {
  switch (language) {
    case Language::kPython: return "Python";
    case Language::kJavaScript: return "JavaScript";
    case Language::kTypeScript: return "TypeScript";
    case Language::kJava: return "Java";
    case Language::kKotlin: return "Kotlin";
    case Language::kCSharp: return "C#";
    case Language::kGo: return "Go";
    case Language::kRuby: return "Ruby";
    case Language::kPhp: return "PHP";
    case Language::kShell: return "shell";
    case Language::kYaml: return "YAML";
    case Language::kJson: return "JSON";
    case Language::kToml: return "TOML";
    case Language::kIni: return "INI";
    case Language::kProperties: return "properties";
    case Language::kDockerfile: return "Dockerfile";
    case Language::kDotenv: return "dotenv";
    case Language::kOther: break;
  }
  return "this file type";
}

bool is_code(Language language) {
  switch (language) {
    case Language::kPython: case Language::kJavaScript: case Language::kTypeScript: case Language::kJava:
    case Language::kKotlin: case Language::kCSharp: case Language::kGo: case Language::kRuby: case Language::kPhp:
      return true;
    default:
      return false;
  }
}

}  // namespace twilint::fix
