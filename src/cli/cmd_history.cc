// `twilint history [REPO]` and `twilint staged [REPO]`: git history by unique blob, and what the
// next commit would add.
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/history_cache.h"
#include "cli/scan_modes.h"
#include "source/git_history.h"
#include "source/git_staged.h"

namespace twilint::cli {

void add_history_options(CLI::App* cmd, HistoryArgs& args) {
  cmd->add_option("repo", args.repo, "Repository: work tree, .git directory, bare repository (default: .)");
  add_repeatable_option(cmd, "--branch", args.branches, "Only history reachable from this ref (repeatable)")
      ->check(non_empty_value());
  cmd->add_option("--range", args.range,
                  "Only what the commits in A..B introduce (A all zeros: what no other ref has)")
      ->check(non_empty_value());
  cmd->add_option("--since-commit", args.since_commit, "Shorthand for --range SHA..HEAD")->check(non_empty_value());
}

int run_history(const CommonOptions& common, const HistoryArgs& args) {
  if (!args.range.empty() && !args.since_commit.empty()) {
    print_errors({{"", 0, "give either --range or --since-commit, not both"}});
    return kExitUsage;
  }
  source::HistoryOptions options;
  options.repo = args.repo;
  options.branches = args.branches;
  options.range = args.since_commit.empty() ? args.range : args.since_commit + "..HEAD";
  if (!args.since_commit.empty()) options.range_flag = "--since-commit";
  return run_scan(common, "history", args.repo, args.repo,
                  [&](const config::Config&, uint64_t max_file_size, HistoryCache* cache) {
                    options.max_file_size = max_file_size;
                    // The walk checkpoint stands for a walk of every ref: --branch and --range
                    // walk afresh (their blobs still come from the cache).
                    if (cache != nullptr && options.branches.empty() && options.range.empty()) cache->attach(options);
                    return source::open_history(options);
                  });
}

int run_staged(const CommonOptions& common, const std::string& repo) {
  return run_scan(common, "staged", repo, repo, [&](const config::Config&, uint64_t max_file_size, HistoryCache*) {
    return source::open_staged(repo, max_file_size);
  });
}

void register_history(CLI::App& app, int& exit_code) {
  auto common = std::make_shared<CommonOptions>();
  auto args = std::make_shared<HistoryArgs>();
  CLI::App* cmd = app.add_subcommand("history", "Scan every blob in the git history, once, attributed to the commit that introduced it");
  add_history_options(cmd, *args);
  add_common_options(cmd, *common);
  add_cache_options(cmd, *common);
  cmd->callback([common, args, &exit_code] { exit_code = run_history(*common, *args); });
}

void register_staged(CLI::App& app, int& exit_code) {
  auto common = std::make_shared<CommonOptions>();
  auto repo = std::make_shared<std::string>(".");
  CLI::App* cmd = app.add_subcommand("staged", "Scan what the next commit would add (the index against HEAD)");
  cmd->add_option("repo", *repo, "Repository (default: .)");
  add_common_options(cmd, *common);
  cmd->callback([common, repo, &exit_code] { exit_code = run_staged(*common, *repo); });
}

}  // namespace twilint::cli
