#include "config/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include <toml.hpp>

#include "config/values.h"
#include "rules/toml_reader.h"
#include "util/sha256.h"
#include "util/suggest.h"
#include "util/text.h"

namespace twilint::config {
namespace {

namespace fs = std::filesystem;

struct TableSpec {
  std::string_view name;
  std::vector<std::string_view> keys;  // empty: free-form keys ([severity])
};

const std::vector<TableSpec>& table_specs() {
  static const std::vector<TableSpec> kSpecs = {
      {"scan", {"exclude", "max_file_size"}},
      {"allowlist", {"paths", "regexes", "stopwords"}},
      {"rules", {"disable", "extra"}},
      {"severity", {}},
      {"production", {"paths", "extra_paths"}},
      {"client", {"paths", "extra_paths"}},
      {"verify", {"endpoint", "sendgrid_endpoint", "oauth_endpoint"}},
      {"cache", {"dir"}},
  };
  return kSpecs;
}

std::string join(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

// toml11 prefixes its messages with the parser function ("toml::parse_array: missing ...");
// users need only what is wrong.
std::string without_toml11_function(const std::string& message) {
  size_t at = message.find("toml::");
  if (at == std::string::npos) return message;
  size_t colon = message.find(": ", at);
  if (colon == std::string::npos) return message;
  return message.substr(0, at) + message.substr(colon + 2);
}

struct Located {
  std::string text;
  int line = 0;
};

// The defaults without the compiled path sets.
Config default_lists() {
  Config config;
  for (const std::string& p : default_production_paths()) config.production_paths.push_back(*util::Glob::compile(p));
  for (const std::string& p : default_client_paths()) config.client_paths.push_back(*util::Glob::compile(p));
  return config;
}

// Walks one parsed config and fills a Config, recording every problem in the reader.
class Parser {
 public:
  explicit Parser(const std::string& name) : reader_(name) {
    base_dir_ = fs::path(name).parent_path();
  }

  util::Expected<Config> run(const std::string& text) {
    std::string_view body = text;
    if (util::starts_with(body, "\xEF\xBB\xBF")) body.remove_prefix(3);  // UTF-8 BOM
    std::optional<toml::value> root = reader_.parse(std::string(body));
    if (root) {
      walk(*root);
    } else {
      for (util::Diagnostic& d : reader_.diagnostics()) d.message = without_toml11_function(d.message);
    }
    util::Diagnostics& errors = reader_.diagnostics();
    if (!errors.empty()) {
      // toml11 tables are unordered maps; report in file order.
      std::stable_sort(errors.begin(), errors.end(),
                       [](const util::Diagnostic& a, const util::Diagnostic& b) { return a.line < b.line; });
      return errors;
    }
    config_.compile_path_sets();
    config_.file = reader_.file();
    config_.digest = util::sha256_hex(text);
    return std::move(config_);
  }

 private:
  void walk(const toml::value& root) {
    if (!root.is_table()) return;
    std::vector<std::string_view> known;
    for (const TableSpec& spec : table_specs()) known.push_back(spec.name);
    for (const auto& [key, value] : root.as_table()) {
      // A named copy: clang 14 cannot capture a structured binding in a lambda.
      const std::string& name = key;
      auto spec = std::find_if(table_specs().begin(), table_specs().end(),
                               [&](const TableSpec& s) { return s.name == name; });
      if (spec == table_specs().end()) {
        reader_.error(value, (value.is_table() ? "unknown table [" + key + "]" : "unknown top-level key '" + key + "'") +
                                 util::did_you_mean(key, known) + "; known tables: " + join(known));
        continue;
      }
      if (!value.is_table()) {
        reader_.error(value, "'" + key + "' must be a table ([" + key + "])");
        continue;
      }
      if (!spec->keys.empty()) check_keys(value, *spec);
    }
    if (const toml::value* t = section(root, "scan")) parse_scan(*t);
    if (const toml::value* t = section(root, "allowlist")) parse_allowlist(*t);
    if (const toml::value* t = section(root, "rules")) parse_rules(*t);
    if (const toml::value* t = section(root, "severity")) parse_severity(*t);
    if (const toml::value* t = section(root, "production")) {
      parse_path_set(*t, "production", config_.production_paths);
    }
    if (const toml::value* t = section(root, "client")) {
      parse_path_set(*t, "client", config_.client_paths);
    }
    if (const toml::value* t = section(root, "verify")) parse_verify(*t);
    if (const toml::value* t = section(root, "cache")) parse_cache(*t);
  }

  // The table under `name`, when present and a table (walk() already reported other types).
  static const toml::value* section(const toml::value& root, const std::string& name) {
    const auto& t = root.as_table();
    auto it = t.find(name);
    return it != t.end() && it->second.is_table() ? &it->second : nullptr;
  }

  void check_keys(const toml::value& table, const TableSpec& spec) {
    for (const auto& [key, value] : table.as_table()) {
      if (std::find(spec.keys.begin(), spec.keys.end(), key) != spec.keys.end()) continue;
      reader_.error(value, "unknown key '" + key + "' in [" + std::string(spec.name) + "]" +
                               util::did_you_mean(key, spec.keys) + "; known keys: " + join(spec.keys));
    }
  }

  static const toml::value* find(const toml::value& table, const std::string& key) {
    const auto& t = table.as_table();
    auto it = t.find(key);
    return it == t.end() ? nullptr : &it->second;
  }

  // An array of strings with each element's line. nullopt when absent or not an array; a
  // non-string element is reported and skipped.
  std::optional<std::vector<Located>> string_list(const toml::value& table, const std::string& key,
                                                  std::string_view where) {
    const toml::value* v = find(table, key);
    if (v == nullptr) return std::nullopt;
    std::string label = std::string(where) + " " + key;
    if (!v->is_array()) {
      reader_.error(*v, label + " must be an array of strings, e.g. " + key + " = [\"...\"]");
      return std::nullopt;
    }
    std::vector<Located> out;
    for (const toml::value& item : v->as_array()) {
      if (!item.is_string()) {
        reader_.error(item, label + " must contain only strings");
        continue;
      }
      out.push_back(Located{item.as_string().str, rules::TomlReader::line_of(item)});
    }
    return out;
  }

  std::optional<std::string> string_value(const toml::value& table, const std::string& key, std::string_view where,
                                          int& line) {
    const toml::value* v = find(table, key);
    if (v == nullptr) return std::nullopt;
    line = rules::TomlReader::line_of(*v);
    if (!v->is_string()) {
      reader_.error(*v, std::string(where) + " " + key + " must be a string");
      return std::nullopt;
    }
    return v->as_string().str;
  }

  // Compiles every glob of `key`; nullopt when the key is absent.
  std::optional<std::vector<util::Glob>> globs(const toml::value& table, const std::string& key, std::string_view where) {
    std::optional<std::vector<Located>> patterns = string_list(table, key, where);
    if (!patterns) return std::nullopt;
    std::vector<util::Glob> out;
    for (const Located& p : *patterns) {
      util::Expected<util::Glob> glob = util::Glob::compile(p.text);
      if (!glob) {
        reader_.error(p.line, "bad glob in " + std::string(where) + " " + key + ": " + glob.errors().front().message);
        continue;
      }
      out.push_back(std::move(*glob));
    }
    return out;
  }

  // Non-empty strings of `key`, each with its line.
  std::vector<Located> nonempty_strings(const toml::value& table, const std::string& key, std::string_view where) {
    std::vector<Located> out;
    for (Located& item : string_list(table, key, where).value_or(std::vector<Located>{})) {
      if (util::trim(item.text).empty()) {
        reader_.error(item.line, std::string(where) + " " + key + " must not contain an empty string");
        continue;
      }
      out.push_back(std::move(item));
    }
    return out;
  }

  void parse_scan(const toml::value& t) {
    if (auto g = globs(t, "exclude", "[scan]")) config_.exclude = std::move(*g);
    if (const toml::value* v = find(t, "max_file_size")) {
      if (v->is_integer()) {
        if (v->as_integer() < 1) {
          reader_.error(*v, "[scan] max_file_size must be at least 1 byte");
        } else {
          config_.max_file_size = static_cast<uint64_t>(v->as_integer());
        }
      } else if (v->is_string()) {
        util::Expected<uint64_t> size = parse_byte_size(v->as_string().str);
        if (size) {
          config_.max_file_size = *size;
        } else {
          reader_.error(*v, "[scan] max_file_size: " + size.errors().front().message);
        }
      } else {
        reader_.error(*v, "[scan] max_file_size must be an integer number of bytes or a size string such as \"10MiB\"");
      }
    }
  }

  void parse_allowlist(const toml::value& t) {
    if (auto g = globs(t, "paths", "[allowlist]")) config_.allow_paths = std::move(*g);
    for (const Located& r : string_list(t, "regexes", "[allowlist]").value_or(std::vector<Located>{})) {
      RE2::Options options;
      options.set_log_errors(false);
      auto re = std::make_shared<RE2>(r.text, options);
      if (!re->ok()) {
        reader_.error(r.line, "bad regex '" + r.text + "' in [allowlist] regexes: " + re->error());
        continue;
      }
      config_.allow_regexes.push_back(std::move(re));
    }
    for (const Located& w : nonempty_strings(t, "stopwords", "[allowlist]")) config_.stopwords.push_back(util::to_lower(w.text));
  }

  void parse_rules(const toml::value& t) {
    for (Located& id : nonempty_strings(t, "disable", "[rules]")) {
      config_.rule_refs.push_back(RuleRef{id.text, id.line, "[rules] disable"});
      config_.disabled_rules.push_back(std::move(id.text));
    }
    for (const Located& file : nonempty_strings(t, "extra", "[rules]")) config_.extra_rule_files.push_back(resolve(file.text));
  }

  void parse_severity(const toml::value& t) {
    for (const auto& [id, value] : t.as_table()) {
      if (!value.is_string()) {
        reader_.error(value, "[severity] " + id + " must be a string: info, low, medium, high or critical");
        continue;
      }
      const std::string& name = value.as_string().str;
      std::optional<model::Severity> s = model::parse_severity(name);
      if (!s) {
        static const std::vector<std::string_view> kNames = {"info", "low", "medium", "high", "critical"};
        reader_.error(value, "unknown severity '" + name + "' for rule '" + id + "' in [severity]" +
                                 util::did_you_mean(name, kNames) + "; expected info, low, medium, high or critical");
        continue;
      }
      config_.severity_overrides[id] = *s;
      config_.rule_refs.push_back(RuleRef{id, rules::TomlReader::line_of(value), "[severity]"});
    }
  }

  // `paths` replaces the built-in set; `extra_paths` is appended to whichever set is in effect.
  // `out` holds the built-in set on entry.
  void parse_path_set(const toml::value& t, const std::string& name, std::vector<util::Glob>& out) {
    const std::string where = "[" + name + "]";
    if (auto g = globs(t, "paths", where)) out = std::move(*g);
    if (auto g = globs(t, "extra_paths", where)) {
      for (util::Glob& glob : *g) out.push_back(std::move(glob));
    }
  }

  void parse_verify(const toml::value& t) {
    parse_endpoint(t, "endpoint", config_.verify_endpoint);
    parse_endpoint(t, "sendgrid_endpoint", config_.sendgrid_endpoint);
    parse_endpoint(t, "oauth_endpoint", config_.oauth_endpoint);
  }

  void parse_endpoint(const toml::value& t, const std::string& key, std::string& out) {
    int line = 0;
    if (std::optional<std::string> url = string_value(t, key, "[verify]", line)) {
      util::Expected<std::string> endpoint = normalize_endpoint(*url);
      if (endpoint) {
        out = std::move(*endpoint);
      } else {
        reader_.error(line, "[verify] " + key + ": " + endpoint.errors().front().message);
      }
    }
  }

  void parse_cache(const toml::value& t) {
    int line = 0;
    if (std::optional<std::string> dir = string_value(t, "dir", "[cache]", line)) {
      if (dir->empty()) return;  // "" = the default location
      if (util::starts_with(*dir, "~/") || *dir == "~") {
        const char* home = std::getenv("HOME");
        if (home == nullptr || *home == '\0') {
          reader_.error(line, "[cache] dir starts with '~' but HOME is not set");
          return;
        }
        config_.cache_dir = (fs::path(home) / dir->substr(dir->size() > 1 ? 2 : 1)).lexically_normal().string();
        return;
      }
      config_.cache_dir = resolve(*dir);
    }
  }

  // A path from the config, relative to the config file's directory.
  std::string resolve(const std::string& path) const {
    fs::path p(path);
    if (p.is_absolute() || base_dir_.empty()) return p.lexically_normal().string();
    return (base_dir_ / p).lexically_normal().string();
  }

  rules::TomlReader reader_;
  fs::path base_dir_;
  Config config_ = default_lists();  // path sets compiled once, at the end
};

}  // namespace

Config default_config() {
  Config config = default_lists();
  config.compile_path_sets();
  return config;
}

util::Expected<Config> parse_config(const std::string& text, const std::string& name) {
  try {
    return Parser(name).run(text);
  } catch (const std::exception& e) {
    // toml11 throws on accessor misuse; anything else here is a bug, but a config must never crash.
    return util::Diagnostic{name, 0, std::string("cannot read config: ") + e.what()};
  }
}

util::Expected<Config> load_config_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return util::Diagnostic{path, 0, "cannot read config: is a directory"};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return util::Diagnostic{path, 0, fs::exists(path, ec) ? "cannot read config file" : "config file not found"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return util::Diagnostic{path, 0, "cannot read config file"};
  return parse_config(text.str(), path);
}

std::optional<std::string> discover_config_file(const std::string& start) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return std::nullopt;
  fs::path dir = (cwd / (start.empty() ? fs::path(".") : fs::path(start))).lexically_normal();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  if (dir.has_relative_path() && dir.filename().empty()) dir = dir.parent_path();  // "a/b/" -> "a/b"
  for (;;) {
    fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) {
      fs::path shown = candidate.lexically_relative(cwd);
      bool under_cwd = !shown.empty() && *shown.begin() != "..";
      return (under_cwd ? shown : candidate).string();
    }
    if (fs::exists(dir / ".git", ec) || !dir.has_relative_path()) return std::nullopt;  // repo or fs root
    dir = dir.parent_path();
  }
}

util::Diagnostics check_rule_ids(const Config& config, const rules::RuleSet& rules) {
  std::vector<std::string_view> ids;
  for (const rules::Rule& r : rules.rules) ids.push_back(r.id);
  util::Diagnostics out;
  for (const RuleRef& ref : config.rule_refs) {
    if (rules.find(ref.id) != nullptr) continue;
    out.push_back(util::Diagnostic{config.file, ref.line,
                                   "unknown rule id '" + ref.id + "' in " + ref.where + util::did_you_mean(ref.id, ids)});
  }
  return out;
}

}  // namespace twilint::config
