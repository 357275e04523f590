// `twilint init [DIR]`: writes a commented .twilint.toml with every key at its default.
#include <cstdio>
#include <memory>

#include "app/rule_commands.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scan_pipeline.h"

namespace twilint::cli {

void register_init(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>(".");
  auto force = std::make_shared<bool>(false);
  CLI::App* init = app.add_subcommand("init", "Write a commented .twilint.toml with the defaults");
  init->add_option("dir", *dir, "Directory to write it in (default: .)");
  init->add_flag("--force", *force, "Overwrite an existing .twilint.toml");
  init->callback([dir, force, &exit_code] {
    std::string path = *dir + "/.twilint.toml";
    if (auto errors = app::write_init_config(path, *force); !errors.empty()) {
      print_errors(errors);
      exit_code = kExitUsage;
      return;
    }
    std::printf("wrote %s\n", path.c_str());
    exit_code = kExitClean;
  });
}

}  // namespace twilint::cli
