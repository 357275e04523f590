#include "support/test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>

extern char** environ;

namespace twilint::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/twilint-test-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may make directories unreadable; give permissions back before removing.
  for (auto it = std::filesystem::recursive_directory_iterator(
           path_, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
  }
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& relative, const std::string& content) const {
  std::filesystem::path p = path_ / relative;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

RunResult run(const std::vector<std::string>& argv, const std::string& cwd,
              const std::vector<std::string>& env) {
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  // Overrides replace inherited variables of the same name (getenv returns the first match).
  std::vector<std::string> env_strings = env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view inherited(*e);
    std::string_view key = inherited.substr(0, inherited.find('='));
    bool overridden = false;
    for (const std::string& o : env) overridden = overridden || std::string_view(o).substr(0, o.find('=')) == key;
    if (!overridden) env_strings.emplace_back(inherited);
  }
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> cargv;
  for (std::string& a : args) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  pid_t pid = 0;
  int rc = argv[0].find('/') == std::string::npos
               ? posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), envp.data())
               : posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  RunResult result;
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    result.err = "spawn failed: " + argv[0];
    return result;
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string twilint_bin() {
  const char* bin = std::getenv("TWILINT_BIN");
  return bin ? bin : TWILINT_BIN_PATH;
}

std::string source_dir() {
  const char* dir = std::getenv("TWILINT_SOURCE_DIR");
  return dir ? dir : TWILINT_SOURCE_DIR;
}

std::string corpus_dir() {
  const char* dir = std::getenv("TWILINT_CORPUS_DIR");
  return dir ? dir : TWILINT_CORPUS_DIR;
}

RunResult twilint(const std::vector<std::string>& args, const std::string& cwd,
                  const std::vector<std::string>& env) {
  std::vector<std::string> argv{twilint_bin()};
  argv.insert(argv.end(), args.begin(), args.end());
  // History runs keep a cache under $XDG_CACHE_HOME: give each test process its own, so tests never
  // write into the user's cache nor see each other's (a test may still set its own).
  static const TempDir cache_home;
  std::vector<std::string> full_env = env;
  bool has_own = false;
  for (const std::string& e : env) has_own = has_own || e.rfind("XDG_CACHE_HOME=", 0) == 0;
  if (!has_own) full_env.push_back("XDG_CACHE_HOME=" + cache_home.str());
  return run(argv, cwd, full_env);
}

std::string git(const std::string& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git", "-c", "init.defaultBranch=main", "-c", "user.name=Test User",
                                "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r = run(argv, repo,
                    {"GIT_AUTHOR_DATE=2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z",
                     "GIT_CONFIG_NOSYSTEM=1", "HOME=/nonexistent"});
  EXPECT_EQ(r.exit_code, 0) << "git failed: " << r.err;
  return r.out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string base64url(std::string_view in) {
  static const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (unsigned char c : in) {
    value = (value << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(value >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(value << (6 - bits)) & 0x3f];
  return out;
}

}  // namespace twilint::testing
