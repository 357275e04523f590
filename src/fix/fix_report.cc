#include "fix/fix_report.h"

#include <algorithm>

namespace twilint::fix {

std::string left_over_text(const std::vector<LeftOver>& left, const rules::RuleSet& rules) {
  if (left.empty()) return "";
  std::string out = "# cannot fix mechanically (" + std::to_string(left.size()) + "):\n";
  for (const LeftOver& l : left) {
    const model::Finding& f = *l.finding;
    out += "#   " + f.origin.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.rule_id +
           ": " + l.reason + "\n";
    const rules::Rule* rule = rules.find(f.rule_id);
    if (rule != nullptr && !rule->fix.empty()) out += "#     fix: " + rule->fix + "\n";
  }
  return out;
}

std::string notes_text(const std::vector<std::string>& notes) {
  if (notes.empty()) return "";
  // One `kubectl create secret` for every key of the Secret: a second create of it would fail.
  const std::string kubectl = "create the Kubernetes Secret the manifest now refers to: kubectl create secret generic twilio";
  std::string literals;
  std::vector<std::string> rest;
  for (const std::string& n : notes) {
    if (n.rfind(kubectl, 0) == 0) {
      std::string literal = n.substr(kubectl.size());
      if (literals.find(literal) == std::string::npos) literals += literal;
    } else if (std::find(rest.begin(), rest.end(), n) == rest.end()) {
      rest.push_back(n);
    }
  }
  if (!literals.empty()) rest.push_back(kubectl + literals);
  std::string out = "# then:\n";
  for (const std::string& n : rest) out += "#   " + n + "\n";
  return out;
}

std::string rotation_advice(const std::string& rule_id, const std::string& key_sid) {
  if (rule_id == "twilio-auth-token") {
    return "Auth Token: Console > Account > API keys & tokens: create a secondary Auth Token, move every deployment "
           "to it, then promote it to primary (the old token stops working, and so do API keys made with it)";
  }
  if (rule_id == "twilio-api-key-secret") {
    std::string revoke = key_sid.empty() ? "twilint revoke SK… --yes" : "twilint revoke " + key_sid + " --yes";
    return "API key: keys cannot be rotated: create a new key, deploy it, then delete this one (" + revoke +
           ", or the Console)";
  }
  if (rule_id == "twilio-access-token") return "Access Token: delete the API key that signed it (twilint revoke SK… --yes)";
  return "rotate it where it was issued, then deploy the new value from the environment";
}

std::string exposure_text(const std::vector<Exposure>& exposed) {
  if (exposed.empty()) return "";
  std::string out = "# already exposed: committed to git, so removing it from the file is not enough; rotate it:\n";
  std::string last_tree;
  for (const Exposure& e : exposed) {
    const model::Finding& f = *e.finding;
    out += "#   " + f.origin.path + ":" + std::to_string(f.line) + " " + f.rule_id + " (fingerprint " +
           f.fingerprint.substr(0, 12) + "): " + rotation_advice(f.rule_id, e.key_sid) + "\n";
  }
  for (const Exposure& e : exposed) {
    if (e.work_tree == last_tree) continue;
    last_tree = e.work_tree;
    out += "#   every commit that holds them: twilint history " + e.work_tree + "\n";
  }
  return out;
}

}  // namespace twilint::fix
