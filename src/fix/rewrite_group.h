// Internal to credential_rewrite: the credentials that share one literal or word, and the
// per-family rewriters (code_rewrite.cc, config_rewrite.cc).
#pragma once

#include <string_view>
#include <vector>

#include "fix/credential_rewrite.h"
#include "fix/literal.h"

namespace twilint::fix {

struct Group {
  Place place = Place::kBare;
  Literal container;  // the literal or word that holds every span of the group
  std::vector<const CredentialSpan*> spans;  // in offset order
};

// Python, JS/TS, Java, Kotlin, C#, Go, Ruby, PHP.
Rewrite rewrite_code_group(std::string_view content, Language language, const Group& group);

// Shell, YAML, .properties, Dockerfile; JSON, TOML, INI, dotenv and others get an instruction.
Rewrite rewrite_config_group(std::string_view content, std::string_view path, Language language, const Group& group);

// The byte range of the line holding `offset`, without its terminator.
struct LineSpan {
  size_t begin = 0;
  size_t end = 0;
};
LineSpan line_around(std::string_view content, size_t offset);

// One Unfixed per span of the group, all with `reason`.
Rewrite unfixed_group(const Group& group, const std::string& reason);

}  // namespace twilint::fix
