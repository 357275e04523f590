// Hard-coded credential values -> the environment: each literal holding exactly one credential
// becomes the language's lookup (quotes included); in shell, YAML and .properties files a word
// holding credentials among other text becomes an interpolation; Dockerfile ENV/ARG lines that
// bake a credential into the image are replaced by a note; formats without a reference form are
// left with an instruction.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fix/language.h"
#include "fix/rewrite.h"

namespace twilint::fix {

struct CredentialSpan {
  size_t begin = 0;  // byte offsets of the value in the file
  size_t end = 0;
  std::string env_var;  // TWILIO_AUTH_TOKEN, …
  size_t finding = 0;   // index into the file's findings
};

// `path` is the '/'-separated path (picks GitHub workflow / serverless / Kubernetes conventions).
Rewrite rewrite_credentials(std::string_view content, std::string_view path, Language language,
                            const std::vector<CredentialSpan>& spans);

}  // namespace twilint::fix
