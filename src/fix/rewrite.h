// What the rewrites of one file produce: the edits, the findings they could not fix with the
// reason, follow-up notes (a Kubernetes Secret to create, a CI secret to add), and which
// environment variables the new code reads.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "fix/edit.h"

namespace twilint::fix {

struct Unfixed {
  size_t finding = 0;  // index into the file's findings
  std::string reason;  // one line: why not, and what to do by hand
};

struct Rewrite {
  std::vector<Edit> edits;
  std::vector<size_t> fixed;  // indices of the findings the edits fix
  std::vector<Unfixed> unfixed;
  std::vector<std::string> notes;
  std::set<std::string> env_vars;  // variables the rewritten file reads
  bool needs_os_import = false;    // Python / Go: the lookup needs the os module; C#: using System

  // Moves everything of `other` into this one.
  void merge(Rewrite&& other);
};

}  // namespace twilint::fix
