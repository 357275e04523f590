// Writes one rewritten file, and only the file that was scanned: not when it changed since the
// scan (its bytes no longer hash to what was read), not through a symbolic link, not when git
// ignores it. The new content replaces the old atomically (temp file + rename, the file's mode
// kept), so no reader ever sees half a file.
#pragma once

#include <string>
#include <string_view>

namespace twilint::fix {

enum class ApplyStatus { kWritten, kChanged, kSymlink, kIgnored, kFailed };

struct ApplyResult {
  ApplyStatus status = ApplyStatus::kFailed;
  std::string message;  // for anything but kWritten: one line saying why the file was left alone
};

// `scanned_sha256` is the hex SHA-256 of the bytes the plan was made from, or empty when the file
// did not exist then (it must still not exist).
ApplyResult apply_file(const std::string& path, std::string_view scanned_sha256, std::string_view content);

}  // namespace twilint::fix
