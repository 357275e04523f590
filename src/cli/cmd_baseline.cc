// `twilint baseline create [PATH…] [--history|--staged] [scan options] --output FILE`: the current
// findings' fingerprints, for `--baseline FILE` to hide later.
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scan_modes.h"
#include "cli/scan_pipeline.h"

namespace twilint::cli {
namespace {

// The first report or gate option given to `baseline create`, where none of them has an effect.
std::string unused_report_option(const CLI::App& create) {
  for (const char* name : {"--format", "--show-secrets", "--fail-on", "--show-identifiers", "--no-color", "--baseline",
                           "--only-verified", "--verify-endpoint", "--verify-timeout", "--verify-request-timeout",
                           "--verify-concurrency"}) {
    if (create.count(name) > 0) return name;
  }
  return "";
}

}  // namespace

void register_baseline(CLI::App& app, int& exit_code) {
  struct Args {
    app::Request request;
    bool use_history = false;
    bool use_staged = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* baseline = app.add_subcommand("baseline", "Manage baselines of accepted findings");
  baseline->require_subcommand(1);
  CLI::App* create = baseline->add_subcommand("create", "Write the current findings' fingerprints to a baseline file");
  create->add_option("paths", args->request.paths, "Files or directories (or, with --history/--staged, the repository)");
  create->add_flag("--no-ignore", args->request.no_ignore, "Do not honour .gitignore");
  create->add_flag("--follow", args->request.follow, "Follow symbolic links (within the scanned tree)");
  add_repeatable_option(create, "--exclude", args->request.exclude, "Skip paths matching this glob (repeatable)");
  create->add_flag("--history", args->use_history, "Baseline the whole git history");
  create->add_flag("--staged", args->use_staged, "Baseline the staged changes");
  add_repeatable_option(create, "--branch", args->request.branches, "With --history: only history reachable from this ref (repeatable)")
      ->check(non_empty_value());
  create->add_option("--range", args->request.range, "With --history: only what A..B introduces")
      ->check(non_empty_value());
  add_common_options(create, args->request);
  create->callback([args, create, &exit_code] {
    args->request.write_baseline = true;
    if (std::string unused = unused_report_option(*create); !unused.empty()) {
      print_errors({{"", 0, "baseline create: " + unused +
                                " does nothing here (a baseline is a JSON list of fingerprints, and creating one never fails on findings); drop it"}});
      exit_code = kExitUsage;
      return;
    }
    if (args->use_history && args->use_staged) {
      print_errors({{"", 0, "give either --history or --staged, not both"}});
      exit_code = kExitUsage;
      return;
    }
    app::Request& request = args->request;
    if (args->use_history || args->use_staged) {
      request.mode = args->use_history ? app::Mode::kHistory : app::Mode::kStaged;
      request.repo = request.paths.empty() ? "." : request.paths.front();
    }
    exit_code = run_request(request);
  });
}

}  // namespace twilint::cli
