// The pre-commit hook twilint installs (hooks/pre-commit in the source tree is this script with
// no baked-in path; a test keeps the two identical).
#pragma once

#include <string>
#include <string_view>

namespace twilint::hooks {

// The line that identifies a hook as twilint's own: install-hook never treats a file carrying it
// as a foreign hook, and uninstall-hook only removes files carrying it.
inline constexpr std::string_view kHookMarker = "# twilint-managed-hook v1";

// Name, in the same directory, under which a pre-existing pre-commit hook is kept and chained.
inline constexpr std::string_view kChainedHookName = "pre-commit.twilint-chained";

// The hook script with `twilint_path` baked in as the last-resort binary (after $TWILINT and
// `twilint` on PATH); an empty path bakes in nothing.
std::string hook_script(const std::string& twilint_path);

// True when `content` is a hook written by twilint (it carries kHookMarker as a whole line).
bool is_twilint_hook(std::string_view content);

}  // namespace twilint::hooks
