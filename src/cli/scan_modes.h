// The three scan modes' own arguments, shared by their subcommands and by `baseline create`,
// which accepts the same arguments.
#pragma once

#include <CLI/CLI.hpp>

#include "app/request.h"

namespace twilint::cli {

// paths, --no-ignore, --follow, --exclude
void add_fs_options(CLI::App* command, app::Request& request);
// repo, --branch, --range, --since-commit
void add_history_options(CLI::App* command, app::Request& request);

}  // namespace twilint::cli
