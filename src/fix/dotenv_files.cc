#include "fix/dotenv_files.h"

#include "util/text.h"

namespace twilint::fix {
namespace {

bool names(std::string_view text, const std::string& var) {
  size_t at = 0;
  while (at <= text.size()) {
    size_t nl = text.find('\n', at);
    std::string line = util::trim(text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at));
    if (util::starts_with(line, "export ")) line = util::trim(line.substr(7));
    if (util::starts_with(line, var + "=") || line == var) return true;
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return false;
}

std::string separator(std::string_view existing, std::string_view nl) {
  return existing.empty() || existing.back() == '\n' ? "" : std::string(nl);
}

}  // namespace

std::optional<Edit> env_example_additions(std::string_view existing, const std::set<std::string>& vars) {
  std::string nl(existing.empty() ? "\n" : newline_of(existing));
  std::string add;
  for (const std::string& v : vars) {
    if (!names(existing, v)) add += v + "=" + nl;
  }
  if (add.empty()) return std::nullopt;
  std::string header = existing.empty()
                           ? "# Names of the environment variables this project reads; set the values in .env" + nl +
                                 "# (ignored by git) or your secret manager, never in this file." + nl
                           : "";
  return Edit{existing.size(), existing.size(), separator(existing, nl) + header + add};
}

std::optional<Edit> gitignore_add_env(std::string_view existing) {
  for (std::string_view pattern : {".env", "/.env", ".env*", "*.env"}) {
    if (names(existing, std::string(pattern))) return std::nullopt;
  }
  return gitignore_append_env(existing);
}

Edit gitignore_append_env(std::string_view existing) {
  std::string nl(existing.empty() ? "\n" : newline_of(existing));
  return Edit{existing.size(), existing.size(), separator(existing, nl) + ".env" + nl};
}

}  // namespace twilint::fix
