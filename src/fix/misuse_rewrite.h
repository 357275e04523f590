// Misuse fixes that are mechanical: an API-key client gets the account SID (Python, Node, Java,
// C#, Go, Ruby, PHP), an Access Token TTL above 24 hours becomes 86400, a v2010 restricted-key
// call becomes the v1 IAM call (Python and Node). Everything else is left with its guidance.
#pragma once

#include <cstddef>
#include <string_view>

#include "fix/language.h"
#include "fix/rewrite.h"

namespace twilint::fix {

// Whether fix has a rewrite for this rule at all (others are listed, never attempted).
bool is_mechanical_misuse(std::string_view rule_id);

// The rewrite for one misuse finding whose construct is at [begin, end) of `content`.
Rewrite rewrite_misuse(std::string_view content, Language language, std::string_view rule_id, size_t begin,
                       size_t end, size_t finding);

}  // namespace twilint::fix
