#include "scan/scan_work.h"

#include <utility>

#include "scan/finding_builder.h"
#include "util/encoding.h"

namespace twilint::scan {

std::vector<std::string> decoded_parent_versions(source::Source& source, const source::Item& item) {
  std::vector<std::string> versions = source.parent_versions(item);
  for (std::string& version : versions) {
    if (auto decoded = util::decode_utf16_bom(version)) version = std::move(*decoded);
  }
  return versions;
}

bool on_lines(int line, const std::vector<source::LineRange>& ranges) {
  for (const source::LineRange& r : ranges) {
    if (line >= r.first && line <= r.last) return true;
  }
  return false;
}

std::string pairing_scope(const source::Item& item) {
  if (item.origin.commit) return "commit " + item.origin.commit->id;
  return item.pairing_scope;
}

std::set<std::string> proof_rules(const rules::RuleSet& rules, bool tokens) {
  std::set<std::string> ids;
  for (const rules::Rule& r : rules.rules) {
    const bool is = tokens ? r.validators.decoder == "twilio-jwt" : r.verify == rules::VerifyMethod::kTwilioApiKey;
    if (is) ids.insert(r.id);
  }
  return ids;
}

std::vector<model::Finding> take_cached(const source::Item& item, const model::BlobResult& hit,
                                        model::ScanStats& stats) {
  std::vector<model::Finding> found;
  if (hit.binary) {
    ++stats.files_skipped;
    stats.skipped.push_back({item.origin.path, "binary", false});
    return found;
  }
  ++stats.files_scanned;
  stats.bytes_scanned += hit.bytes;
  stats.bytes_from_cache += hit.bytes;
  stats.suppressed += hit.suppressed;
  stats.allowlisted += hit.allowlisted;
  found = hit.findings;
  for (model::Finding& f : found) f.origin = item.origin;
  return found;
}

bool needs_bytes(const source::Item& item, const model::BlobResult& hit) {
  return item.origin.commit.has_value() && !hit.findings.empty();
}

void add_raw_only(std::vector<model::Finding>& found, std::vector<model::Finding> raw_found,
                  std::vector<model::CredentialCandidate>& raw_credentials,
                  std::vector<model::CredentialCandidate>* credentials) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const model::Finding& f : found) seen.insert({f.rule_id, f.secret_hash});
  std::set<std::string> kept_keys;
  for (model::Finding& f : raw_found) {
    if (!seen.insert({f.rule_id, f.secret_hash}).second) continue;
    kept_keys.insert(finding_key(f));
    found.push_back(std::move(f));
  }
  if (credentials == nullptr) return;
  for (model::CredentialCandidate& c : raw_credentials) {
    if (kept_keys.count(c.finding_key) > 0) credentials->push_back(std::move(c));
  }
}

}  // namespace twilint::scan
