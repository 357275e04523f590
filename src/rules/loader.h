// Rule files (TOML) -> compiled rules. Every problem in every file is collected, each as
// "file:line: message", and returned together.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"
#include "util/status.h"

namespace twilint::rules {

struct RuleSource {
  std::string name;  // file name for diagnostics
  std::string text;  // TOML
};

// Parses and compiles the given sources into one RuleSet, in order, after the rules of `base` (for
// example the pre-parsed shipped pack, see embedded.h). Duplicate ids across sources and `base`
// are an error. Structural problems (unknown keys, wrong types, bad regexes, bad globs, unknown
// severity or kind) are all reported. With no sources, `base` is returned as it is.
util::Expected<RuleSet> load_rules(const std::vector<RuleSource>& sources, RuleSet base = {});

// Reads each path into a RuleSource; unreadable files become diagnostics.
util::Expected<std::vector<RuleSource>> read_rule_files(const std::vector<std::string>& paths);

}  // namespace twilint::rules
