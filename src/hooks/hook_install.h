// install-hook / uninstall-hook: puts twilint's pre-commit hook in place without ever clobbering
// an existing hook (it is kept and chained), honouring core.hooksPath.
#pragma once

#include <string>

#include "util/status.h"

namespace twilint::hooks {

// Installs the hook in `repo`; returns a one-line message describing what was done. Idempotent.
// `twilint_path` is the binary the hook should run. `force` replaces a previous twilint hook
// (never a foreign one: that is still chained).
util::Expected<std::string> install_hook(const std::string& repo, const std::string& twilint_path, bool force);

// Removes twilint's hook and restores the hook it chained, if any.
util::Expected<std::string> uninstall_hook(const std::string& repo);

}  // namespace twilint::hooks
