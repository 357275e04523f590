#include "app/run.h"

#include <set>
#include <string>

#include "app/history_cache.h"
#include "app/verification.h"
#include "report/reporter.h"
#include "report/summary.h"
#include "scan/baseline_file.h"
#include "scan/scanner.h"
#include "source/git_staged.h"
#include "util/atomic_file.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0.0.0"
#endif

namespace twilint::app {
namespace {

std::string_view mode_name(Mode mode) {
  switch (mode) {
    case Mode::kScan: return "scan";
    case Mode::kHistory: return "history";
    case Mode::kStaged: return "staged";
  }
  return "scan";
}

void print_errors(Console& console, const util::Diagnostics& errors) {
  for (const util::Diagnostic& d : errors) console.line("error: " + d.to_string());
}

void print_warnings(Console& console, const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) console.line("warning: " + w);
}

// The enabled rules as the report describes them, at their effective severity.
std::vector<model::RuleInfo> rule_infos(const Loaded& loaded) {
  std::vector<model::RuleInfo> out;
  for (size_t i = 0; i < loaded.rules.rules.size(); ++i) {
    const rules::Rule& r = loaded.rules.rules[i];
    const config::EffectiveRule& effective = (*loaded.effective)[i];
    if (!effective.enabled) continue;
    out.push_back(model::RuleInfo{r.id, r.title, r.kind, effective.severity, r.fix, r.guidance, r.references});
  }
  return out;
}

// Account and API Key SIDs name things; they are not secrets. The scan keeps them for pairing and
// verification, and the report shows them only when asked (--show-identifiers, --fail-on info).
void drop_identifiers_unless_asked(const ReportSettings& report, scan::ScanResult& result) {
  if (report.show_identifiers || report.write_baseline) return;
  size_t before = result.findings.size();
  std::erase_if(result.findings, [](const model::Finding& f) { return f.kind == model::RuleKind::kIdentifier; });
  result.stats.identifiers_hidden += before - result.findings.size();
}

std::string render_report(const Settings& settings, const scan::ScanResult& result) {
  if (settings.report.write_baseline) return scan::baseline_json(result.findings);
  std::unique_ptr<report::Reporter> reporter = report::make_reporter(settings.report.format);
  report::ReportContext context;
  context.tool_version = TWILINT_VERSION;
  context.mode = mode_name(settings.mode);
  context.root = settings.root;
  context.rules = rule_infos(*settings.loaded);
  context.fail_on = settings.report.fail_on;
  context.color = settings.report.color;
  reporter->begin(context);
  for (const model::Finding& f : result.findings) reporter->on_finding(f);
  return reporter->end(result.stats);
}

scan::ScanOptions scan_options(const Settings& settings, scan::ResultStore* cache, Console& console) {
  scan::ScanOptions options;
  options.collect_credentials = settings.verify;
  options.jobs = settings.jobs;
  options.show_secrets = settings.show_secrets;
  options.cancel = settings.cancel;
  options.group_occurrences = settings.mode == Mode::kHistory;
  if (settings.progress) options.progress = [&console](const model::ProgressSnapshot& p) { console.progress(p); };
  options.baseline = settings.baseline;
  options.cache = cache;
  options.effective_rules = settings.loaded->effective;
  return options;
}

// `history` is the settings' copy the cache attaches its checkpoint to: it must outlive the source.
util::Expected<std::unique_ptr<source::Source>> open_source(const Settings& settings, HistoryCache* cache,
                                                            source::HistoryOptions& history) {
  switch (settings.mode) {
    case Mode::kScan: return source::make_fs_source(settings.walk);
    case Mode::kStaged: return source::open_staged(settings.staged_repo, settings.max_file_size, settings.jobs);
    case Mode::kHistory:
      history = settings.history;
      history.memory = cache;
      return source::open_history(history);
  }
  return util::Diagnostic{"", 0, "unknown scan mode"};
}

// Standard output, or --output's file (atomically). False when the file could not be written.
bool deliver(const ReportSettings& report, const std::string& text, Console& console) {
  if (report.output.empty()) {
    console.report(text);
    return true;
  }
  util::Diagnostics errors = util::write_file_atomically(report.output, text);
  print_errors(console, errors);
  return errors.empty();
}

// The lines after the report: where it went (when not to the terminal), warnings, what was not read.
void summarize(const ReportSettings& report, const scan::ScanResult& result, Console& console) {
  if (report.write_baseline) {
    std::set<std::string> fingerprints;
    for (const model::Finding& f : result.findings) fingerprints.insert(f.fingerprint);
    console.line("baseline: " + report::count_noun(fingerprints.size(), "fingerprint") + " of " +
                 report::count_noun(result.findings.size(), "finding") + " written to " +
                 (report.output.empty() ? "standard output" : report.output));
  } else if (!report.output.empty()) {
    // The report went to a file: the terminal still gets the one line that says how it went.
    std::set<std::string> files;
    for (const model::Finding& f : result.findings) files.insert(f.origin.path);
    console.line(report::findings_phrase(report::count_severities(result.findings)) + " in " +
                 report::count_noun(files.size(), "file") + "; report written to " + report.output);
  }
  for (const model::Warning& w : result.stats.warnings) console.line("warning: " + w.to_string());
  if (!result.stats.incomplete()) return;
  for (const model::Skipped& s : result.stats.skipped) {
    if (s.error) console.line("warning: not scanned: " + s.path + ": " + s.reason);
  }
}

Outcome outcome_of(const ReportSettings& report, const scan::ScanResult& result) {
  if (result.stats.incomplete()) return Outcome::kIncomplete;
  if (!report.fail_on || report.write_baseline) return Outcome::kClean;
  for (const model::Finding& f : result.findings) {
    if (f.severity >= *report.fail_on) return Outcome::kFindings;
  }
  return Outcome::kClean;
}

Outcome interrupted(Console& console) {
  console.line("interrupted; no report written");
  return Outcome::kInterrupted;
}

}  // namespace

Outcome run(const Settings& settings, Console& console) {
  std::vector<std::string> warnings;
  // Opened before the source: the history source resumes from the cache's walk checkpoint.
  std::unique_ptr<HistoryCache> history_cache = HistoryCache::open(settings, warnings);
  print_warnings(console, warnings);
  source::HistoryOptions history;
  auto source = open_source(settings, history_cache.get(), history);
  if (!source) {
    print_errors(console, source.errors());
    return Outcome::kFailed;
  }
  scan::Scanner scanner(settings.loaded->rules, settings.loaded->config,
                        scan_options(settings, history_cache.get(), console));
  scan::ScanResult result = scanner.run(**source);
  if (history_cache && !result.cancelled) {
    warnings.clear();
    history_cache->save(result, warnings);
    print_warnings(console, warnings);
  }
  if (result.cancelled) return interrupted(console);
  if (settings.verify) {
    console.line(verify_findings(settings.verify_options, settings.only_verified, result));
    if (settings.cancel != nullptr && settings.cancel->load()) return interrupted(console);
  }
  drop_identifiers_unless_asked(settings.report, result);
  if (!deliver(settings.report, render_report(settings, result), console)) return Outcome::kFailed;
  summarize(settings.report, result, console);
  return outcome_of(settings.report, result);
}

}  // namespace twilint::app
