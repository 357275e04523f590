// `twilint fix`: scan the named paths, plan every file's rewrite, then either print the plan as a
// unified diff (the default, a dry run) or apply it (--write), followed by what could not be
// fixed mechanically, follow-up notes, and the credentials that are already exposed in git.
#pragma once

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "rules/rule.h"
#include "source/fs_walker.h"

namespace twilint::fix {

struct FixOptions {
  std::vector<std::string> roots;  // as the user named them (existing paths)
  bool write = false;              // --write; else a dry run
  std::set<std::string> rules;     // --rule; empty = every rule
};

struct FixOutcome {
  size_t files_changed = 0;  // rewritten (--write) or that would be (dry run)
  size_t fixed = 0;          // findings fixed (or that would be)
  size_t unfixed = 0;        // secret and misuse findings left for a human
  size_t left_alone = 0;     // --write: files not written (changed since the scan, symlink, error)
  bool incomplete = false;   // a file could not be read
};

// `walk` has the roots and the walk settings; the scan honours `config` (allowlists, excludes,
// disabled rules). Writes the diff / summary and the notes to `out`, warnings to `err`.
FixOutcome run_fix(const rules::RuleSet& rules, const config::Config& config, source::WalkOptions walk,
                   const FixOptions& options, std::FILE* out, std::FILE* err);

}  // namespace twilint::fix
