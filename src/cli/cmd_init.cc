// `twilint init [DIR]`: writes a commented .twilint.toml with every key at its default.
#include <sys/stat.h>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scan_pipeline.h"
#include "config/config.h"
#include "util/atomic_file.h"

namespace twilint::cli {

void register_init(CLI::App& app, int& exit_code) {
  auto dir = std::make_shared<std::string>(".");
  auto force = std::make_shared<bool>(false);
  CLI::App* init = app.add_subcommand("init", "Write a commented .twilint.toml with the defaults");
  init->add_option("dir", *dir, "Directory to write it in (default: .)");
  init->add_flag("--force", *force, "Overwrite an existing .twilint.toml");
  init->callback([dir, force, &exit_code] {
    std::string path = *dir + "/.twilint.toml";
    struct stat st {};
    if (!*force && ::stat(path.c_str(), &st) == 0) {
      print_errors({{"", 0, path + " already exists (use --force to overwrite)"}});
      exit_code = kExitUsage;
      return;
    }
    if (auto errors = util::write_file_atomically(path, config::init_template()); !errors.empty()) {
      print_errors(errors);
      exit_code = kExitUsage;
      return;
    }
    std::printf("wrote %s\n", path.c_str());
    exit_code = kExitClean;
  });
}

}  // namespace twilint::cli
