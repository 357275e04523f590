#include "cli/app.h"

#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/parse_error.h"
#include "cli/scan_pipeline.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0.0.0"
#endif

namespace twilint::cli {

int run_app(int argc, char** argv) {
  install_signal_handlers();
  CLI::App app{"twilint: finds leaked Twilio credentials and Twilio auth misuse, and explains the fix"};
  app.set_version_flag("--version", "twilint " TWILINT_VERSION);
  app.require_subcommand(1);
  int exit_code = kExitClean;
  register_scan(app, exit_code);
  register_history(app, exit_code);
  register_staged(app, exit_code);
  register_rules(app, exit_code);
  register_hooks(app, exit_code);
  register_baseline(app, exit_code);
  register_init(app, exit_code);
  register_fix(app, exit_code);
  register_revoke(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kExitClean;
  } catch (const CLI::CallForAllHelp&) {
    std::fputs(app.help("", CLI::AppFormatMode::All).c_str(), stdout);
    return kExitClean;
  } catch (const CLI::CallForVersion&) {
    std::puts("twilint " TWILINT_VERSION);
    return kExitClean;
  } catch (const CLI::ParseError& e) {
    // Subcommand help is thrown from inside the subcommand's parse: let CLI11 print it.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "twilint: error: %s\n", describe_parse_error(app, argc, argv, e).c_str());
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace twilint::cli
