// Files and directories as they are on disk. Inside a git work tree .gitignore is honoured (via
// libgit2) unless disabled; .git/ is always skipped; hidden files are scanned; symlinks are not
// followed unless asked (and then loops and targets outside the tree are reported, not followed);
// FIFOs, sockets and devices found in a directory are skipped without being opened. What the user
// names is read whatever it is (a FIFO, /dev/stdin, `-` for standard input), and is an error
// (exit 3) rather than a skip when it cannot be.
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
  // Files larger than this are skipped (policy, listed in the summary): only when the user asks
  // (--max-file-size, [scan] max_file_size).
  uint64_t max_file_size = UINT64_MAX;
  // Files larger than this are not read whole but handed over as a stream (Loaded::stream) that
  // the scanner matches in windows: the limit is on what is held, not on what is scanned.
  uint64_t hold_limit = 10 * 1024 * 1024;
  std::vector<util::Glob> exclude;  // from config / --exclude, matched on relative paths
  // The directory relative paths (globs, fingerprints, SARIF URIs) are taken from: a root inside it
  // contributes its path below `base` ("src/a.py" for root "src"). Empty, or a root outside it:
  // relative to the root itself.
  std::string base;
};

std::unique_ptr<Source> make_fs_source(WalkOptions options);

}  // namespace twilint::source
