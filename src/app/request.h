// What the user asked a scan mode for, as typed: the command line (or a test) fills a Request,
// app::resolve turns it into Settings. Nothing here knows CLI11; terminal and environment facts
// the command line reads are passed in as plain booleans.
#pragma once

#include <string>
#include <vector>

namespace twilint::app {

enum class Mode { kScan, kHistory, kStaged };

// Where the rules and the config come from (also for `rules`, `fix` and `revoke`).
struct LoadRequest {
  std::vector<std::string> rule_files;  // --rules, on top of the shipped pack
  std::string config_file;              // --config; empty = discover from `config_root` up
  bool no_config = false;               // --no-config
  std::string config_root = ".";        // where the search for .twilint.toml starts
};

struct Request {
  Mode mode = Mode::kScan;
  bool write_baseline = false;  // `baseline create`: fingerprints instead of a report

  // scan: the paths (default "."; "-" is standard input) and how to walk them.
  std::vector<std::string> paths;
  bool no_ignore = false;
  bool follow = false;
  std::vector<std::string> exclude;  // globs as typed
  // history and staged: the repository; history: which part of it.
  std::string repo = ".";
  std::vector<std::string> branches;
  std::string range;
  std::string since_commit;

  // The report.
  std::string format = "text";
  std::string output;  // empty = standard output
  bool show_secrets = false;
  std::string fail_on = "medium";  // a severity name or "none"
  bool show_identifiers = false;
  bool no_color = false;          // --no-color
  bool color_allowed = false;     // NO_COLOR unset and stdout a terminal
  bool progress_allowed = false;  // stderr a terminal outside CI

  // The scan.
  unsigned jobs = 0;  // 0 = all cores
  std::vector<std::string> rule_files;
  std::string config_file;
  bool no_config = false;
  std::string baseline_file;
  std::string max_file_size;  // as typed; empty = the config's or the mode's default
  std::string cache_dir;      // history: empty = the config's or the default
  bool no_cache = false;

  // --verify: the only thing that makes twilint send anything over the network.
  bool verify = false;
  bool only_verified = false;
  std::vector<std::string> verify_endpoints;  // each "URL" (twilio) or "SERVICE=URL"
  double verify_timeout = 60;                 // seconds, the whole verification
  double verify_request_timeout = 5;          // seconds, each request
  unsigned verify_concurrency = 4;
};

}  // namespace twilint::app
