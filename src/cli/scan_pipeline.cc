#include "cli/scan_pipeline.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/run.h"
#include "cli/exit_codes.h"
#include "report/formats.h"
#include "report/progress_line.h"

namespace twilint::cli {
namespace {

void on_sigint(int) {
  interrupted().store(true);
  // A second Ctrl-C ends the process at once.
  std::signal(SIGINT, SIG_DFL);
}

// Writes to stdout; a reader that went away (`| head -1`) is not an error worth a message.
void write_stdout(std::string_view text) {
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

// Standard output and standard error, each line "twilint: ..." on stderr.
class StdConsole : public app::Console {
 public:
  void report(std::string_view text) override { write_stdout(text); }
  void line(std::string_view text) override {
    std::fprintf(stderr, "twilint: %.*s\n", static_cast<int>(text.size()), text.data());
  }
  // One line redrawn in place; gone at the end.
  void progress(const model::ProgressSnapshot& snapshot) override {
    if (snapshot.finished) {
      std::fputs("\r\033[K", stderr);
    } else {
      std::fprintf(stderr, "\r\033[K%s", report::progress_line(snapshot).c_str());
    }
    std::fflush(stderr);
  }
};

int exit_code(app::Outcome outcome) {
  switch (outcome) {
    case app::Outcome::kClean: return kExitClean;
    case app::Outcome::kFindings: return kExitFindings;
    case app::Outcome::kIncomplete: return kExitIncomplete;
    case app::Outcome::kInterrupted: return kExitInterrupted;
    case app::Outcome::kFailed: return kExitUsage;
  }
  return kExitUsage;
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

void add_common_options(CLI::App* command, app::Request& o) {
  const std::vector<std::string> formats = report::format_names();
  std::string format_help = "Report format:";
  for (size_t i = 0; i < formats.size(); ++i) format_help += (i == 0 ? " " : ", ") + formats[i];
  command->add_option("-f,--format", o.format, format_help)->check(CLI::IsMember(formats));
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

void add_cache_options(CLI::App* command, app::Request& request) {
  command->add_option("--cache-dir", request.cache_dir,
                      "Directory of the incremental history cache (default: $XDG_CACHE_HOME/twilint)");
  command->add_flag("--no-cache", request.no_cache, "Neither read nor write the history cache");
}

int run_request(app::Request request) {
  request.color_allowed = std::getenv("NO_COLOR") == nullptr && ::isatty(STDOUT_FILENO) != 0;
  request.progress_allowed = ::isatty(STDERR_FILENO) != 0 && std::getenv("CI") == nullptr;
  auto settings = app::resolve(request, &interrupted());
  if (!settings) {
    print_errors(settings.errors());
    return kExitUsage;
  }
  StdConsole console;
  return exit_code(app::run(*settings, console));
}

std::unique_ptr<app::Loaded> load_or_print(const app::LoadRequest& request) {
  auto loaded = app::load_rules_and_config(request);
  if (!loaded) {
    print_errors(loaded.errors());
    return nullptr;
  }
  return std::make_unique<app::Loaded>(std::move(*loaded));
}

}  // namespace twilint::cli
