#include "hooks/hook_install.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "git/common.h"
#include "hooks/hook_script.h"

namespace twilint::hooks {
namespace {

namespace fs = std::filesystem;

util::Diagnostic failure(const std::string& message) { return util::Diagnostic{"", 0, message}; }

std::string errno_text(int err) { return std::strerror(err); }

// Where git looks for hooks: core.hooksPath when set (relative to the directory hooks run in:
// the work tree root, or the git directory of a bare repository), else the hooks directory of
// the common git directory (shared by all linked worktrees).
util::Expected<std::string> hooks_directory(const std::string& repo_path) {
  util::Expected<git::RepoPtr> opened = git::open_repository(repo_path);
  if (!opened) return opened.errors();
  git_repository* repo = opened->get();

  git_config* raw_config = nullptr;
  int rc = git_repository_config_snapshot(&raw_config, repo);
  git::ConfigPtr config(raw_config);
  if (rc < 0) return failure("cannot read the git config of " + repo_path + ": " + git::libgit2_error(rc));
  git_buf value = GIT_BUF_INIT;
  rc = git_config_get_path(&value, config.get(), "core.hooksPath");
  std::string hooks_path = rc == 0 && value.ptr != nullptr ? value.ptr : "";
  git_buf_dispose(&value);
  if (rc < 0 && rc != GIT_ENOTFOUND) {
    return failure("cannot read core.hooksPath of " + repo_path + ": " + git::libgit2_error(rc));
  }
  if (!hooks_path.empty()) {
    fs::path path(hooks_path);
    if (path.is_relative()) {
      std::optional<std::string> root = git::work_tree_root(repo);
      path = fs::path(root ? *root : git_repository_path(repo)) / path;
    }
    return path.lexically_normal().string();
  }
  return (fs::path(git_repository_commondir(repo)) / "hooks").lexically_normal().string();
}

bool exists_no_follow(const fs::path& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found && !ec;
}

// Reads the hook a path names (following a symlink); nullopt when it cannot be read.
std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Moves `from` to `to` only if `to` does not exist, so a hook is never overwritten.
bool move_no_replace(const fs::path& from, const fs::path& to, std::string* error) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) {
    *error = "cannot move " + from.string() + " to " + to.string() + ": " + errno_text(errno);
    return false;
  }
  // A filesystem without RENAME_NOREPLACE: a hard link also refuses an existing target.
  if (::link(from.c_str(), to.c_str()) != 0) {
    *error = "cannot move " + from.string() + " to " + to.string() + ": " + errno_text(errno);
    return false;
  }
  ::unlink(from.c_str());
  return true;
}

// Writes the hook into `path` with mode 0755 through a temp file in the same directory, so a
// reader never sees half a hook. `replace` false refuses to replace anything at `path`.
bool write_hook(const fs::path& path, const std::string& content, bool replace, std::string* error) {
  std::string temp = (path.parent_path() / ".pre-commit.twilint-XXXXXX").string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    *error = "cannot write in " + path.parent_path().string() + ": " + errno_text(errno);
    return false;
  }
  bool ok = true;
  size_t done = 0;
  while (ok && done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<size_t>(n);
  }
  ok = ok && ::fchmod(fd, 0755) == 0 && ::fsync(fd) == 0;
  int saved = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok) {
    if (replace) {
      ok = ::rename(temp.c_str(), path.c_str()) == 0;
      saved = errno;
    } else {
      ok = move_no_replace(temp, path, error);
      if (!ok) {
        ::unlink(temp.c_str());
        return false;
      }
    }
  }
  if (!ok) {
    *error = "cannot write " + path.string() + ": " + errno_text(saved);
    ::unlink(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace

util::Expected<std::string> install_hook(const std::string& repo, const std::string& twilint_path, bool force) {
  util::Expected<std::string> dir = hooks_directory(repo);
  if (!dir) return dir.errors();
  std::error_code ec;
  fs::create_directories(*dir, ec);
  if (ec) return failure("cannot create the hooks directory " + *dir + ": " + ec.message());
  const fs::path hook = fs::path(*dir) / "pre-commit";
  const fs::path chained = fs::path(*dir) / std::string(kChainedHookName);
  const std::string script = hook_script(twilint_path);
  std::string error;

  if (exists_no_follow(hook)) {
    if (fs::is_directory(hook, ec)) return failure(hook.string() + " is a directory; not touching it");
    std::optional<std::string> content = read_text(hook);
    if (content && is_twilint_hook(*content)) {
      if (!force) return "twilint pre-commit hook already installed at " + hook.string() + "; nothing changed";
      if (!write_hook(hook, script, /*replace=*/true, &error)) return failure(error);
      std::string message = "reinstalled twilint pre-commit hook at " + hook.string();
      if (exists_no_follow(chained)) message += " (it still runs " + chained.string() + " first)";
      return message;
    }
    // A foreign hook (or a dangling symlink): keep it, chained, whatever it is.
    if (exists_no_follow(chained)) {
      return failure("cannot install: " + hook.string() + " is not twilint's and " + chained.string() +
                     " already exists; move one of them away first");
    }
    if (!move_no_replace(hook, chained, &error)) return failure(error);
    if (!write_hook(hook, script, /*replace=*/false, &error)) {
      std::string restore_error;
      move_no_replace(chained, hook, &restore_error);
      return failure(error);
    }
    return "installed twilint pre-commit hook at " + hook.string() + "; the existing hook was kept as " +
           chained.string() + " and runs first";
  }

  if (!write_hook(hook, script, /*replace=*/false, &error)) return failure(error);
  std::string message = "installed twilint pre-commit hook at " + hook.string();
  if (exists_no_follow(chained)) message += " (it runs " + chained.string() + " first)";
  return message;
}

util::Expected<std::string> uninstall_hook(const std::string& repo) {
  util::Expected<std::string> dir = hooks_directory(repo);
  if (!dir) return dir.errors();
  const fs::path hook = fs::path(*dir) / "pre-commit";
  const fs::path chained = fs::path(*dir) / std::string(kChainedHookName);
  if (!exists_no_follow(hook)) return "no twilint pre-commit hook in " + *dir + "; nothing changed";
  std::optional<std::string> content = read_text(hook);
  if (!content || !is_twilint_hook(*content)) {
    return "the pre-commit hook at " + hook.string() + " is not twilint's; nothing changed";
  }
  if (::unlink(hook.c_str()) != 0) return failure("cannot remove " + hook.string() + ": " + errno_text(errno));
  if (!exists_no_follow(chained)) return "removed twilint pre-commit hook from " + hook.string();
  std::string error;
  if (!move_no_replace(chained, hook, &error)) return failure(error);
  return "removed twilint pre-commit hook from " + hook.string() + " and restored the previous hook";
}

}  // namespace twilint::hooks
