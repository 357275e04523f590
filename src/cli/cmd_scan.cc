// `twilint scan [PATH…]`: files and directories as they are on disk.
#include <sys/stat.h>

#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scan_modes.h"
#include "source/fs_walker.h"

namespace twilint::cli {

void add_fs_options(CLI::App* cmd, FsArgs& args) {
  cmd->add_option("paths", args.paths, "Files or directories to scan (default: .; - for standard input)");
  cmd->add_flag("--no-ignore", args.no_ignore, "Do not honour .gitignore");
  cmd->add_flag("--follow", args.follow, "Follow symbolic links (within the scanned tree)");
  add_repeatable_option(cmd, "--exclude", args.exclude, "Skip paths matching this glob (repeatable)");
}

int run_fs_scan(const CommonOptions& common, const FsArgs& args) {
  std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  util::Diagnostics missing;
  for (const std::string& p : paths) {
    struct stat st {};
    if (p != "-" && ::lstat(p.c_str(), &st) != 0) missing.push_back({"", 0, "no such file or directory: " + p});
  }
  if (!missing.empty()) {
    print_errors(missing);
    return kExitUsage;
  }
  std::string root = paths.size() == 1 ? paths.front() : ".";
  return run_scan(common, "scan", root, paths.front() == "-" ? "." : paths.front(),
                  [&](const config::Config& config, uint64_t max_file_size, HistoryCache*)
                      -> util::Expected<std::unique_ptr<source::Source>> {
                    source::WalkOptions walk;
                    walk.roots = paths;
                    walk.honour_gitignore = !args.no_ignore;
                    walk.follow_symlinks = args.follow;
                    // Without --max-file-size or [scan] max_file_size nothing is skipped for its
                    // size: what does not fit in memory is scanned in windows.
                    if (!common.max_file_size.empty() || config.max_file_size) walk.max_file_size = max_file_size;
                    walk.exclude = config.exclude;
                    // A discovered .twilint.toml's globs are written relative to its directory,
                    // whichever subdirectory is scanned: paths are made relative to it too.
                    if (common.config_file.empty() && !config.file.empty()) {
                      walk.base = std::filesystem::path(config.file).parent_path().string();
                      if (walk.base.empty()) walk.base = ".";
                    }
                    util::Diagnostics errors;
                    for (const std::string& g : args.exclude) {
                      auto glob = util::Glob::compile(g);
                      if (glob) {
                        walk.exclude.push_back(std::move(*glob));
                      } else {
                        errors.push_back({"", 0, "--exclude: " + glob.errors().front().message});
                      }
                    }
                    if (!errors.empty()) return errors;
                    return source::make_fs_source(std::move(walk));
                  });
}

void register_scan(CLI::App& app, int& exit_code) {
  auto common = std::make_shared<CommonOptions>();
  auto args = std::make_shared<FsArgs>();
  CLI::App* cmd = app.add_subcommand("scan", "Scan files and directories as they are on disk (default: .)");
  add_fs_options(cmd, *args);
  add_common_options(cmd, *common);
  cmd->callback([common, args, &exit_code] { exit_code = run_fs_scan(*common, *args); });
}

}  // namespace twilint::cli
