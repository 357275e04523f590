#include "app/rule_commands.h"

#include <sys/stat.h>

#include "config/config.h"
#include "scan/rule_check.h"
#include "util/atomic_file.h"

namespace twilint::app {

util::Diagnostics check_rules(const Loaded& loaded) { return scan::check_rules(loaded.rules, loaded.config); }

util::Diagnostics write_init_config(const std::string& path, bool force) {
  struct stat st {};
  if (!force && ::stat(path.c_str(), &st) == 0) return {{"", 0, path + " already exists (use --force to overwrite)"}};
  return util::write_file_atomically(path, config::init_template());
}

}  // namespace twilint::app
