#include "fix/rewrite.h"

#include <iterator>

namespace twilint::fix {

void Rewrite::merge(Rewrite&& other) {
  std::move(other.edits.begin(), other.edits.end(), std::back_inserter(edits));
  fixed.insert(fixed.end(), other.fixed.begin(), other.fixed.end());
  std::move(other.unfixed.begin(), other.unfixed.end(), std::back_inserter(unfixed));
  std::move(other.notes.begin(), other.notes.end(), std::back_inserter(notes));
  env_vars.merge(other.env_vars);
  needs_os_import = needs_os_import || other.needs_os_import;
}

}  // namespace twilint::fix
