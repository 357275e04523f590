// The user's .twilint.toml: parsed, validated (every problem reported as file:line), and resolved
// into what the scan stage uses. See docs/config.md for every key.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "config/path_set.h"
#include "model/severity.h"
#include "rules/rule.h"
#include "util/glob.h"
#include "util/status.h"

namespace twilint::config {

// The file name looked for in the scan root and the repository root.
inline constexpr const char* kConfigFileName = ".twilint.toml";
// Used when neither the config nor a flag sets max_file_size.
inline constexpr uint64_t kDefaultMaxFileSize = 10ull * 1024 * 1024;
inline constexpr const char* kDefaultVerifyEndpoint = "https://api.twilio.com";
inline constexpr const char* kDefaultSendgridEndpoint = "https://api.sendgrid.com";
inline constexpr const char* kDefaultOAuthEndpoint = "https://oauth.twilio.com";

// A rule id the config names ([rules] disable or [severity]), kept with its line so unknown ids
// can be reported once the whole rule set (shipped + extra files) is known.
struct RuleRef {
  std::string id;
  int line = 0;
  std::string where;  // "[rules] disable" or "[severity]"
};

struct Config {
  // [scan]
  std::vector<util::Glob> exclude;
  std::optional<uint64_t> max_file_size;  // nullopt = not set (kDefaultMaxFileSize unless a flag says)
  // [allowlist]
  std::vector<util::Glob> allow_paths;
  std::vector<std::shared_ptr<RE2>> allow_regexes;  // searched (unanchored) in the unredacted secret
  std::vector<std::string> stopwords;               // lowercase; a secret containing one is allowed
  // [rules]
  std::vector<std::string> disabled_rules;
  std::vector<std::string> extra_rule_files;  // resolved relative to the config file's directory
  // [severity]
  std::map<std::string, model::Severity> severity_overrides;
  // [production] and [client]: path sets that path-gated misuse rules name as "@production"/"@client".
  // `paths` replaces the built-in list, `extra_paths` is appended to it.
  std::vector<util::Glob> production_paths;
  std::vector<util::Glob> client_paths;
  // The same two sets compiled for the per-file check: use these in the scan stage (one DFA pass;
  // util::any_matches over the built-in lists costs tens of microseconds per path). Kept in step
  // with the vectors by default_config() and parse_config(); call compile_path_sets() after
  // changing the vectors by hand.
  PathSet production_set;
  PathSet client_set;
  // [verify]
  // http(s)://host[:port][/path], no trailing '/': Twilio's REST API, SendGrid's, Twilio's OAuth server.
  std::string verify_endpoint = kDefaultVerifyEndpoint;
  std::string sendgrid_endpoint = kDefaultSendgridEndpoint;
  std::string oauth_endpoint = kDefaultOAuthEndpoint;
  // [cache]
  std::string cache_dir;  // empty = default ($XDG_CACHE_HOME/twilint); else absolute or config-relative

  std::vector<RuleRef> rule_refs;  // every rule id named, for check_rule_ids

  std::string file;    // where it was read from; empty for defaults
  std::string digest;  // sha256 of the file text (cache keys); empty for defaults

  void compile_path_sets() {
    production_set = PathSet(production_paths);
    client_set = PathSet(client_paths);
  }
};

// Built-in defaults (production and client path sets filled in).
Config default_config();
const std::vector<std::string>& default_production_paths();
const std::vector<std::string>& default_client_paths();

// Parses config text. `name` is used in diagnostics and its directory resolves relative paths
// ([rules] extra, [cache] dir). Unknown tables and keys, wrong types, bad globs, regexes, sizes,
// severities and URLs are each reported as "name:line: what is wrong"; all of them, not only the
// first, sorted by line. Never throws.
util::Expected<Config> parse_config(const std::string& text, const std::string& name);

// Reads and parses a file; a missing or unreadable file is a diagnostic.
util::Expected<Config> load_config_file(const std::string& path);

// The .twilint.toml that applies to `start` (a file or directory), looked up the same way however
// the path is spelled: in `start` (a file's directory) and each directory above it, up to and
// including the repository root (the first directory holding a `.git` entry) or, outside a
// repository, the filesystem root. Returns the file's path relative to the current directory
// when it is under it (".twilint.toml", "../.twilint.toml"), else absolute; nullopt if none.
std::optional<std::string> discover_config_file(const std::string& start);

// Diagnostics (at the config's lines) for every rule id in [rules] disable or [severity] that
// `rules` does not define. Call after loading the shipped and extra rule files.
util::Diagnostics check_rule_ids(const Config& config, const rules::RuleSet& rules);

// The commented config `twilint init` writes, with every key at its default.
std::string init_template();

}  // namespace twilint::config
