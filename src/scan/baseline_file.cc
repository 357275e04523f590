#include "scan/baseline_file.h"

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

namespace twilint::scan {

std::string baseline_json(const std::vector<model::Finding>& findings) {
  // Sorted and deduplicated so the file diffs cleanly when checked in.
  std::set<std::tuple<std::string, std::string, std::string>> entries;
  for (const model::Finding& f : findings) entries.emplace(f.origin.relative, f.rule_id, f.fingerprint);
  nlohmann::ordered_json doc;
  doc["tool"] = "twilint";
  doc["version"] = 1;
  doc["fingerprints"] = nlohmann::ordered_json::array();
  for (const auto& [path, rule, fingerprint] : entries) {
    doc["fingerprints"].push_back({{"rule_id", rule}, {"path", path}, {"fingerprint", fingerprint}});
  }
  return doc.dump(2) + "\n";
}

util::Expected<std::unordered_set<std::string>> read_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return util::Diagnostic{path, 0, "cannot read baseline file"};
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("fingerprints") || !doc["fingerprints"].is_array()) {
    return util::Diagnostic{path, 0, "not a twilint baseline (expected {\"fingerprints\": [...]})"};
  }
  std::unordered_set<std::string> out;
  for (const auto& entry : doc["fingerprints"]) {
    if (entry.is_object() && entry.contains("fingerprint") && entry["fingerprint"].is_string()) {
      out.insert(entry["fingerprint"].get<std::string>());
    } else if (entry.is_string()) {
      out.insert(entry.get<std::string>());
    } else {
      return util::Diagnostic{path, 0, "malformed baseline entry: " + entry.dump()};
    }
  }
  return out;
}

}  // namespace twilint::scan
