#include "util/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace twilint::util {
namespace {

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

Diagnostics failure(const std::string& path, int err) {
  return {Diagnostic{"", 0, "cannot write '" + path + "': " + std::strerror(err)}};
}

}  // namespace

Diagnostics write_file_atomically(const std::string& path, std::string_view content, unsigned mode) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return failure(path, errno);
    bool ok = write_all(fd, content);
    int err = errno;
    ::close(fd);
    return ok ? Diagnostics{} : failure(path, err);
  }
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmpl = (slash == std::string::npos ? std::string() : dir) + "." + base + ".twilint-XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return failure(path, errno);
  ::fchmod(fd, static_cast<mode_t>(mode));
  bool ok = write_all(fd, content) && ::fsync(fd) == 0;
  int err = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (ok && ::rename(tmpl.c_str(), path.c_str()) != 0) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    ::unlink(tmpl.c_str());
    return failure(path, err);
  }
  return {};
}

}  // namespace twilint::util
