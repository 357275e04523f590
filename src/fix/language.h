// Which rewrite rules apply to a file: its language, from the file name (and a shell shebang).
#pragma once

#include <string_view>

namespace twilint::fix {

enum class Language {
  kPython, kJavaScript, kTypeScript, kJava, kKotlin, kCSharp, kGo, kRuby, kPhp, kShell,
  kYaml, kJson, kToml, kIni, kProperties, kDockerfile, kDotenv, kOther,
};

// `path` is '/'-separated; `content` is only looked at for a "#!" line when the name says nothing.
Language detect_language(std::string_view path, std::string_view content);

// "Python", "YAML", …: for messages.
std::string_view language_name(Language language);

// True for the languages whose string literals fix rewrites into an environment lookup.
bool is_code(Language language);

}  // namespace twilint::fix
