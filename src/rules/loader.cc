#include "rules/loader.h"

#include <fstream>
#include <set>
#include <sstream>

#include "rules/regex_compile.h"
#include "rules/toml_reader.h"
#include "util/sha256.h"

namespace twilint::rules {
namespace {

// Reports a regex that did not compile at `at`; true when it compiled.
bool check_compiled(TomlReader& reader, const RE2& re, const toml::value& at, const std::string& what) {
  if (!re.ok()) reader.error(at, what + " does not compile: " + re.error());
  return re.ok();
}

const toml::value* find_value(const toml::value& table, const std::string& key) {
  if (!table.is_table()) return nullptr;
  auto it = table.as_table().find(key);
  return it == table.as_table().end() ? nullptr : &it->second;
}

// A rule's or a pattern's `keywords`: non-empty lowercase literals (stage 1 folds case).
std::vector<std::string> read_keywords(TomlReader& reader, const toml::value& table) {
  std::vector<std::string> out;
  for (const std::string& k : reader.strings(table, "keywords").value_or(std::vector<std::string>{})) {
    if (k.empty()) {
      reader.error(*find_value(table, "keywords"), "empty keyword");
      continue;
    }
    for (char c : k) {
      if (c >= 'A' && c <= 'Z') {
        reader.error(*find_value(table, "keywords"), "keyword '" + k + "' must be lowercase");
        break;
      }
    }
    out.push_back(k);
  }
  return out;
}

// Reads and compiles one pattern alternative: either a string or a table {regex, near, not_near,
// near_window, keywords}. Compiled here, not lazily, so every bad regex is reported at load with its line.
std::optional<Pattern> read_pattern(TomlReader& reader, const toml::value& v) {
  Pattern p;
  const toml::value* regex_value = &v;
  if (v.is_table()) {
    reader.check_keys(v, {"regex", "near", "not_near", "near_window", "keywords"}, "[[rules.patterns]]");
    auto regex = reader.string(v, "regex", true);
    if (!regex) return std::nullopt;
    p.source = *regex;
    regex_value = find_value(v, "regex");
    p.near_source = reader.string(v, "near");
    p.not_near_source = reader.string(v, "not_near");
    p.keywords = read_keywords(reader, v);
    if (auto window = reader.integer(v, "near_window")) {
      if (*window < 1 || *window > 100000) reader.error(v, "'near_window' must be between 1 and 100000");
      p.near_window = static_cast<int>(*window);
    }
  } else if (v.is_string()) {
    p.source = v.as_string().str;
  } else {
    reader.error(v, "a pattern must be a string or a table with 'regex'");
    return std::nullopt;
  }
  CompiledPattern c = compile_pattern(p);
  if (c.near) check_compiled(reader, *c.near, *find_value(v, "near"), "'near'");
  if (c.not_near) check_compiled(reader, *c.not_near, *find_value(v, "not_near"), "'not_near'");
  if (!check_compiled(reader, *c.regex, *regex_value, "pattern")) return std::nullopt;
  p.shape = analyze_shape(regex_as_compiled(p));
  p.adopt(std::move(c));
  return p;
}

std::vector<Example> read_examples(TomlReader& reader, const toml::value& rule, const std::string& key) {
  std::vector<Example> out;
  const toml::value* v = find_value(rule, key);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    reader.error(*v, "'" + key + "' must be an array");
    return out;
  }
  for (const toml::value& item : v->as_array()) {
    Example ex;
    ex.path = "example.txt";
    ex.line = TomlReader::line_of(item);
    if (item.is_string()) {
      ex.text = item.as_string().str;
    } else if (item.is_table()) {
      reader.check_keys(item, {"path", "text"}, "'" + key + "' entry");
      auto text = reader.string(item, "text", true);
      if (!text) continue;
      ex.text = *text;
      if (auto path = reader.string(item, "path")) ex.path = *path;
    } else {
      reader.error(item, "'" + key + "' entries must be strings or {path, text} tables");
      continue;
    }
    out.push_back(std::move(ex));
  }
  return out;
}

void read_validators(TomlReader& reader, const toml::value& rule, Validators& out) {
  const toml::value* v = reader.table(rule, "validators");
  if (v == nullptr) return;
  reader.check_keys(*v, {"min_entropy", "placeholder", "mixed_alnum", "decoder"}, "[rules.validators]");
  if (auto e = reader.number(*v, "min_entropy")) {
    if (*e < 0 || *e > 8) reader.error(*v, "'min_entropy' must be between 0 and 8 bits per character");
    out.min_entropy = *e;
  }
  if (auto b = reader.boolean(*v, "placeholder")) out.reject_placeholders = *b;
  if (auto b = reader.boolean(*v, "mixed_alnum")) out.mixed_alnum = *b;
  if (auto d = reader.string(*v, "decoder")) {
    if (*d != "twilio-jwt") reader.error(*find_value(*v, "decoder"), "unknown decoder '" + *d + "' (known: twilio-jwt)");
    out.decoder = *d;
  }
}

// [rules.advice]: severity, when, unless, reason. The regexes are compiled here to report a bad
// one at its line; at scan time they compile again on first use.
void read_advice(TomlReader& reader, const toml::value& rule, std::optional<Advice>& out) {
  const toml::value* v = reader.table(rule, "advice");
  if (v == nullptr) return;
  reader.check_keys(*v, {"severity", "when", "unless", "reason"}, "[rules.advice]");
  Advice advice;
  if (auto severity = reader.string(*v, "severity", true)) {
    auto parsed = model::parse_severity(*severity);
    if (!parsed) reader.error(*find_value(*v, "severity"), "unknown severity '" + *severity + "'");
    advice.severity = parsed.value_or(model::Severity::kLow);
  }
  advice.reason = reader.string(*v, "reason", true).value_or("");
  auto when = reader.string(*v, "when", true);
  if (!when) return;
  advice.when.source = *when;
  check_compiled(reader, advice.when.get(), *find_value(*v, "when"), "'when'");
  if (auto unless = reader.string(*v, "unless")) {
    advice.unless.emplace().source = *unless;
    check_compiled(reader, advice.unless->get(), *find_value(*v, "unless"), "'unless'");
  }
  out = std::move(advice);
}

void read_paths(TomlReader& reader, const toml::value& rule, PathFilter& out) {
  const toml::value* v = reader.table(rule, "paths");
  if (v == nullptr) return;
  reader.check_keys(*v, {"include", "exclude"}, "[rules.paths]");
  for (const char* key : {"include", "exclude"}) {
    auto globs = reader.strings(*v, key);
    if (!globs) continue;
    for (const std::string& g : *globs) {
      if (g.rfind("@", 0) == 0) {
        if (g != "@production" && g != "@client") {
          reader.error(*find_value(*v, key), "unknown path set '" + g + "' (known: @production, @client)");
        }
        continue;
      }
      auto compiled = util::Glob::compile(g);
      if (!compiled) reader.error(*find_value(*v, key), compiled.errors().front().message);
    }
    (std::string_view(key) == "include" ? out.include : out.exclude) = *globs;
  }
}

std::optional<Rule> read_rule(TomlReader& reader, const toml::value& t) {
  reader.check_keys(t,
                    {"id", "title", "kind", "severity", "priority", "keywords", "pairs_with", "fix", "guidance",
                     "references", "pattern", "patterns", "validators", "paths", "advice", "verify", "examples",
                     "negative_examples"},
                    "[[rules]]");
  Rule rule;
  rule.file = reader.file();
  rule.line = TomlReader::line_of(t);
  auto id = reader.string(t, "id", true);
  if (!id) return std::nullopt;
  rule.id = *id;
  if (rule.id.empty() || rule.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") != std::string::npos) {
    reader.error(t, "rule id '" + rule.id + "' must be lowercase letters, digits, '-', '_' or '.'");
  }
  rule.title = reader.string(t, "title", true).value_or("");
  if (auto kind = reader.string(t, "kind", true)) {
    auto parsed = model::parse_rule_kind(*kind);
    if (!parsed) reader.error(*find_value(t, "kind"), "unknown kind '" + *kind + "' (secret, misuse, identifier)");
    rule.kind = parsed.value_or(model::RuleKind::kSecret);
  }
  if (auto severity = reader.string(t, "severity", true)) {
    auto parsed = model::parse_severity(*severity);
    if (!parsed) {
      reader.error(*find_value(t, "severity"), "unknown severity '" + *severity + "' (info, low, medium, high, critical)");
    }
    rule.severity = parsed.value_or(model::Severity::kInfo);
  }
  rule.priority = static_cast<int>(reader.integer(t, "priority").value_or(0));
  rule.keywords = read_keywords(reader, t);
  rule.pairs_with = reader.strings(t, "pairs_with").value_or(std::vector<std::string>{});
  if (auto verify = reader.string(t, "verify")) {
    auto method = parse_verify_method(*verify);
    if (!method) {
      reader.error(*find_value(t, "verify"), "unknown verify '" + *verify +
                                                 "' (twilio-auth-token, twilio-api-key, twilio-basic-auth, sendgrid, twilio-oauth)");
    }
    rule.verify = method.value_or(VerifyMethod::kNone);
  }
  rule.fix = reader.string(t, "fix").value_or("");
  rule.guidance = reader.string(t, "guidance").value_or("");
  rule.references = reader.strings(t, "references").value_or(std::vector<std::string>{});

  const toml::value* single = find_value(t, "pattern");
  const toml::value* many = find_value(t, "patterns");
  if (single != nullptr && many != nullptr) reader.error(t, "give either 'pattern' or 'patterns', not both");
  if (single != nullptr) {
    if (!single->is_string()) {
      reader.error(*single, "'pattern' must be a string (use [[rules.patterns]] for several)");
    } else if (auto p = read_pattern(reader, *single)) {
      rule.patterns.push_back(std::move(*p));
    }
  } else if (many != nullptr) {
    if (!many->is_array()) {
      reader.error(*many, "'patterns' must be an array");
    } else {
      for (const toml::value& item : many->as_array()) {
        if (auto p = read_pattern(reader, item)) rule.patterns.push_back(std::move(*p));
      }
    }
  } else {
    reader.error(t, "rule '" + rule.id + "' has no 'pattern' or 'patterns'");
  }
  read_validators(reader, t, rule.validators);
  read_paths(reader, t, rule.paths);
  read_advice(reader, t, rule.advice);
  rule.examples = read_examples(reader, t, "examples");
  rule.negative_examples = read_examples(reader, t, "negative_examples");
  return rule;
}

}  // namespace

const Rule* RuleSet::find(std::string_view id) const {
  int i = index_of(id);
  return i < 0 ? nullptr : &rules[static_cast<size_t>(i)];
}

std::vector<std::string> RuleSet::ids() const {
  std::vector<std::string> out;
  for (const Rule& r : rules) out.push_back(r.id);
  return out;
}

int RuleSet::index_of(std::string_view id) const {
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

util::Expected<RuleSet> load_rules(const std::vector<RuleSource>& sources, RuleSet base) {
  if (sources.empty() && !base.rules.empty()) return base;
  RuleSet set = std::move(base);
  util::Diagnostics errors;
  // The digest covers the base pack through its own digest, so the two load paths (TOML text and
  // pre-parsed pack) key caches the same way.
  std::string all_text = set.digest.empty() ? std::string() : set.digest + '\0';
  for (const RuleSource& source : sources) {
    all_text += source.name + '\0' + source.text + '\0';
    TomlReader reader(source.name);
    std::optional<toml::value> root = reader.parse(source.text);
    if (root) {
      reader.check_keys(*root, {"rules"}, "the top level");
      const toml::value* list = find_value(*root, "rules");
      if (list == nullptr || !list->is_array()) {
        reader.error(list ? *list : *root, "a rule file needs a [[rules]] array of tables");
      } else {
        for (const toml::value& t : list->as_array()) {
          if (!t.is_table()) {
            reader.error(t, "each [[rules]] entry must be a table");
            continue;
          }
          if (auto rule = read_rule(reader, t)) {
            if (set.find(rule->id) != nullptr) {
              const Rule* first = set.find(rule->id);
              reader.error(rule->line, "duplicate rule id '" + rule->id + "' (first defined at " + first->file + ":" +
                                           std::to_string(first->line) + ")");
              continue;
            }
            set.rules.push_back(std::move(*rule));
          }
        }
      }
    }
    errors.insert(errors.end(), reader.diagnostics().begin(), reader.diagnostics().end());
  }
  for (const Rule& rule : set.rules) {
    for (const std::string& other : rule.pairs_with) {
      if (set.find(other) == nullptr) {
        errors.push_back({rule.file, rule.line, "rule '" + rule.id + "' pairs_with unknown rule '" + other + "'"});
      }
    }
  }
  if (!errors.empty()) return errors;
  set.digest = util::sha256_hex(all_text);
  return set;
}

util::Expected<std::vector<RuleSource>> read_rule_files(const std::vector<std::string>& paths) {
  std::vector<RuleSource> out;
  util::Diagnostics errors;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      errors.push_back({path, 0, "cannot read rule file"});
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back({path, ss.str()});
  }
  if (!errors.empty()) return errors;
  return out;
}

}  // namespace twilint::rules
