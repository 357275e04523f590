// Helpers for tests: temp directories, files, running the real twilint binary and git.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace twilint::testing {

// A fresh directory under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `content` to path()/relative, creating parent directories.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;  // 128+signal when killed by a signal
  std::string out;
  std::string err;
};

// Runs argv (argv[0] looked up on PATH unless it has a '/') in `cwd` (empty = current), with no
// stdin, capturing stdout and stderr. `env` entries "K=V" are added to the environment.
RunResult run(const std::vector<std::string>& argv, const std::string& cwd = "",
              const std::vector<std::string>& env = {});

// Runs the built twilint binary ($TWILINT_BIN) with the given arguments.
RunResult twilint(const std::vector<std::string>& args, const std::string& cwd = "",
                  const std::vector<std::string>& env = {});

// Runs git with a fixed identity and dates so tests are deterministic; fails the test on error.
std::string git(const std::string& repo, const std::vector<std::string>& args);

// Path of the built binary and of the source tree.
std::string twilint_bin();
std::string source_dir();
std::string corpus_dir();

std::string read_file(const std::filesystem::path& path);

// Base64url without padding (JWT segments), for tests that build Access Tokens.
std::string base64url(std::string_view in);

}  // namespace twilint::testing
