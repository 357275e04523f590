// The small commands beside the scan: `rules check` (the pack's examples through the whole
// detector) and `init` (a commented .twilint.toml). The command line prints what they return.
#pragma once

#include <string>

#include "app/settings.h"
#include "util/status.h"

namespace twilint::app {

// Every failed example and every rule without examples; empty when the pack is healthy.
util::Diagnostics check_rules(const Loaded& loaded);

// Writes the commented default config to `path` (atomically); an existing file is kept unless
// `force`. The errors, empty on success.
util::Diagnostics write_init_config(const std::string& path, bool force);

}  // namespace twilint::app
