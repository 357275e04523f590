// `twilint scan [PATH…]`: files and directories as they are on disk.
#include <memory>

#include "cli/commands.h"
#include "cli/scan_modes.h"
#include "cli/scan_pipeline.h"

namespace twilint::cli {

void add_fs_options(CLI::App* cmd, app::Request& request) {
  cmd->add_option("paths", request.paths, "Files or directories to scan (default: .; - for standard input)");
  cmd->add_flag("--no-ignore", request.no_ignore, "Do not honour .gitignore");
  cmd->add_flag("--follow", request.follow, "Follow symbolic links (within the scanned tree)");
  add_repeatable_option(cmd, "--exclude", request.exclude, "Skip paths matching this glob (repeatable)");
}

void register_scan(CLI::App& app, int& exit_code) {
  auto request = std::make_shared<app::Request>();
  request->mode = app::Mode::kScan;
  CLI::App* cmd = app.add_subcommand("scan", "Scan files and directories as they are on disk (default: .)");
  add_fs_options(cmd, *request);
  add_common_options(cmd, *request);
  cmd->callback([request, &exit_code] { exit_code = run_request(*request); });
}

}  // namespace twilint::cli
