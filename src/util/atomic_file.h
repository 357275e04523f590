// Writes a report where the user asked: a regular file (or a path that does not exist yet) is
// written to a temp file in the same directory and renamed over the target, so readers never see
// a half-written report; a non-regular target (/dev/stdout, /dev/null, a FIFO) is written directly.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace twilint::util {

// Returns an empty Diagnostics on success; otherwise one diagnostic naming the path and the cause.
// On failure no temp file is left behind and the target is untouched. A new regular file gets
// the permission bits `mode` (a rewrite of an existing file passes that file's own).
Diagnostics write_file_atomically(const std::string& path, std::string_view content, unsigned mode = 0644);

}  // namespace twilint::util
