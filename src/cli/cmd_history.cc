// `twilint history [REPO]` and `twilint staged [REPO]`: git history by unique blob, and what the
// next commit would add.
#include <memory>

#include "cli/commands.h"
#include "cli/scan_modes.h"
#include "cli/scan_pipeline.h"

namespace twilint::cli {

void add_history_options(CLI::App* cmd, app::Request& request) {
  cmd->add_option("repo", request.repo, "Repository: work tree, .git directory, bare repository (default: .)");
  add_repeatable_option(cmd, "--branch", request.branches, "Only history reachable from this ref (repeatable)")
      ->check(non_empty_value());
  cmd->add_option("--range", request.range,
                  "Only what the commits in A..B introduce (A all zeros: what no other ref has)")
      ->check(non_empty_value());
  cmd->add_option("--since-commit", request.since_commit, "Shorthand for --range SHA..HEAD")->check(non_empty_value());
}

void register_history(CLI::App& app, int& exit_code) {
  auto request = std::make_shared<app::Request>();
  request->mode = app::Mode::kHistory;
  CLI::App* cmd = app.add_subcommand("history", "Scan every blob in the git history, once, attributed to the commit that introduced it");
  add_history_options(cmd, *request);
  add_common_options(cmd, *request);
  add_cache_options(cmd, *request);
  cmd->callback([request, &exit_code] { exit_code = run_request(*request); });
}

void register_staged(CLI::App& app, int& exit_code) {
  auto request = std::make_shared<app::Request>();
  request->mode = app::Mode::kStaged;
  CLI::App* cmd = app.add_subcommand("staged", "Scan what the next commit would add (the index against HEAD)");
  cmd->add_option("repo", request->repo, "Repository (default: .)");
  add_common_options(cmd, *request);
  cmd->callback([request, &exit_code] { exit_code = run_request(*request); });
}

}  // namespace twilint::cli
