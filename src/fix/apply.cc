#include "fix/apply.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "fix/git_facts.h"
#include "util/atomic_file.h"
#include "util/sha256.h"

namespace twilint::fix {

ApplyResult apply_file(const std::string& path, std::string_view scanned_sha256, std::string_view content) {
  struct stat st {};
  bool exists = ::lstat(path.c_str(), &st) == 0;
  if (exists && S_ISLNK(st.st_mode)) return {ApplyStatus::kSymlink, path + ": a symbolic link; not rewritten"};
  if (exists && !S_ISREG(st.st_mode)) return {ApplyStatus::kFailed, path + ": not a regular file; not rewritten"};
  if (git_ignores(path).value_or(false) && !scanned_sha256.empty()) {
    return {ApplyStatus::kIgnored, path + ": ignored by git; not rewritten"};
  }
  if (exists != !scanned_sha256.empty()) {
    return {ApplyStatus::kChanged, path + (exists ? ": created since the scan; left alone" : ": deleted since the scan; left alone")};
  }
  if (exists) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream now;
    now << in.rdbuf();
    if (!in.good() && !in.eof()) return {ApplyStatus::kFailed, path + ": cannot be read again; not rewritten"};
    if (util::sha256_hex(now.str()) != scanned_sha256) {
      return {ApplyStatus::kChanged, path + ": changed since it was scanned; left alone (run twilint fix again)"};
    }
  }
  unsigned mode = exists ? static_cast<unsigned>(st.st_mode & 07777) : 0644u;
  util::Diagnostics errors = util::write_file_atomically(path, content, mode);
  if (!errors.empty()) return {ApplyStatus::kFailed, errors.front().message};
  return {ApplyStatus::kWritten, ""};
}

}  // namespace twilint::fix
