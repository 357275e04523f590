#include "source/fs_walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (options_.follow_symlinks ? 0 : O_NOFOLLOW);
    int fd = ::open(item.locator.c_str(), flags);
    if (fd < 0) {
      int err = errno;
      // A file deleted since it was listed no longer exists: the tree as it is now was scanned.
      out.skipped = model::Skipped{item.origin.path,
                                   err == ENOENT ? "disappeared during the scan" : std::string("cannot open: ") + std::strerror(err),
                                   err != ENOENT};
      return out;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      out.skipped = model::Skipped{item.origin.path, "not a regular file", false};
      return out;
    }
    if (static_cast<uint64_t>(st.st_size) > options_.max_file_size) {
      ::close(fd);
      out.skipped = model::Skipped{item.origin.path,
                                   "larger than --max-file-size (" + std::to_string(st.st_size) + " bytes)", false};
      return out;
    }
    out.bytes.reserve(static_cast<size_t>(st.st_size));
    char buf[1 << 16];
    while (true) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        ::close(fd);
        out.bytes.clear();
        out.skipped = model::Skipped{item.origin.path, std::string("read error: ") + std::strerror(err), true};
        return out;
      }
      if (n == 0) break;
      out.bytes.append(buf, static_cast<size_t>(n));
      // A file that grows while being read is cut at the size limit rather than read forever.
      if (out.bytes.size() > options_.max_file_size) break;
    }
    ::close(fd);
    return out;
  }

 private:
  void enumerate_root(const std::string& root, const std::function<void(Item&&)>& sink, model::ScanStats& stats) {
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
      if (!S_ISREG(st.st_mode)) {
        stats.skipped.push_back({name, "not a regular file", false});
        ++stats.files_skipped;
        return;
      }
      sink(Item{model::Origin{name, name, std::nullopt}, root, static_cast<uint64_t>(st.st_size), std::nullopt});
      return;
    }
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
          if (util::any_matches(options_.exclude, rel + "/x") || (use_ignore && ignore.ignored(rel, true))) continue;
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
        if (util::any_matches(options_.exclude, rel) || (use_ignore && ignore.ignored(rel, false))) continue;
        sink(Item{model::Origin{shown, rel, std::nullopt}, fs_path, 0, std::nullopt});
      }
    }
  }

  WalkOptions options_;
};

}  // namespace

std::unique_ptr<Source> make_fs_source(WalkOptions options) { return std::make_unique<FsSource>(std::move(options)); }

}  // namespace twilint::source
