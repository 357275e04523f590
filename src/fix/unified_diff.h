// Unified diffs (as `diff -u` / `git diff` write them, `git apply` and `patch -p1` read them) of
// a file before and after a set of edits. Built from the edits themselves, not by diffing: every
// changed line is exactly where an edit is, in O(size of the file).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fix/edit.h"

namespace twilint::fix {

// The diff of `before` -> apply_edits(before, edits), labelled a/<path> and b/<path> (or
// /dev/null -> b/<path> when `new_file`). Empty when the edits change nothing. Lines keep their
// own terminators (CRLF files stay CRLF); a missing final newline is marked as diff marks it.
std::string unified_diff(std::string_view path, std::string_view before, const std::vector<Edit>& edits,
                         bool new_file = false, int context = 3);

}  // namespace twilint::fix
