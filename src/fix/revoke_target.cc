#include "fix/revoke_target.h"

#include <fstream>
#include <set>
#include <sstream>

#include "fix/git_facts.h"
#include "scan/scanner.h"
#include "util/text.h"

namespace twilint::fix {
namespace {

using Json = nlohmann::json;

std::string str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

int num(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

// The file's findings, unredacted: from the file on disk when it still holds the report's
// finding, else from HEAD's version (the file may have been fixed since the report).
std::vector<model::Finding> rescan(const std::string& path, const Json& wanted, const rules::RuleSet& rules,
                                   const config::Config& config) {
  scan::ScanOptions options;
  options.show_secrets = true;
  scan::Scanner scanner(rules, config, options);
  model::Origin origin{path, path, std::nullopt};
  auto holds_wanted = [&](const std::vector<model::Finding>& fs) {
    for (const model::Finding& f : fs) {
      if (f.rule_id == str(wanted, "rule_id") && f.line == num(wanted, "line") && f.column == num(wanted, "column")) return true;
    }
    return false;
  };
  model::ScanStats stats;
  std::ifstream in(path, std::ios::binary);
  std::vector<model::Finding> found;
  if (in) {
    std::ostringstream s;
    s << in.rdbuf();
    found = scanner.analyze(s.str(), origin, stats);
    if (holds_wanted(found)) return found;
  }
  if (std::optional<std::string> head = head_version(path)) {
    std::vector<model::Finding> committed = scanner.analyze(*head, origin, stats);
    if (holds_wanted(committed)) return committed;
  }
  return found;
}

const model::Finding* at_position(const std::vector<model::Finding>& found, const Json& f) {
  for (const model::Finding& x : found) {
    if (x.rule_id == str(f, "rule_id") && x.line == num(f, "line") && x.column == num(f, "column")) return &x;
  }
  return nullptr;
}

std::set<std::string> secrets_of(const std::vector<model::Finding>& found, const std::string& rule) {
  std::set<std::string> out;
  for (const model::Finding& f : found) {
    if (f.rule_id == rule) out.insert(f.secret);
  }
  return out;
}

// An Auth Token the report's --verify found live, with the account SID of its file: the one in
// `path` when there is one, else the first in the report.
std::optional<LeakedCredentials> live_leaked(const Json& report, const std::string& path, const rules::RuleSet& rules,
                                             const config::Config& config) {
  std::optional<LeakedCredentials> elsewhere;
  for (const Json& f : report["findings"]) {
    if (str(f, "rule_id") != "twilio-auth-token") continue;
    auto v = f.find("verification");
    if (v == f.end() || !v->is_object() || str(*v, "status") != "live") continue;
    std::string where = str(f, "path");
    std::vector<model::Finding> found = rescan(where, f, rules, config);
    const model::Finding* raw = at_position(found, f);
    std::set<std::string> accounts = secrets_of(found, "twilio-account-sid");
    if (raw == nullptr || accounts.size() != 1) continue;
    LeakedCredentials c{*accounts.begin(), *accounts.begin(), raw->secret, where + ":" + std::to_string(raw->line)};
    if (where == path) return c;
    if (!elsewhere) elsewhere = c;
  }
  return elsewhere;
}

}  // namespace

ResolvedTarget resolve_fingerprint(const Json& report, const std::string& fingerprint, const rules::RuleSet& rules,
                                   const config::Config& config) {
  ResolvedTarget t;
  if (!report.is_object() || !report.contains("findings") || !report["findings"].is_array()) {
    t.error = "the report has no findings array (make it with twilint scan -f json)";
    return t;
  }
  const Json* match = nullptr;
  int matches = 0;
  for (const Json& f : report["findings"]) {
    if (util::starts_with(str(f, "fingerprint"), fingerprint)) {
      // One secret can be reported more than once (history occurrences): the same fingerprint.
      if (match == nullptr || str(*match, "fingerprint") != str(f, "fingerprint")) ++matches;
      match = &f;
    }
  }
  if (matches == 0) {
    t.error = "no finding with fingerprint " + fingerprint + " in the report";
    return t;
  }
  if (matches > 1) {
    t.error = "fingerprint prefix " + fingerprint + " matches several findings: give more of it";
    return t;
  }
  const Json& f = *match;
  t.rule_id = str(f, "rule_id");
  std::string path = str(f, "path");
  std::vector<model::Finding> found = rescan(path, f, rules, config);
  t.leaked = live_leaked(report, path, rules, config);
  if (t.rule_id == "twilio-auth-token") return t;
  if (t.rule_id == "twilio-api-key-sid") {
    const model::Finding* raw = at_position(found, f);
    if (raw == nullptr) t.error = "cannot read the key SID from " + path + " any more: pass the SK… itself";
    if (raw != nullptr) t.key_sid = raw->secret;
    return t;
  }
  if (t.rule_id != "twilio-api-key-secret") {
    t.error = "finding " + fingerprint + " is a " + t.rule_id + ", not an API key: only API keys can be revoked";
    return t;
  }
  std::set<std::string> keys = secrets_of(found, "twilio-api-key-sid");
  if (keys.size() == 1) {
    t.key_sid = *keys.begin();
  } else {
    t.error = std::string(keys.empty() ? "no" : "more than one") + " API key SID (SK…) next to the secret in " + path +
              ": pass the SK… of the leaked key itself";
  }
  return t;
}

}  // namespace twilint::fix
