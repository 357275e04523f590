#include "app/settings.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <utility>

#include "app/verification.h"
#include "cache/blob_cache.h"
#include "config/values.h"
#include "report/reporter.h"
#include "rules/embedded.h"
#include "rules/loader.h"
#include "scan/baseline_file.h"

namespace twilint::app {
namespace {

void append(util::Diagnostics& to, const util::Diagnostics& from) { to.insert(to.end(), from.begin(), from.end()); }

// The config: --config, else the discovered .twilint.toml, else the defaults.
config::Config load_config(const LoadRequest& request, util::Diagnostics& errors) {
  std::string path = request.config_file;
  if (path.empty() && !request.no_config) {
    path = config::discover_config_file(request.config_root.empty() ? std::string(".") : request.config_root)
               .value_or("");
  }
  if (path.empty()) return config::default_config();
  auto loaded = config::load_config_file(path);
  if (loaded) return std::move(*loaded);
  append(errors, loaded.errors());
  return config::default_config();
}

// The config a mode's scan root discovers: the first path for scan (standard input: here), the
// repository otherwise.
std::string config_root(const Request& request) {
  if (request.mode != Mode::kScan) return request.repo;
  if (request.paths.empty() || request.paths.front() == "-") return ".";
  return request.paths.front();
}

util::Diagnostics missing_paths(const std::vector<std::string>& paths) {
  util::Diagnostics errors;
  for (const std::string& p : paths) {
    struct stat st {};
    if (p != "-" && ::lstat(p.c_str(), &st) != 0) errors.push_back({"", 0, "no such file or directory: " + p});
  }
  return errors;
}

std::optional<model::Severity> fail_on(const std::string& name) {
  return name == "none" ? std::nullopt : model::parse_severity(name);
}

// The byte limit: --max-file-size, else the config's, else the default. `walk` gets it only when
// one of the two was given: without them a file scan skips nothing for its size.
void resolve_size(const Request& request, Settings& settings, util::Diagnostics& errors) {
  const config::Config& config = settings.loaded->config;
  settings.max_file_size = config.max_file_size.value_or(config::kDefaultMaxFileSize);
  if (!request.max_file_size.empty()) {
    auto parsed = config::parse_byte_size(request.max_file_size);
    if (parsed) {
      settings.max_file_size = *parsed;
    } else {
      errors.push_back({"", 0, "--max-file-size: " + parsed.errors().front().message});
    }
  }
  if (!request.max_file_size.empty() || config.max_file_size) settings.walk.max_file_size = settings.max_file_size;
}

void resolve_walk(const Request& request, Settings& settings, util::Diagnostics& errors) {
  const config::Config& config = settings.loaded->config;
  source::WalkOptions& walk = settings.walk;
  walk.roots = request.paths.empty() ? std::vector<std::string>{"."} : request.paths;
  walk.honour_gitignore = !request.no_ignore;
  walk.follow_symlinks = request.follow;
  walk.exclude = config.exclude;
  // A discovered .twilint.toml's globs are written relative to its directory, whichever
  // subdirectory is scanned: paths are made relative to it too.
  if (request.config_file.empty() && !config.file.empty()) {
    walk.base = std::filesystem::path(config.file).parent_path().string();
    if (walk.base.empty()) walk.base = ".";
  }
  append(errors, compile_excludes(request.exclude, walk.exclude));
}

void resolve_history(const Request& request, Settings& settings, util::Diagnostics& errors) {
  source::HistoryOptions& history = settings.history;
  history.repo = request.repo;
  history.branches = request.branches;
  history.range = request.since_commit.empty() ? request.range : request.since_commit + "..HEAD";
  if (!request.since_commit.empty()) history.range_flag = "--since-commit";
  history.max_file_size = settings.max_file_size;
  history.jobs = settings.jobs;
  if (!request.range.empty() && !request.since_commit.empty()) {
    errors.push_back({"", 0, "give either --range or --since-commit, not both"});
  } else if (auto bad = source::check_range_syntax(history.range, history.range_flag)) {
    errors.push_back(std::move(*bad));
  }
  settings.use_cache = !request.no_cache && !request.show_secrets && !request.verify;
  const config::Config& config = settings.loaded->config;
  settings.cache_dir = !request.cache_dir.empty()  ? request.cache_dir
                       : !config.cache_dir.empty() ? config.cache_dir
                                                   : cache::default_cache_dir();
}

// The command line only offers valid names; a Request built elsewhere gets the same checks.
void resolve_report(const Request& request, Settings& settings, util::Diagnostics& errors) {
  const std::vector<std::string> formats = report::format_names();
  if (std::find(formats.begin(), formats.end(), request.format) == formats.end()) {
    errors.push_back({"", 0, "--format: unknown format '" + request.format + "'"});
  }
  if (request.fail_on != "none" && !model::parse_severity(request.fail_on)) {
    errors.push_back({"", 0, "--fail-on: unknown severity '" + request.fail_on + "'"});
  }
  ReportSettings& report = settings.report;
  report.format = request.format;
  report.output = request.output;
  report.fail_on = fail_on(request.fail_on);
  report.show_identifiers = request.show_identifiers || report.fail_on == model::Severity::kInfo;
  report.color = request.format == "text" && request.output.empty() && !request.no_color && request.color_allowed;
  report.write_baseline = request.write_baseline;
}

// Everything that needs the config and rules, once they are loaded.
void resolve_loaded(const Request& request, Settings& settings, util::Diagnostics& errors) {
  resolve_size(request, settings, errors);
  append(errors, resolve_verify_options(request, settings.loaded->config, settings.cancel, settings.verify_options));
  switch (settings.mode) {
    case Mode::kScan: resolve_walk(request, settings, errors); break;
    case Mode::kHistory: resolve_history(request, settings, errors); break;
    case Mode::kStaged: settings.staged_repo = request.repo; break;
  }
}

}  // namespace

util::Diagnostics compile_excludes(const std::vector<std::string>& patterns, std::vector<util::Glob>& into) {
  util::Diagnostics errors;
  for (const std::string& pattern : patterns) {
    auto glob = util::Glob::compile(pattern);
    if (glob) {
      into.push_back(std::move(*glob));
    } else {
      errors.push_back({"", 0, "--exclude: " + glob.errors().front().message});
    }
  }
  return errors;
}

util::Expected<Loaded> load_rules_and_config(const LoadRequest& request) {
  util::Diagnostics errors;
  Loaded loaded;
  // Config first: it can add rule files.
  loaded.config = load_config(request, errors);
  std::vector<std::string> extra = request.rule_files;
  extra.insert(extra.end(), loaded.config.extra_rule_files.begin(), loaded.config.extra_rule_files.end());
  std::vector<rules::RuleSource> sources;
  if (auto files = rules::read_rule_files(extra)) {
    sources = std::move(*files);
  } else {
    append(errors, files.errors());
  }
  // The shipped pack comes pre-parsed (no TOML at start-up); the user's own rule files follow it.
  auto shipped = rules::load_embedded_rules();
  auto rules = shipped ? rules::load_rules(sources, std::move(*shipped)) : std::move(shipped);
  if (!rules) {
    append(errors, rules.errors());
  } else {
    loaded.rules = std::move(*rules);
    // Rule ids named by the config must exist: a typo would silently disable nothing.
    append(errors, config::check_rule_ids(loaded.config, loaded.rules));
  }
  if (!errors.empty()) return errors;
  return loaded;
}

const std::shared_ptr<const config::EffectiveRules>& effective_rules(Loaded& loaded) {
  if (loaded.effective == nullptr) {
    loaded.effective = std::make_shared<const config::EffectiveRules>(loaded.rules, loaded.config);
  }
  return loaded.effective;
}

util::Expected<Settings> resolve(const Request& request, const std::atomic<bool>* cancel) {
  Settings settings;
  settings.mode = request.mode;
  settings.cancel = cancel;
  settings.jobs = request.jobs;
  settings.show_secrets = request.show_secrets;
  settings.verify = request.verify;
  settings.only_verified = request.only_verified;
  settings.progress = request.mode == Mode::kHistory && request.progress_allowed;
  util::Diagnostics errors;
  resolve_report(request, settings, errors);
  if (request.mode == Mode::kScan) {
    const std::vector<std::string>& paths = request.paths;
    settings.root = paths.size() == 1 ? paths.front() : ".";
    append(errors, missing_paths(paths.empty() ? std::vector<std::string>{"."} : paths));
  } else {
    settings.root = request.repo;
  }
  auto loaded = load_rules_and_config({request.rule_files, request.config_file, request.no_config, config_root(request)});
  if (loaded) {
    settings.loaded = std::make_unique<Loaded>(std::move(*loaded));
    effective_rules(*settings.loaded);
    resolve_loaded(request, settings, errors);
  } else {
    append(errors, loaded.errors());
  }
  if (!request.baseline_file.empty()) {
    if (auto baseline = scan::read_baseline(request.baseline_file)) {
      settings.baseline = std::move(*baseline);
    } else {
      append(errors, baseline.errors());
    }
  }
  if (!errors.empty()) return errors;
  return settings;
}

}  // namespace twilint::app
