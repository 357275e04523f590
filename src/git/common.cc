#include "git/common.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <mutex>

namespace twilint::git {

void ensure_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(32) * 1024 * 1024);
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    // libgit2 maps packs in 1 GiB windows, up to 8 GiB, and keeps them: reading the commits of a
    // long history faults in pages all over the pack, which counted 600 MB of resident memory
    // on a 320 MB pack. Small windows under a small cap are unmapped as the walk moves on.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, static_cast<size_t>(8) << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<size_t>(64) << 20);
  });
}

std::string libgit2_error(int code) {
  const git_error* e = git_error_last();
  std::string message = e != nullptr && e->message != nullptr ? e->message : "";
  // libgit2 messages sometimes end with a newline or a period; keep one-line diagnostics tidy.
  while (!message.empty() && (message.back() == '\n' || message.back() == '.')) message.pop_back();
  if (message.empty()) message = "libgit2 error " + std::to_string(code);
  return message;
}

util::Expected<RepoPtr> open_repository(const std::string& path) {
  ensure_libgit2();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return util::Diagnostic{"", 0, "not a git repository: " + path + " (no such file or directory)"};
  }
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  RepoPtr repo(raw);
  if (rc == GIT_ENOTFOUND) return util::Diagnostic{"", 0, "not a git repository: " + path};
  if (rc < 0) {
    return util::Diagnostic{"", 0, "cannot open git repository " + path + ": " + libgit2_error(rc)};
  }
  return repo;
}

std::string oid_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return std::string(buf, GIT_OID_HEXSZ);
}

bool parse_oid_hex(std::string_view hex, git_oid* out) {
  if (hex.size() != GIT_OID_HEXSZ) return false;
  return git_oid_fromstrn(out, hex.data(), hex.size()) == 0;
}

std::string format_git_time(int64_t seconds, int offset_minutes) {
  std::time_t local = static_cast<std::time_t>(seconds + static_cast<int64_t>(offset_minutes) * 60);
  std::tm tm{};
  if (gmtime_r(&local, &tm) == nullptr) return "";
  int offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return buf;
}

model::CommitInfo commit_info(git_commit* commit) {
  model::CommitInfo info;
  info.id = oid_hex(*git_commit_id(commit));
  if (const git_signature* author = git_commit_author(commit); author != nullptr) {
    info.author = author->name != nullptr ? author->name : "";
    info.email = author->email != nullptr ? author->email : "";
    info.date = format_git_time(author->when.time, author->when.offset);
  }
  if (const char* summary = git_commit_summary(commit); summary != nullptr) info.summary = summary;
  return info;
}

std::optional<std::string> work_tree_root(git_repository* repo) {
  const char* workdir = git_repository_workdir(repo);
  if (workdir == nullptr) return std::nullopt;
  std::string root = workdir;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

}  // namespace twilint::git

namespace twilint::git {

std::optional<std::string> repository_identity(const std::string& path) {
  util::Expected<RepoPtr> repo = open_repository(path);
  if (!repo) return std::nullopt;
  const char* common = git_repository_commondir(repo->get());
  if (common == nullptr) return std::nullopt;
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(common, ec);
  std::string id = ec ? std::string(common) : canonical.string();
  while (id.size() > 1 && id.back() == '/') id.pop_back();
  return id;
}

}  // namespace twilint::git
