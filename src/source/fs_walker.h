// Files and directories as they are on disk. Inside a git work tree .gitignore is honoured (via
// libgit2) unless disabled; .git/ is always skipped; hidden files are scanned; symlinks are not
// followed unless asked (and then loops and targets outside the tree are reported, not followed);
// FIFOs, sockets and devices are skipped without being opened.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "source/source.h"
#include "util/glob.h"

namespace twilint::source {

struct WalkOptions {
  std::vector<std::string> roots;  // paths as the user named them; reported paths are relative to each
  bool honour_gitignore = true;
  bool follow_symlinks = false;
  uint64_t max_file_size = 10 * 1024 * 1024;
  std::vector<util::Glob> exclude;  // from config / --exclude, matched on relative paths
};

std::unique_ptr<Source> make_fs_source(WalkOptions options);

}  // namespace twilint::source
