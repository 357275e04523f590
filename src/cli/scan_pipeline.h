// The command line side of every scan mode (scan, history, staged, baseline create): the shared
// flags, raw flags -> app::resolve -> app::run, printing, and the Outcome -> exit code mapping.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/request.h"
#include "app/settings.h"
#include "util/status.h"

namespace twilint::cli {

// Adds an option that takes exactly one value per occurrence and collects every occurrence:
// `--exclude A --exclude B PATH`. (CLI11's default for a vector lets one occurrence swallow the
// words after it, so `--exclude '*.json' DIR` would take DIR as a second glob.)
CLI::Option* add_repeatable_option(CLI::App* command, const std::string& name, std::vector<std::string>& values,
                                   const std::string& description);

// Rejects an empty value (`--since-commit ""` from an unset CI variable): it must not quietly mean
// "everything".
CLI::Validator non_empty_value();

// Adds the flags every scan mode shares to a subcommand.
void add_common_options(CLI::App* command, app::Request& request);
// --cache-dir and --no-cache (history only).
void add_cache_options(CLI::App* command, app::Request& request);

// Resolves `request` (every error printed, one line each, then exit 2), runs it and returns the
// exit code. Terminal facts (colour, progress) are filled in here.
int run_request(app::Request request);

// Rules and config for the commands that only need those (rules, fix, revoke); errors printed.
std::unique_ptr<app::Loaded> load_or_print(const app::LoadRequest& request);

// The flag set by SIGINT; scans poll it.
std::atomic<bool>& interrupted();
void install_signal_handlers();

// Prints each diagnostic on its own stderr line, prefixed "twilint: error: ".
void print_errors(const util::Diagnostics& errors);

}  // namespace twilint::cli
