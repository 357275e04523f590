// libFuzzer target: the scan stage over arbitrary bytes with the shipped rules and the default
// config, the way Scanner::run treats a file (UTF-16 decoding, the binary check, then analyze),
// with secrets shown and hidden so both redaction paths run.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/config.h"
#include "model/origin.h"
#include "model/stats.h"
#include "rules/embedded.h"
#include "rules/loader.h"
#include "scan/scanner.h"
#include "util/encoding.h"

using namespace twilint;

namespace {

struct World {
  rules::RuleSet rules;
  config::Config config = config::default_config();
  scan::Scanner* hidden = nullptr;
  scan::Scanner* shown = nullptr;
  World() : rules(std::move(*rules::load_rules(rules::embedded_sources()))) {
    hidden = new scan::Scanner(rules, config, scan::ScanOptions{.jobs = 1});
    shown = new scan::Scanner(rules, config, scan::ScanOptions{.jobs = 1, .show_secrets = true});
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* world = new World();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string storage;
  if (auto decoded = util::decode_utf16_bom(bytes)) {
    storage = std::move(*decoded);
    bytes = storage;
  }
  if (util::looks_binary(bytes)) return 0;
  model::Origin origin{"src/config/prod/settings.py", "src/config/prod/settings.py", std::nullopt};
  model::ScanStats stats;
  std::vector<model::CredentialCandidate> credentials;
  (void)world->hidden->analyze(bytes, origin, stats, &credentials);
  model::Origin client{"web/public/app.js", "web/public/app.js", std::nullopt};
  (void)world->shown->analyze(bytes, client, stats);
  return 0;
}
