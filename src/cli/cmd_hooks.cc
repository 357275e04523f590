// `twilint install-hook [REPO] [--force]` and `twilint uninstall-hook [REPO]`.
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scan_pipeline.h"
#include "hooks/hook_install.h"

namespace twilint::cli {
namespace {

// The running binary's absolute path, baked into the hook so it works without twilint on PATH.
std::string self_path() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "twilint";
  return std::string(buf, static_cast<size_t>(n));
}

int report(const util::Expected<std::string>& result) {
  if (!result) {
    print_errors(result.errors());
    return kExitUsage;
  }
  std::printf("%s\n", result->c_str());
  return kExitClean;
}

}  // namespace

void register_hooks(CLI::App& app, int& exit_code) {
  auto repo = std::make_shared<std::string>(".");
  auto force = std::make_shared<bool>(false);
  CLI::App* install = app.add_subcommand(
      "install-hook", "Install the pre-commit hook (an existing hook is kept and chained, never overwritten)");
  install->add_option("repo", *repo, "Repository (default: .)");
  install->add_flag("--force", *force, "Rewrite twilint's own hook (a foreign hook is still kept)");
  install->callback([repo, force, &exit_code] {
    exit_code = report(hooks::install_hook(*repo, self_path(), *force));
  });
  CLI::App* uninstall = app.add_subcommand("uninstall-hook", "Remove twilint's hook and restore the one it chained");
  uninstall->add_option("repo", *repo, "Repository (default: .)");
  uninstall->callback([repo, &exit_code] { exit_code = report(hooks::uninstall_hook(*repo)); });
}

}  // namespace twilint::cli
