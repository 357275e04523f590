// What every scan mode (scan, history, staged, baseline create) shares: the common flags, loading
// rules and config, running the scanner, writing the report, and choosing the exit code.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "config/config.h"
#include "rules/rule.h"
#include "scan/scanner.h"
#include "source/source.h"
#include "util/status.h"

namespace twilint::cli {

struct CommonOptions {
  std::string format = "text";
  std::string output;
  bool show_secrets = false;
  std::string fail_on = "medium";
  // --show-identifiers: report Account / API Key SIDs too (they are context for pairing and
  // verification, not findings); implied by --fail-on info.
  bool show_identifiers = false;
  unsigned jobs = 0;
  std::vector<std::string> rule_files;
  std::string config_file;
  bool no_color = false;
  std::string baseline_file;
  std::string max_file_size;  // as typed; default 10 MiB or the config's
  bool no_config = false;
  bool write_baseline = false;  // `baseline create`: write fingerprints instead of a report
  // History cache (cli/history_cache.h): --cache-dir (empty = config or default), --no-cache.
  std::string cache_dir;
  bool no_cache = false;
  // --verify: the only thing that makes twilint send anything over the network.
  bool verify = false;
  bool only_verified = false;
  // As typed, each "URL" (Twilio's REST API) or "SERVICE=URL" (twilio, sendgrid, twilio-oauth);
  // a service not named keeps the config's [verify] endpoint.
  std::vector<std::string> verify_endpoints;
  double verify_timeout = 60;           // seconds, the whole verification
  double verify_request_timeout = 5;    // seconds, each request
  unsigned verify_concurrency = 4;
};

// Adds an option that takes exactly one value per occurrence and collects every occurrence:
// `--exclude A --exclude B PATH`. (CLI11's default for a vector lets one occurrence swallow the
// words after it, so `--exclude '*.json' DIR` would take DIR as a second glob.)
CLI::Option* add_repeatable_option(CLI::App* command, const std::string& name, std::vector<std::string>& values,
                                   const std::string& description);

// Rejects an empty value (`--since-commit ""` from an unset CI variable): it must not quietly mean
// "everything".
CLI::Validator non_empty_value();

// Adds the shared flags to a scan-mode subcommand.
void add_common_options(CLI::App* command, CommonOptions& options);

// Rules (embedded + --rules + config extra) and config (--config, or the .twilint.toml that
// config::discover_config_file finds from `config_root` up), loaded and cross-checked. Errors are printed to stderr, one line each.
struct Loaded {
  config::Config config;
  rules::RuleSet rules;
};
std::unique_ptr<Loaded> load_rules_and_config(const CommonOptions& options, const std::string& config_root);

class HistoryCache;  // cli/history_cache.h

// Makes the source once rules and config are known (so config excludes and sizes apply).
// `history_cache` is the run's incremental cache: set in history mode when there is one, else
// nullptr; it outlives the source.
using SourceFactory = std::function<util::Expected<std::unique_ptr<source::Source>>(
    const config::Config&, uint64_t max_file_size, HistoryCache* history_cache)>;

// Runs one scan mode end to end and returns the exit code. `config_root` is where the search for
// .twilint.toml starts; `root` is the scan root as the user named it (report context).
int run_scan(const CommonOptions& options, const std::string& mode, const std::string& root,
             const std::string& config_root, const SourceFactory& make_source);

// The flag set by SIGINT; scans poll it.
std::atomic<bool>& interrupted();
void install_signal_handlers();

// Prints each diagnostic on its own stderr line, prefixed "twilint: error: ".
void print_errors(const util::Diagnostics& errors);

}  // namespace twilint::cli
