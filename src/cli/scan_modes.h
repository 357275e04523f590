// The three scan modes' arguments and runners, shared by their own subcommands and by
// `baseline create`, which accepts the same arguments.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/scan_pipeline.h"

namespace twilint::cli {

struct FsArgs {
  std::vector<std::string> paths;
  bool no_ignore = false;
  bool follow = false;
  std::vector<std::string> exclude;
};

struct HistoryArgs {
  std::string repo = ".";
  std::vector<std::string> branches;
  std::string range;
  std::string since_commit;
};

void add_fs_options(CLI::App* command, FsArgs& args);
void add_history_options(CLI::App* command, HistoryArgs& args);

int run_fs_scan(const CommonOptions& common, const FsArgs& args);
int run_history(const CommonOptions& common, const HistoryArgs& args);
int run_staged(const CommonOptions& common, const std::string& repo);

}  // namespace twilint::cli
