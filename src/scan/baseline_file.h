// Baseline files: the fingerprints (rule, path, hash of the secret) of accepted findings. Never
// the secret, never a line number, never a commit, so moving lines or rebasing changes nothing.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "model/finding.h"
#include "util/status.h"

namespace twilint::scan {

std::string baseline_json(const std::vector<model::Finding>& findings);
util::Expected<std::unordered_set<std::string>> read_baseline(const std::string& path);

}  // namespace twilint::scan
