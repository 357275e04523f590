#include "cli/scan_pipeline.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <sys/stat.h>

#include "cli/baseline_file.h"
#include "cli/exit_codes.h"
#include "cli/history_cache.h"
#include "cli/verification.h"
#include "model/severity.h"
#include "report/reporter.h"
#include "report/summary.h"
#include "rules/embedded.h"
#include "rules/loader.h"
#include "util/atomic_file.h"
#include "config/values.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0.0.0"
#endif

namespace twilint::cli {
namespace {

constexpr uint64_t kDefaultMaxFileSize = 10 * 1024 * 1024;

void on_sigint(int) {
  interrupted().store(true);
  // A second Ctrl-C ends the process at once.
  std::signal(SIGINT, SIG_DFL);
}

// Writes to stdout; a reader that went away (`| head -1`) is not an error worth a message.
void write_stdout(const std::string& text) {
  size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(STDOUT_FILENO, text.data() + off, text.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // EPIPE and friends: stop quietly
    }
    off += static_cast<size_t>(n);
  }
}

std::vector<model::RuleInfo> rule_infos(const rules::RuleSet& rules, const config::Config& config) {
  std::vector<model::RuleInfo> out;
  for (const rules::Rule& r : rules.rules) {
    bool disabled = false;
    for (const std::string& id : config.disabled_rules) disabled = disabled || id == r.id;
    if (disabled) continue;
    model::RuleInfo info{r.id, r.title, r.kind, r.severity, r.fix, r.guidance, r.references};
    auto it = config.severity_overrides.find(r.id);
    if (it != config.severity_overrides.end()) info.severity = it->second;
    out.push_back(std::move(info));
  }
  return out;
}

// Account and API Key SIDs name things; they are not secrets. The scan keeps them for pairing and
// verification, and the report shows them only when asked (--show-identifiers, --fail-on info).
void drop_identifiers_unless_asked(const CommonOptions& options, scan::ScanResult& result) {
  if (options.show_identifiers || options.fail_on == "info") return;
  size_t before = result.findings.size();
  std::erase_if(result.findings, [](const model::Finding& f) { return f.kind == model::RuleKind::kIdentifier; });
  result.stats.identifiers_hidden += before - result.findings.size();
}

std::string render_report(const CommonOptions& options, const std::string& mode, const std::string& root,
                          const Loaded& loaded, const scan::ScanResult& result) {
  std::unique_ptr<report::Reporter> reporter = report::make_reporter(options.format);
  report::ReportContext context;
  context.tool_version = TWILINT_VERSION;
  context.mode = mode;
  context.root = root;
  context.rules = rule_infos(loaded.rules, loaded.config);
  context.fail_on = options.fail_on == "none" ? std::nullopt : model::parse_severity(options.fail_on);
  context.color = options.format == "text" && options.output.empty() && !options.no_color &&
                  std::getenv("NO_COLOR") == nullptr && ::isatty(STDOUT_FILENO) != 0;
  reporter->begin(context);
  for (const model::Finding& f : result.findings) reporter->on_finding(f);
  return reporter->end(result.stats);
}

}  // namespace

std::atomic<bool>& interrupted() {
  static std::atomic<bool> flag{false};
  return flag;
}

void install_signal_handlers() {
  std::signal(SIGINT, on_sigint);
  std::signal(SIGPIPE, SIG_IGN);
}

void print_errors(const util::Diagnostics& errors) {
  for (const util::Diagnostic& d : errors) std::fprintf(stderr, "twilint: error: %s\n", d.to_string().c_str());
}

CLI::Option* add_repeatable_option(CLI::App* command, const std::string& name, std::vector<std::string>& values,
                                   const std::string& description) {
  return command->add_option(name, values, description)->allow_extra_args(false);
}

CLI::Validator non_empty_value() {
  return CLI::Validator(
      [](const std::string& value) {
        return value.empty() ? std::string("an empty value is not allowed (is the variable that should hold it unset?)")
                             : std::string();
      },
      "", "non_empty");
}

void add_common_options(CLI::App* command, CommonOptions& o) {
  command->add_option("-f,--format", o.format, "Report format: text, json, sarif, github, junit, compact")
      ->check(CLI::IsMember(report::format_names()));
  command->add_option("-o,--output", o.output, "Write the report to FILE (atomically) instead of stdout");
  command->add_flag("--show-secrets", o.show_secrets, "Print secrets in full (redacted by default)");
  command->add_option("--fail-on", o.fail_on, "Lowest severity that makes the exit code 1 (default medium)")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical", "none"}));
  command->add_flag("--show-identifiers", o.show_identifiers,
                    "Also report Account and API Key SIDs (identifiers, not secrets; implied by --fail-on info)");
  command->add_option("-j,--jobs", o.jobs, "Worker threads (default: all cores)");
  add_repeatable_option(command, "--rules", o.rule_files, "Extra rule file to load besides the built-in pack (repeatable)");
  command->add_option("-c,--config", o.config_file, "Config file (default: .twilint.toml at the scan root)");
  command->add_flag("--no-config", o.no_config, "Ignore .twilint.toml");
  command->add_flag("--no-color", o.no_color, "No ANSI colour in text output");
  command->add_option("--baseline", o.baseline_file, "Hide findings whose fingerprints are in FILE");
  command->add_option("--max-file-size", o.max_file_size,
                      "Skip files larger than this (scan: nothing is skipped without it; history, staged: default 10MiB)");
  CLI::Option* verify = command->add_flag(
      "--verify", o.verify,
      "Check each credential found with one read-only request to Twilio's API (nothing is sent without this)");
  command->add_flag("--only-verified", o.only_verified, "Report only credentials --verify found live")->needs(verify);
  add_repeatable_option(command, "--verify-endpoint", o.verify_endpoints,
                        "[SERVICE=]URL: base URL --verify sends to for twilio (the default SERVICE), sendgrid or "
                        "twilio-oauth (default: the config's [verify] endpoints); repeatable");
  command->add_option("--verify-timeout", o.verify_timeout, "Seconds all of --verify may take (default 60)")
      ->check(CLI::PositiveNumber);
  command->add_option("--verify-request-timeout", o.verify_request_timeout,
                      "Seconds each --verify request may take (default 5)")
      ->check(CLI::PositiveNumber);
  command->add_option("--verify-concurrency", o.verify_concurrency, "Requests --verify has in flight at most (default 4)")
      ->check(CLI::Range(1u, 64u));
}

std::unique_ptr<Loaded> load_rules_and_config(const CommonOptions& options, const std::string& config_root) {
  auto loaded = std::make_unique<Loaded>();
  util::Diagnostics errors;
  // Config first: it can add rule files.
  loaded->config = config::default_config();
  std::string config_path = options.config_file;
  if (config_path.empty() && !options.no_config) {
    config_path = config::discover_config_file(config_root.empty() ? std::string(".") : config_root).value_or("");
  }
  if (!config_path.empty()) {
    auto config = config::load_config_file(config_path);
    if (config) {
      loaded->config = std::move(*config);
    } else {
      errors.insert(errors.end(), config.errors().begin(), config.errors().end());
    }
  }
  std::vector<rules::RuleSource> sources;
  std::vector<std::string> extra = options.rule_files;
  extra.insert(extra.end(), loaded->config.extra_rule_files.begin(), loaded->config.extra_rule_files.end());
  auto files = rules::read_rule_files(extra);
  if (files) {
    sources = std::move(*files);
  } else {
    errors.insert(errors.end(), files.errors().begin(), files.errors().end());
  }
  // The shipped pack comes pre-parsed (no TOML at start-up); the user's own rule files follow it.
  auto shipped = rules::load_embedded_rules();
  auto rules = shipped ? rules::load_rules(sources, std::move(*shipped)) : std::move(shipped);
  if (!rules) {
    errors.insert(errors.end(), rules.errors().begin(), rules.errors().end());
  } else {
    loaded->rules = std::move(*rules);
    // Rule ids named by the config must exist: a typo would silently disable nothing.
    util::Diagnostics unknown = config::check_rule_ids(loaded->config, loaded->rules);
    errors.insert(errors.end(), unknown.begin(), unknown.end());
  }
  if (!errors.empty()) {
    print_errors(errors);
    return nullptr;
  }
  return loaded;
}

int run_scan(const CommonOptions& options, const std::string& mode, const std::string& root,
             const std::string& config_root, const SourceFactory& make_source) {
  std::unique_ptr<Loaded> loaded = load_rules_and_config(options, config_root);
  if (!loaded) return kExitUsage;

  uint64_t max_file_size = loaded->config.max_file_size.value_or(kDefaultMaxFileSize);
  if (!options.max_file_size.empty()) {
    auto parsed = config::parse_byte_size(options.max_file_size);
    if (!parsed) {
      print_errors({{"", 0, "--max-file-size: " + parsed.errors().front().message}});
      return kExitUsage;
    }
    max_file_size = *parsed;
  }
  std::optional<verify::VerifyOptions> verify_options = cli::verify_options(options, loaded->config);
  if (!verify_options) return kExitUsage;

  scan::ScanOptions scan_options;
  scan_options.collect_credentials = options.verify;
  scan_options.jobs = options.jobs;
  scan_options.show_secrets = options.show_secrets;
  scan_options.max_file_size = max_file_size;
  scan_options.cancel = &interrupted();
  scan_options.group_occurrences = mode == "history";
  scan_options.progress = mode == "history" && ::isatty(STDERR_FILENO) != 0 && std::getenv("CI") == nullptr;
  if (!options.baseline_file.empty()) {
    auto baseline = read_baseline(options.baseline_file);
    if (!baseline) {
      print_errors(baseline.errors());
      return kExitUsage;
    }
    scan_options.baseline = std::move(*baseline);
  }
  // Opened before the source: the history source resumes from the cache's walk checkpoint.
  std::unique_ptr<HistoryCache> history_cache;
  if (mode == "history") history_cache = HistoryCache::open(options, *loaded, root, max_file_size);
  auto source = make_source(loaded->config, max_file_size, history_cache.get());
  if (!source) {
    print_errors(source.errors());
    return kExitUsage;
  }

  scan_options.cache = history_cache ? &history_cache->blobs() : nullptr;
  scan::Scanner scanner(loaded->rules, loaded->config, scan_options);
  scan::ScanResult result = scanner.run(**source);
  if (history_cache && !result.cancelled) history_cache->save(result);
  if (result.cancelled) {
    std::fprintf(stderr, "twilint: interrupted; no report written\n");
    return kExitInterrupted;
  }
  if (options.verify) {
    verify_findings(options, *verify_options, result);
    if (interrupted().load()) {
      std::fprintf(stderr, "twilint: interrupted; no report written\n");
      return kExitInterrupted;
    }
  }

  if (!options.write_baseline) drop_identifiers_unless_asked(options, result);
  std::string text;
  if (options.write_baseline) {
    text = baseline_json(result.findings);
  } else {
    text = render_report(options, mode, root, *loaded, result);
  }

  if (options.output.empty()) {
    write_stdout(text);
  } else if (auto errors = util::write_file_atomically(options.output, text); !errors.empty()) {
    print_errors(errors);
    return kExitUsage;
  }

  if (!options.write_baseline && !options.output.empty()) {
    // The report went to a file: the terminal still gets the one line that says how it went.
    std::set<std::string> files;
    for (const model::Finding& f : result.findings) files.insert(f.origin.path);
    std::fprintf(stderr, "twilint: %s in %s; report written to %s\n",
                 report::findings_phrase(report::count_severities(result.findings)).c_str(),
                 report::count_noun(files.size(), "file").c_str(), options.output.c_str());
  }
  if (options.write_baseline) {
    std::set<std::string> fingerprints;
    for (const model::Finding& f : result.findings) fingerprints.insert(f.fingerprint);
    std::fprintf(stderr, "twilint: baseline: %zu fingerprint%s of %zu finding%s written to %s\n", fingerprints.size(),
                 fingerprints.size() == 1 ? "" : "s", result.findings.size(), result.findings.size() == 1 ? "" : "s",
                 options.output.empty() ? "standard output" : options.output.c_str());
  }
  for (const model::Warning& w : result.stats.warnings) std::fprintf(stderr, "twilint: warning: %s\n", w.to_string().c_str());
  if (result.stats.incomplete()) {
    for (const model::Skipped& s : result.stats.skipped) {
      if (s.error) std::fprintf(stderr, "twilint: warning: not scanned: %s: %s\n", s.path.c_str(), s.reason.c_str());
    }
  }
  bool failing = false;
  if (options.fail_on != "none" && !options.write_baseline) {
    model::Severity threshold = *model::parse_severity(options.fail_on);
    for (const model::Finding& f : result.findings) failing = failing || f.severity >= threshold;
  }
  if (result.stats.incomplete()) return kExitIncomplete;
  return failing ? kExitFindings : kExitClean;
}

}  // namespace twilint::cli
