#include "scan/scanner.h"

#include <utility>

#include "scan/finding_builder.h"
#include "scan/scan_run.h"

namespace twilint::scan {

Scanner::Scanner(const rules::RuleSet& rules, const config::Config& config, ScanOptions options)
    : rules_(rules), config_(config), options_(std::move(options)), matcher_(rules) {
  effective_ = options_.effective_rules != nullptr ? options_.effective_rules
                                                   : std::make_shared<const config::EffectiveRules>(rules, config);
}

std::vector<bool> Scanner::rules_for_path(const std::string& path) const {
  std::vector<bool> enabled(rules_.rules.size(), true);
  for (size_t i = 0; i < enabled.size(); ++i) enabled[i] = effective_->applies(i, path);
  return enabled;
}

std::vector<model::Finding> Scanner::analyze(std::string_view bytes, const model::Origin& origin,
                                             model::ScanStats& stats,
                                             std::vector<model::CredentialCandidate>* credentials,
                                             ProofMaterial* proof) const {
  std::vector<match::RawMatch> raw = matcher_.find(bytes, rules_for_path(origin.relative));
  BuildOptions build{options_.show_secrets, effective_.get()};
  return build_findings(bytes, origin, std::move(raw), rules_, config_, build, stats, credentials, proof);
}

ScanResult Scanner::run(source::Source& source) { return ScanRun(*this, rules_, config_, options_, source).run(); }

}  // namespace twilint::scan
