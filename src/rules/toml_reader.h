// Typed, diagnostic-collecting access to toml11 values: every wrong type, unknown key or missing
// key becomes a "file:line: message" diagnostic and reading goes on, so a file's problems are all
// reported together. Shared by rule files and the user's config.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml.hpp>

#include "util/status.h"

namespace twilint::rules {

class TomlReader {
 public:
  explicit TomlReader(std::string file) : file_(std::move(file)) {}

  // Parses text; a syntax error becomes one diagnostic with its line. nullopt on failure.
  std::optional<toml::value> parse(const std::string& text);

  // Reports every key of `table` not in `allowed` ("unknown key 'x' in [where]").
  void check_keys(const toml::value& table, const std::vector<std::string_view>& allowed, std::string_view where);

  // Typed getters: absent key -> nullopt (and an error when `required`); wrong type -> error.
  std::optional<std::string> string(const toml::value& table, const std::string& key, bool required = false);
  std::optional<std::vector<std::string>> strings(const toml::value& table, const std::string& key);
  std::optional<long long> integer(const toml::value& table, const std::string& key);
  std::optional<double> number(const toml::value& table, const std::string& key);
  std::optional<bool> boolean(const toml::value& table, const std::string& key);
  // A sub-table, or nullptr when absent (error when present but not a table).
  const toml::value* table(const toml::value& parent, const std::string& key);

  void error(const toml::value& at, std::string message);
  void error(int line, std::string message);
  static int line_of(const toml::value& v);

  util::Diagnostics& diagnostics() { return diagnostics_; }
  const std::string& file() const { return file_; }

 private:
  const toml::value* find(const toml::value& table, const std::string& key);

  std::string file_;
  util::Diagnostics diagnostics_;
};

}  // namespace twilint::rules
