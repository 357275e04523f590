#include "rules/toml_reader.h"

#include <algorithm>
#include <sstream>

#include "util/encoding.h"

namespace twilint::rules {
namespace {

// toml11 messages start with "[error] " and continue with a multi-line excerpt; keep line one.
std::string first_line(std::string_view what) {
  std::string_view s = what;
  if (s.rfind("[error] ", 0) == 0) s.remove_prefix(8);
  return std::string(s.substr(0, s.find('\n')));
}

}  // namespace

std::optional<toml::value> TomlReader::parse(const std::string& text) {
  // TOML is UTF-8 by definition, and toml11 3.7 reads out of bounds while reporting invalid UTF-8
  // inside a string (found by fuzz_rules and fuzz_config): reject such files before it sees them.
  if (std::optional<size_t> bad = util::first_invalid_utf8(text)) {
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n'));
    error(line, "invalid UTF-8 at byte " + std::to_string(*bad) + " (rule and config files must be UTF-8)");
    return std::nullopt;
  }
  try {
    std::istringstream in(text);
    return toml::parse(in, file_);
  } catch (const toml::exception& e) {
    error(static_cast<int>(e.location().line()), "TOML syntax error: " + first_line(e.what()));
  } catch (const std::exception& e) {
    error(0, "TOML syntax error: " + first_line(e.what()));
  }
  return std::nullopt;
}

int TomlReader::line_of(const toml::value& v) { return static_cast<int>(v.location().line()); }

void TomlReader::error(const toml::value& at, std::string message) { error(line_of(at), std::move(message)); }

void TomlReader::error(int line, std::string message) {
  diagnostics_.push_back(util::Diagnostic{file_, line, std::move(message)});
}

void TomlReader::check_keys(const toml::value& table, const std::vector<std::string_view>& allowed,
                            std::string_view where) {
  if (!table.is_table()) return;
  for (const auto& [key, value] : table.as_table()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) error(value, "unknown key '" + key + "' in " + std::string(where));
  }
}

const toml::value* TomlReader::find(const toml::value& table, const std::string& key) {
  if (!table.is_table()) return nullptr;
  const auto& t = table.as_table();
  auto it = t.find(key);
  return it == t.end() ? nullptr : &it->second;
}

std::optional<std::string> TomlReader::string(const toml::value& table, const std::string& key, bool required) {
  const toml::value* v = find(table, key);
  if (v == nullptr) {
    if (required) error(table, "missing required key '" + key + "'");
    return std::nullopt;
  }
  if (!v->is_string()) {
    error(*v, "'" + key + "' must be a string");
    return std::nullopt;
  }
  return v->as_string().str;
}

std::optional<std::vector<std::string>> TomlReader::strings(const toml::value& table, const std::string& key) {
  const toml::value* v = find(table, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) {
    error(*v, "'" + key + "' must be an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const toml::value& item : v->as_array()) {
    if (!item.is_string()) {
      error(item, "'" + key + "' must contain only strings");
      continue;
    }
    out.push_back(item.as_string().str);
  }
  return out;
}

std::optional<long long> TomlReader::integer(const toml::value& table, const std::string& key) {
  const toml::value* v = find(table, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_integer()) {
    error(*v, "'" + key + "' must be an integer");
    return std::nullopt;
  }
  return static_cast<long long>(v->as_integer());
}

std::optional<double> TomlReader::number(const toml::value& table, const std::string& key) {
  const toml::value* v = find(table, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_integer()) return static_cast<double>(v->as_integer());
  if (!v->is_floating()) {
    error(*v, "'" + key + "' must be a number");
    return std::nullopt;
  }
  return v->as_floating();
}

std::optional<bool> TomlReader::boolean(const toml::value& table, const std::string& key) {
  const toml::value* v = find(table, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    error(*v, "'" + key + "' must be true or false");
    return std::nullopt;
  }
  return v->as_boolean();
}

const toml::value* TomlReader::table(const toml::value& parent, const std::string& key) {
  const toml::value* v = find(parent, key);
  if (v == nullptr) return nullptr;
  if (!v->is_table()) {
    error(*v, "'" + key + "' must be a table");
    return nullptr;
  }
  return v;
}

}  // namespace twilint::rules
