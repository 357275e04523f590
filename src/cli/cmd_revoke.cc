// `twilint revoke SK…|FINGERPRINT…`: flags, then fix::run_revoke (src/fix/revoke_run.h).
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scan_pipeline.h"
#include "fix/revoke_run.h"

namespace twilint::cli {

void register_revoke(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<fix::RevokeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "revoke", "Delete a leaked API key through Twilio's REST API (dry run unless --yes); Auth Tokens: rotation steps");
  cmd->add_option("targets", options->targets, "API key SIDs (SK…) or finding fingerprints from --report")->required();
  cmd->add_option("--report", options->report_file, "JSON report (twilint scan -f json) the fingerprints come from");
  cmd->add_flag("--yes", options->yes, "Send the DELETE (without it: print exactly what would be sent)");
  cmd->add_flag("--with-leaked", options->with_leaked,
                "Authenticate with the leaked Auth Token of the report's finding, if --verify found it live");
  cmd->add_option("--endpoint", options->endpoint, "Base URL of Twilio's API (default https://api.twilio.com)");
  cmd->add_option("--timeout", options->timeout_seconds, "Seconds the request may take (default 10)")->check(CLI::PositiveNumber);
  cmd->footer("Credentials come from the environment: TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or with\n"
              "TWILIO_API_KEY + TWILIO_API_SECRET (a Standard key cannot manage keys). Exit: 0 deleted (or dry run),\n"
              "2 usage or missing credentials (nothing sent), 3 a request did not delete its key.");
  cmd->callback([options, &exit_code] {
    app::LoadRequest load;
    load.no_config = true;
    std::unique_ptr<app::Loaded> loaded = load_or_print(load);
    if (!loaded) {
      exit_code = kExitUsage;
      return;
    }
    fix::RevokeOutcome o = fix::run_revoke(*options, loaded->rules, loaded->config, stdout, stderr);
    exit_code = o.usage_error ? kExitUsage : o.failed > 0 ? kExitIncomplete : kExitClean;
  });
}

}  // namespace twilint::cli
