// Each subcommand registers itself on the app; its callback stores the exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace twilint::cli {

void register_scan(CLI::App& app, int& exit_code);
void register_history(CLI::App& app, int& exit_code);
void register_staged(CLI::App& app, int& exit_code);
void register_rules(CLI::App& app, int& exit_code);     // rules list, rules check, explain
void register_hooks(CLI::App& app, int& exit_code);     // install-hook, uninstall-hook
void register_baseline(CLI::App& app, int& exit_code);  // baseline create
void register_init(CLI::App& app, int& exit_code);
void register_fix(CLI::App& app, int& exit_code);     // fix (src/fix/)
void register_revoke(CLI::App& app, int& exit_code);  // revoke (src/fix/revoke_run.h)

}  // namespace twilint::cli
