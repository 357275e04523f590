#include "source/fs_walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <utility>

#include <git2.h>

namespace twilint::source {
namespace {

std::string join(const std::string& a, const std::string& b) {
  if (b.empty()) return a;
  if (a.empty() || a == ".") return b;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

std::string strip_dot_slash(std::string p) {
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

constexpr const char* kStdinLocator = "-";
constexpr const char* kStdinName = "<stdin>";  // how `scan -` names standard input in reports

// Reads a file descriptor it owns, in order.
class FdStream final : public ByteStream {
 public:
  explicit FdStream(int fd) : fd_(fd) {}
  ~FdStream() override {
    if (fd_ >= 0) ::close(fd_);
  }
  FdStream(const FdStream&) = delete;
  FdStream& operator=(const FdStream&) = delete;

  std::optional<size_t> read(char* into, size_t n, std::string& error) override {
    if (fd_ < 0) {
      error = "cannot open standard input";
      return std::nullopt;
    }
    for (;;) {
      ssize_t got = ::read(fd_, into, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return std::nullopt;
    }
  }

 private:
  int fd_;
};

// `root` relative to `base` ("" for base itself), or nullopt when it is not inside base.
std::optional<std::string> relative_to_base(const std::string& root, const std::string& base) {
  if (base.empty()) return std::nullopt;
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) return std::nullopt;
  std::filesystem::path r = (cwd / root).lexically_normal(), b = (cwd / base).lexically_normal();
  std::string rel = r.lexically_relative(b).generic_string();
  if (rel.empty() || rel == ".." || rel.rfind("../", 0) == 0) return std::nullopt;
  while (!rel.empty() && rel.back() == '/') rel.pop_back();
  return rel == "." ? std::string() : rel;
}

// The .gitignore rules of the work tree that contains a root, if any (via libgit2).
class IgnoreRules {
 public:
  explicit IgnoreRules(const std::string& root) {
    git_libgit2_init();
    if (git_repository_open_ext(&repo_, root.c_str(), 0, nullptr) != 0 || git_repository_is_bare(repo_)) {
      close();
      return;
    }
    char* real_root = ::realpath(root.c_str(), nullptr);
    const char* workdir = git_repository_workdir(repo_);
    if (real_root == nullptr || workdir == nullptr) {
      std::free(real_root);
      close();
      return;
    }
    std::string r(real_root), w(workdir);
    std::free(real_root);
    if (!w.empty() && w.back() == '/') w.pop_back();
    if (r == w) {
      prefix_.clear();
    } else if (r.rfind(w + "/", 0) == 0) {
      prefix_ = r.substr(w.size() + 1) + "/";
    } else {
      close();  // e.g. a root reached through a symlink from elsewhere: no ignore rules apply
    }
  }
  ~IgnoreRules() { close(); }
  IgnoreRules(const IgnoreRules&) = delete;
  IgnoreRules& operator=(const IgnoreRules&) = delete;

  // `relative` is relative to the root; directories are asked with a trailing '/'.
  bool ignored(const std::string& relative, bool is_dir) const {
    if (repo_ == nullptr) return false;
    std::string path = prefix_ + relative + (is_dir ? "/" : "");
    int ignored = 0;
    if (git_ignore_path_is_ignored(&ignored, repo_, path.c_str()) != 0) return false;
    return ignored != 0;
  }

 private:
  void close() {
    if (repo_ != nullptr) git_repository_free(repo_);
    repo_ = nullptr;
  }
  git_repository* repo_ = nullptr;
  std::string prefix_;  // root relative to the work tree, with a trailing '/' (or empty)
};

class FsSource : public Source {
 public:
  explicit FsSource(WalkOptions options) : options_(std::move(options)) {}

  void enumerate(const std::function<void(Item&&)>& sink, model::ScanStats& stats) override {
    for (const std::string& root : options_.roots) enumerate_root(root, sink, stats);
  }

  Loaded load(const Item& item) override {
    Loaded out;
    if (item.locator == kStdinLocator) {
      out.stream = std::make_unique<FdStream>(::dup(STDIN_FILENO));
      return out;
    }
    // A named FIFO or pipe is opened blocking (its open waits for the writer): opening it and
    // closing it again first would end a writer that is already there.
    struct stat named_st {};
    if (item.named && ::stat(item.locator.c_str(), &named_st) == 0 && S_ISFIFO(named_st.st_mode)) {
      return open_named_stream(item);
    }
    // A named path is opened as named (a /dev/stdin symlink too); found ones never through links.
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (options_.follow_symlinks || item.named ? 0 : O_NOFOLLOW);
    int fd = ::open(item.locator.c_str(), flags);
    if (fd < 0) {
      int err = errno;
      // A file deleted since it was listed no longer exists: the tree as it is now was scanned.
      out.skipped = model::Skipped{item.origin.path,
                                   err == ENOENT ? "disappeared during the scan" : std::string("cannot open: ") + std::strerror(err),
                                   err != ENOENT || item.named};
      return out;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      out.skipped = model::Skipped{item.origin.path, "not a regular file", false};
      return out;
    }
    auto size = static_cast<uint64_t>(st.st_size);
    if (size > options_.max_file_size) {
      ::close(fd);
      out.skipped = model::Skipped{item.origin.path, "larger than --max-file-size (" + std::to_string(size) + " bytes)", false};
      return out;
    }
    if (size > options_.hold_limit) {
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      out.stream = std::make_unique<FdStream>(fd);
      return out;
    }
    read_whole(fd, item, out);
    ::close(fd);
    return out;
  }

 private:
  Loaded open_named_stream(const Item& item) {
    Loaded out;
    int fd = ::open(item.locator.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      out.skipped = model::Skipped{item.origin.path, std::string("cannot open: ") + std::strerror(errno), true};
    } else {
      out.stream = std::make_unique<FdStream>(fd);
    }
    return out;
  }

  void read_whole(int fd, const Item& item, Loaded& out) const {
    char buf[1 << 16];
    while (true) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        out.bytes.clear();
        out.skipped = model::Skipped{item.origin.path, std::string("read error: ") + std::strerror(errno), true};
        return;
      }
      if (n == 0) return;
      out.bytes.append(buf, static_cast<size_t>(n));
      // A file that grows while being read is cut at what may be held rather than read forever.
      if (out.bytes.size() > options_.hold_limit) return;
    }
  }

  void enumerate_root(const std::string& root, const std::function<void(Item&&)>& sink, model::ScanStats& stats) {
    if (root == kStdinLocator) {  // `twilint scan -`
      Item item{model::Origin{kStdinName, kStdinName, std::nullopt}, root, 0, std::nullopt};
      item.named = true;
      sink(std::move(item));
      return;
    }
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) {
      stats.skipped.push_back({root, std::string("cannot access: ") + std::strerror(errno), true});
      ++stats.files_skipped;
      return;
    }
    std::string display_root = root;
    while (display_root.size() > 1 && display_root.back() == '/') display_root.pop_back();
    if (!S_ISDIR(st.st_mode)) {
      std::string name = strip_dot_slash(root);
      if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        // Named, so not a policy skip: a socket cannot be read, a device (/dev/zero, a terminal)
        // has no end.
        stats.skipped.push_back({name, S_ISSOCK(st.st_mode) ? "not a regular file (a socket): cannot be scanned"
                                                            : "not a regular file (a device): cannot be scanned",
                                 true});
        ++stats.files_skipped;
        return;
      }
      // Regular files, and the FIFOs and pipes a user names (`cmd | twilint scan /dev/stdin`).
      std::string relative = relative_to_base(root, options_.base).value_or(name);
      Item item{model::Origin{name, relative, std::nullopt}, root, static_cast<uint64_t>(st.st_size), std::nullopt};
      item.named = true;
      sink(std::move(item));
      return;
    }
    std::optional<std::string> below_base = relative_to_base(root, options_.base);
    const std::string base_prefix = below_base && !below_base->empty() ? *below_base + "/" : "";
    IgnoreRules ignore(root);
    bool use_ignore = options_.honour_gitignore;
    // Ancestors' (device, inode) pairs, to detect symlink loops when following links.
    std::set<std::pair<dev_t, ino_t>> visited_dirs{{st.st_dev, st.st_ino}};
    char* real = ::realpath(root.c_str(), nullptr);
    std::string real_root = real ? real : root;
    std::free(real);

    std::vector<std::string> stack{""};  // directories relative to root
    while (!stack.empty()) {
      std::string dir_rel = std::move(stack.back());
      stack.pop_back();
      std::string dir_fs = join(root, dir_rel);
      DIR* dir = ::opendir(dir_fs.c_str());
      if (dir == nullptr) {
        stats.skipped.push_back({join(display_root == "." ? "" : display_root, dir_rel.empty() ? "." : dir_rel) ,
                                 std::string("cannot read directory: ") + std::strerror(errno), true});
        ++stats.files_skipped;
        continue;
      }
      std::vector<std::pair<std::string, unsigned char>> entries;
      while (dirent* e = ::readdir(dir)) {
        std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        entries.emplace_back(std::move(name), e->d_type);
      }
      ::closedir(dir);
      for (auto& [name, type] : entries) {
        std::string rel = dir_rel.empty() ? name : dir_rel + "/" + name;
        std::string fs_path = join(root, rel);
        std::string shown = display_root == "." ? rel : join(display_root, rel);
        if (type == DT_UNKNOWN) {
          struct stat lst {};
          if (::lstat(fs_path.c_str(), &lst) != 0) continue;  // vanished
          type = S_ISDIR(lst.st_mode) ? DT_DIR : S_ISREG(lst.st_mode) ? DT_REG : S_ISLNK(lst.st_mode) ? DT_LNK : DT_FIFO;
        }
        bool is_dir = type == DT_DIR;
        if (type == DT_LNK) {
          if (!options_.follow_symlinks) continue;  // not followed: like ripgrep and git, links are not content
          struct stat target {};
          if (::stat(fs_path.c_str(), &target) != 0) {
            stats.skipped.push_back({shown, "broken symlink", false});
            ++stats.files_skipped;
            continue;
          }
          char* resolved = ::realpath(fs_path.c_str(), nullptr);
          std::string resolved_path = resolved ? resolved : "";
          std::free(resolved);
          if (resolved_path.rfind(real_root + "/", 0) != 0 && resolved_path != real_root) {
            stats.skipped.push_back({shown, "symlink points outside the scanned tree", false});
            ++stats.files_skipped;
            continue;
          }
          if (S_ISDIR(target.st_mode)) {
            if (!visited_dirs.insert({target.st_dev, target.st_ino}).second) {
              stats.skipped.push_back({shown, "symlink loop", false});
              ++stats.files_skipped;
              continue;
            }
            is_dir = true;
          } else if (S_ISREG(target.st_mode)) {
            type = DT_REG;
          } else {
            type = DT_FIFO;
          }
        }
        if (is_dir) {
          if (name == ".git") continue;
          // Asking about a path inside the directory lets "dir/", "dir/**" and "name" globs all prune it.
          if (util::any_matches(options_.exclude, base_prefix + rel + "/x") || (use_ignore && ignore.ignored(rel, true))) {
            continue;
          }
          if (options_.follow_symlinks && type != DT_LNK) {
            struct stat dst {};
            if (::stat(fs_path.c_str(), &dst) == 0) visited_dirs.insert({dst.st_dev, dst.st_ino});
          }
          stack.push_back(rel);
          continue;
        }
        if (type != DT_REG && type != DT_LNK) {
          stats.skipped.push_back({shown, "not a regular file (FIFO, socket or device)", false});
          ++stats.files_skipped;
          continue;
        }
        if (util::any_matches(options_.exclude, base_prefix + rel) || (use_ignore && ignore.ignored(rel, false))) continue;
        sink(Item{model::Origin{shown, base_prefix + rel, std::nullopt}, fs_path, 0, std::nullopt});
      }
    }
  }

  WalkOptions options_;
};

}  // namespace

std::unique_ptr<Source> make_fs_source(WalkOptions options) { return std::make_unique<FsSource>(std::move(options)); }

}  // namespace twilint::source
