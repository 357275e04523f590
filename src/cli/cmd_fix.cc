// `twilint fix [PATH…]`: flags, then fix::run_fix (src/fix/) does the work.
#include <sys/stat.h>

#include <memory>
#include <set>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scan_pipeline.h"
#include "fix/fix_run.h"
#include "util/suggest.h"

namespace twilint::cli {
namespace {

struct FixArgs {
  std::vector<std::string> paths;
  bool write = false;
  std::vector<std::string> rules;
  std::vector<std::string> exclude;
  std::string config_file;
  bool no_config = false;
};

constexpr const char* kFixFooter = R"(Before:
    client = Client("AC0b8a1c3e5d7f9b2a4c6e8d0f1a3b5c7d", "7e3f0c9d2b8a4e6f1c5d0b9a8e7f6c3d")
After (twilint fix --write):
    import os
    client = Client(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])
and TWILIO_ACCOUNT_SID= / TWILIO_AUTH_TOKEN= are added to .env.example, .env to .gitignore.

Without --write it prints the unified diff it would apply (twilint fix | git apply applies it too),
then the findings it cannot fix mechanically, and for each credential already committed how to
rotate it. Exit: 0 nothing to do, 1 changes to make or findings left for you, 2 usage, 3 a file was
left alone (changed since the scan, a symlink, unwritable) or could not be read.)";

int run_fix_command(const FixArgs& args) {
  std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  util::Diagnostics errors;
  for (const std::string& p : paths) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) errors.push_back({"", 0, "no such file or directory: " + p});
  }
  struct stat st {};
  bool first_is_dir = ::stat(paths.front().c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  app::LoadRequest load{{}, args.config_file, args.no_config, first_is_dir ? paths.front() : "."};
  std::unique_ptr<app::Loaded> loaded = errors.empty() ? load_or_print(load) : nullptr;
  if (!errors.empty() || !loaded) {
    print_errors(errors);
    return kExitUsage;
  }
  for (const std::string& id : args.rules) {
    if (loaded->rules.find(id) != nullptr) continue;
    errors.push_back({"", 0, "--rule: unknown rule id '" + id + "'" + util::did_you_mean(id, loaded->rules.ids()) + " (see 'twilint rules list')"});
  }
  source::WalkOptions walk;
  walk.roots = paths;
  walk.exclude = loaded->config.exclude;
  walk.max_file_size = loaded->config.max_file_size.value_or(walk.max_file_size);
  util::Diagnostics bad_globs = app::compile_excludes(args.exclude, walk.exclude);
  errors.insert(errors.end(), bad_globs.begin(), bad_globs.end());
  if (!errors.empty()) {
    print_errors(errors);
    return kExitUsage;
  }
  fix::FixOptions options{paths, args.write, std::set<std::string>(args.rules.begin(), args.rules.end())};
  fix::FixOutcome o = fix::run_fix(loaded->rules, loaded->config, std::move(walk), options, stdout, stderr);
  if (o.incomplete || o.left_alone > 0) return kExitIncomplete;
  if (o.unfixed > 0 || (!args.write && o.files_changed > 0)) return kExitFindings;
  return kExitClean;
}

}  // namespace

void register_fix(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<FixArgs>();
  CLI::App* cmd = app.add_subcommand(
      "fix", "Rewrite hard-coded Twilio credentials into environment lookups and fix mechanical misuse (dry run: a diff)");
  cmd->add_option("paths", args->paths, "Files or directories to fix (default: .)");
  cmd->add_flag("--write", args->write, "Apply the changes (each file atomically, only if unchanged since the scan)");
  cmd->add_option("--rule", args->rules, "Only fix findings of this rule id (repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',');
  add_repeatable_option(cmd, "--exclude", args->exclude, "Skip paths matching this glob (repeatable)");
  cmd->add_option("-c,--config", args->config_file, "Config file (default: .twilint.toml at the first path)");
  cmd->add_flag("--no-config", args->no_config, "Ignore .twilint.toml");
  cmd->footer(kFixFooter);
  cmd->callback([args, &exit_code] { exit_code = run_fix_command(*args); });
}

}  // namespace twilint::cli
