#include <string>
#include <vector>

#include "config/config.h"

namespace twilint::config {
namespace {

// A commented-out TOML array, one element per line, so the user can uncomment and edit it.
std::string commented_array(const std::string& key, const std::vector<std::string>& items) {
  std::string out = "# " + key + " = [\n";
  for (const std::string& item : items) {
    std::string quoted;
    for (char c : item) {
      if (c == '\\' || c == '"') quoted += '\\';
      quoted += c;
    }
    out += "#   \"" + quoted + "\",\n";
  }
  return out + "# ]\n";
}

}  // namespace

std::string init_template() {
  std::string out = R"(# twilint configuration (https://github.com/twilint/twilint, docs/config.md).
# Every key is optional. The commented-out values are the built-in defaults: uncomment a key to
# change it. Globs are .gitignore-style: a pattern without '/' matches any path segment, a pattern
# with '/' is anchored at the scan root ("**/" floats it), a trailing '/' means a whole directory.

[scan]
# Paths not to scan, in addition to what .gitignore excludes.
# exclude = []
# Larger files are skipped: a number of bytes, or a size such as "512KB", "10MiB", "1G".
# max_file_size = "10MiB"

[allowlist]
# Findings in these paths are not reported.
# paths = []
# RE2 regexes searched in each secret; a finding whose secret matches is not reported.
# regexes = []
# Words (case-insensitive); a finding whose secret contains one is not reported.
# stopwords = []

[rules]
# Rule ids to turn off ("twilint rules list" shows them).
# disable = []
# More rule files, relative to this file's directory.
# extra = []

[severity]
# Per-rule severity: info, low, medium, high or critical. For example:
#   twilio-api-key-sid = "low"

[production]
# What counts as production configuration, for the misuse rules (for example an Auth Token in
# production config). "paths" REPLACES the built-in list shown here; "extra_paths" ADDS to it.
)";
  out += commented_array("paths", default_production_paths());
  out += R"(# extra_paths = []

[client]
# Code that runs in a browser or a mobile app, where no Auth Token or API secret may appear.
# "paths" REPLACES the built-in list shown here; "extra_paths" ADDS to it.
)";
  out += commented_array("paths", default_client_paths());
  out += R"(# extra_paths = []

[verify]
# Base URL that --verify sends its read-only requests to (for a proxy or a test server).
# endpoint = "https://api.twilio.com"

[cache]
# Where the history cache is kept; "" means $XDG_CACHE_HOME/twilint (or ~/.cache/twilint).
# A relative path is relative to this file's directory; keep it outside the repository.
# dir = ""
)";
  return out;
}

}  // namespace twilint::config
