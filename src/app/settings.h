// A scan mode's resolved settings: every flag parsed, checked and typed once, the config and rules
// loaded, the source's options built. resolve() reports every problem it finds together (flags,
// config, rules), never only the first.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "app/request.h"
#include "config/config.h"
#include "config/effective_rules.h"
#include "model/severity.h"
#include "rules/rule.h"
#include "source/fs_walker.h"
#include "source/git_history.h"
#include "util/status.h"
#include "verify/verifier.h"

namespace twilint::app {

struct Loaded {
  config::Config config;
  rules::RuleSet rules;
  // The config applied to the rules, once: what the scanner, `rules list` and reports read. Built
  // by effective_rules() on first use (fix, revoke and `rules check` never need it).
  std::shared_ptr<const config::EffectiveRules> effective;
};

// `loaded.effective`, built the first time it is asked for.
const std::shared_ptr<const config::EffectiveRules>& effective_rules(Loaded& loaded);

// Rules (the shipped pack, --rules, the config's extra files) and the config (--config, or the
// .twilint.toml found from `request.config_root` up), cross-checked: every error together.
util::Expected<Loaded> load_rules_and_config(const LoadRequest& request);

// Appends each --exclude glob to `into`; one error per glob that does not compile.
util::Diagnostics compile_excludes(const std::vector<std::string>& patterns, std::vector<util::Glob>& into);

struct ReportSettings {
  std::string format = "text";
  std::string output;                      // empty = standard output
  std::optional<model::Severity> fail_on;  // nullopt = never fail on findings (--fail-on none)
  bool show_identifiers = false;           // --show-identifiers or --fail-on info
  bool color = false;
  bool write_baseline = false;  // `baseline create`: the fingerprints, never failing on findings
};

struct Settings {
  Mode mode = Mode::kScan;
  std::string root;  // the scan root as the user named it (report context)
  std::unique_ptr<Loaded> loaded;
  ReportSettings report;

  unsigned jobs = 0;
  bool show_secrets = false;
  bool progress = false;  // history on a terminal: a progress line on stderr
  uint64_t max_file_size = config::kDefaultMaxFileSize;
  std::unordered_set<std::string> baseline;  // fingerprints to hide

  // Exactly one of these is the source, by mode.
  source::WalkOptions walk;        // kScan
  source::HistoryOptions history;  // kHistory (resume/record pointers unset: run() owns them)
  std::string staged_repo;         // kStaged

  // History: the incremental cache, unless --no-cache, --show-secrets or --verify.
  bool use_cache = false;
  std::string cache_dir;  // --cache-dir, the config's cache_dir, or the default

  bool verify = false;
  bool only_verified = false;
  verify::VerifyOptions verify_options;  // its `cancel` is the run's

  const std::atomic<bool>* cancel = nullptr;  // set when the user interrupts; not owned
};

// The settings `request` asks for, or every problem with it (one diagnostic each). `cancel` is
// polled by the scan and the verification.
util::Expected<Settings> resolve(const Request& request, const std::atomic<bool>* cancel);

}  // namespace twilint::app
