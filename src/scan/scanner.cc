#include "scan/scanner.h"

#include <utility>

#include "scan/finding_builder.h"
#include "scan/scan_run.h"

namespace twilint::scan {

Scanner::Scanner(const rules::RuleSet& rules, const config::Config& config, ScanOptions options)
    : rules_(rules), config_(config), options_(std::move(options)), matcher_(rules) {
  disabled_.assign(rules.rules.size(), false);
  for (const std::string& id : config.disabled_rules) {
    int i = rules.index_of(id);
    if (i >= 0) disabled_[static_cast<size_t>(i)] = true;
  }
  for (const rules::Rule& rule : rules.rules) {
    auto compile = [&](const std::vector<std::string>& patterns) {
      std::vector<util::Glob> globs;
      bool production = false, client = false;
      for (const std::string& p : patterns) {
        if (p == "@production") {
          production = true;
        } else if (p == "@client") {
          client = true;
        } else if (auto g = util::Glob::compile(p)) {
          globs.push_back(std::move(*g));
        }
      }
      if (production) globs.insert(globs.end(), config.production_paths.begin(), config.production_paths.end());
      if (client) globs.insert(globs.end(), config.client_paths.begin(), config.client_paths.end());
      // One automaton per rule: the built-in path sets expand to hundreds of globs.
      return config::PathSet(globs);
    };
    include_.push_back(compile(rule.paths.include));
    exclude_.push_back(compile(rule.paths.exclude));
  }
}

std::vector<bool> Scanner::rules_for_path(const std::string& path) const {
  std::vector<bool> enabled(rules_.rules.size(), true);
  for (size_t i = 0; i < enabled.size(); ++i) {
    const rules::Rule& rule = rules_.rules[i];
    if (disabled_[i]) {
      enabled[i] = false;
    } else if (!rule.paths.include.empty() && !include_[i].matches(path)) {
      enabled[i] = false;
    } else if (!exclude_[i].empty() && exclude_[i].matches(path)) {
      enabled[i] = false;
    }
  }
  return enabled;
}

std::vector<model::Finding> Scanner::analyze(std::string_view bytes, const model::Origin& origin,
                                             model::ScanStats& stats,
                                             std::vector<model::CredentialCandidate>* credentials,
                                             ProofMaterial* proof) const {
  std::vector<match::RawMatch> raw = matcher_.find(bytes, rules_for_path(origin.relative));
  BuildOptions build{options_.show_secrets};
  return build_findings(bytes, origin, std::move(raw), rules_, config_, build, stats, credentials, proof);
}

ScanResult Scanner::run(source::Source& source) { return ScanRun(*this, rules_, config_, options_, source).run(); }

}  // namespace twilint::scan
