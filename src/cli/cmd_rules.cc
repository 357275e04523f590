// `twilint rules list`, `twilint rules check`, `twilint explain RULE_ID`.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>

#include "app/rule_commands.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scan_pipeline.h"
#include "report/terminal_markdown.h"
#include "util/suggest.h"

namespace twilint::cli {
namespace {

int list_rules(const app::LoadRequest& options) {
  auto loaded = load_or_print(options);
  if (!loaded) return kExitUsage;
  for (size_t i = 0; i < loaded->rules.rules.size(); ++i) {
    const rules::Rule& r = loaded->rules.rules[i];
    model::Severity severity = (*app::effective_rules(*loaded))[i].severity;
    fmt::print("{:<44} {:<10} {:<8} {}\n", r.id, model::to_string(r.kind), model::to_string(severity), r.title);
  }
  return kExitClean;
}

int check(const app::LoadRequest& options) {
  auto loaded = load_or_print(options);
  if (!loaded) return kExitUsage;
  util::Diagnostics problems = app::check_rules(*loaded);
  size_t examples = 0;
  for (const rules::Rule& r : loaded->rules.rules) examples += r.examples.size() + r.negative_examples.size();
  if (!problems.empty()) {
    print_errors(problems);
    std::fprintf(stderr, "twilint: %zu problem(s) in %zu rules\n", problems.size(), loaded->rules.rules.size());
    return kExitUsage;
  }
  fmt::print("{} rules OK, {} examples checked\n", loaded->rules.rules.size(), examples);
  return kExitClean;
}

int explain(const app::LoadRequest& options, const std::string& id) {
  auto loaded = load_or_print(options);
  if (!loaded) return kExitUsage;
  const rules::Rule* r = loaded->rules.find(id);
  if (r == nullptr) {
    print_errors({{"", 0, "unknown rule '" + id + "'" + util::did_you_mean(id, loaded->rules.ids()) + " (see 'twilint rules list')"}});
    return kExitUsage;
  }
  const bool color = std::getenv("NO_COLOR") == nullptr && ::isatty(STDOUT_FILENO) != 0;
  fmt::print("{} — {}\nkind: {}, severity: {}\n\nFix: {}\n\n{}", r->id, r->title, model::to_string(r->kind),
             model::to_string(r->severity), r->fix, report::render_guidance(r->guidance, color));
  // References the guidance did not already link to.
  const std::vector<std::string> linked = report::links_in(r->guidance);
  std::vector<std::string> more;
  for (const std::string& ref : r->references) {
    if (std::find(linked.begin(), linked.end(), ref) == linked.end()) more.push_back(ref);
  }
  if (!more.empty()) {
    fmt::print("\nReferences:\n");
    for (const std::string& ref : more) fmt::print("  {}\n", ref);
  }
  return kExitClean;
}

void add_rule_options(CLI::App* cmd, app::LoadRequest& options) {
  add_repeatable_option(cmd, "--rules", options.rule_files, "Extra rule file to load besides the built-in pack (repeatable)");
  cmd->add_option("-c,--config", options.config_file, "Config file (default: ./.twilint.toml)");
  cmd->add_flag("--no-config", options.no_config, "Ignore .twilint.toml");
}

}  // namespace

void register_rules(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<app::LoadRequest>();
  CLI::App* rules = app.add_subcommand("rules", "List or lint rules");
  rules->require_subcommand(1);
  CLI::App* list = rules->add_subcommand("list", "List every rule: id, kind, severity, title");
  add_rule_options(list, *options);
  list->callback([options, &exit_code] { exit_code = list_rules(*options); });
  CLI::App* check_cmd = rules->add_subcommand(
      "check", "Lint rules: ids unique, patterns compile, every example found, no negative example found");
  add_rule_options(check_cmd, *options);
  check_cmd->callback([options, &exit_code] { exit_code = check(*options); });

  auto id = std::make_shared<std::string>();
  CLI::App* explain_cmd = app.add_subcommand("explain", "Show a rule's full guidance: what is wrong and the right Twilio auth method");
  explain_cmd->add_option("rule_id", *id, "Rule id (see 'twilint rules list')")->required();
  add_rule_options(explain_cmd, *options);
  explain_cmd->callback([options, id, &exit_code] { exit_code = explain(*options, *id); });
}

}  // namespace twilint::cli
