// Unit tests for src/report: every format on one fixed set of findings (a working-tree finding, a
// history finding, an info identifier, a path with spaces, a comma and non-ASCII, a message with a
// newline and '%'), the empty report, the text-hygiene helpers, and that no reporter shows more of
// a secret than it was given.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/finding.h"
#include "model/rule_info.h"
#include "model/stats.h"
#include "report/escape.h"
#include "report/reporter.h"
#include "report/summary.h"

namespace twilint::report {
namespace {

using Json = nlohmann::ordered_json;
using model::Finding;
using model::RuleKind;
using model::Severity;

// A Twilio-shaped Auth Token that the scan stage would have redacted to its first 4 characters.
constexpr std::string_view kFullToken = "9f3c2a7be41d4c0f8a6b5e3d2c1b0a99";
constexpr std::string_view kRedactedToken = "9f3c…";
constexpr std::string_view kCommitId = "0123456789abcdef0123456789abcdef01234567";
constexpr std::string_view kOddPath = "docs/café, notes/read me.md";

Finding make_finding(std::string rule_id, RuleKind kind, Severity severity, std::string path, int line,
                     std::string snippet, std::string secret, int secret_length) {
  Finding f;
  f.rule_id = std::move(rule_id);
  f.kind = kind;
  f.severity = severity;
  f.origin.path = path;
  f.origin.relative = path;
  f.line = line;
  f.column = static_cast<int>(snippet.find(secret)) + 1;
  f.end_line = line;
  f.end_column = f.column + secret_length;
  f.snippet = std::move(snippet);
  f.secret = std::move(secret);
  f.fingerprint = f.rule_id + ":" + path + ":deadbeef";
  f.secret_hash = "5e1f";
  return f;
}

// The fixed findings, in report order (path, line).
std::vector<Finding> sample_findings() {
  std::vector<Finding> out;

  Finding odd = make_finding("twilio-credential-url", RuleKind::kSecret, Severity::kCritical, std::string(kOddPath), 7,
                             "see → 😀 http…", "http…", 68);
  odd.message = "100% a credential URL\nwith the token inside";
  odd.fix = "Remove the credentials from the URL; use HTTP basic auth from environment variables.";
  odd.guidance = "Credentials in a URL end up in logs.";
  out.push_back(odd);

  Finding history = make_finding("twilio-api-key-secret", RuleKind::kSecret, Severity::kCritical,
                                 "../repo/old/settings.js", 12, "const apiSecret = 'Zx9Q…';", "Zx9Q…", 32);
  history.origin.relative = "old/settings.js";
  history.origin.commit = model::CommitInfo{std::string(kCommitId), "Jane Doe", "jane@example.com",
                                            "2026-03-02T10:11:12+01:00", "Add settings"};
  history.message = "Twilio API key secret next to SKabc… (complete credential pair)";
  history.fix = "Rotate the API key and load the secret from TWILIO_API_SECRET.";
  history.guidance = "API key secrets are credentials.";
  out.push_back(history);

  Finding sid = make_finding("twilio-account-sid", RuleKind::kIdentifier, Severity::kInfo, "src/config.py", 2,
                             "ACCOUNT_SID = \"ACa1b2…\"", "ACa1b2…", 34);
  sid.message = "Twilio Account SID";
  sid.fix = "Account SIDs are identifiers, not secrets; no action needed.";
  sid.guidance = "An Account SID identifies an account.";
  out.push_back(sid);

  Finding token = make_finding("twilio-auth-token", RuleKind::kSecret, Severity::kHigh, "src/config.py", 3,
                               "TWILIO_AUTH_TOKEN = \"" + std::string(kRedactedToken) + "\"",
                               std::string(kRedactedToken), 32);
  token.message = "Twilio Auth Token assigned to TWILIO_AUTH_TOKEN";
  token.fix = "Load the token from the environment (os.environ[\"TWILIO_AUTH_TOKEN\"]) and rotate it.";
  token.guidance = "**What is wrong**: the token is in the source.\n\n```python\nclient = Client(sid, token)\n```";
  out.push_back(token);

  std::sort(out.begin(), out.end(), model::finding_order);
  return out;
}

std::vector<model::RuleInfo> sample_rules() {
  auto rule = [](std::string id, std::string title, RuleKind kind, Severity severity) {
    model::RuleInfo r;
    r.id = std::move(id);
    r.title = std::move(title);
    r.kind = kind;
    r.severity = severity;
    r.fix = "Fix for " + r.id;
    r.guidance = "Guidance for " + r.id;
    r.references = {"https://www.twilio.com/docs/iam/credentials/api"};
    return r;
  };
  // twilio-api-key-secret is missing on purpose: a finding of a rule the context did not list.
  return {rule("twilio-account-sid", "Twilio Account SID", RuleKind::kIdentifier, Severity::kInfo),
          rule("twilio-api-key-sid", "Twilio API Key SID", RuleKind::kIdentifier, Severity::kInfo),
          rule("twilio-auth-token", "Twilio Auth Token", RuleKind::kSecret, Severity::kHigh),
          rule("twilio-credential-url", "Twilio credential URL", RuleKind::kSecret, Severity::kCritical)};
}

model::ScanStats sample_stats() {
  model::ScanStats stats;
  stats.files_scanned = 12;
  stats.bytes_scanned = 1536;
  stats.files_skipped = 2;
  stats.duration_ms = 250;
  stats.suppressed = 1;
  stats.baselined = 2;
  stats.allowlisted = 3;
  stats.skipped = {{"big.bin", "binary", false}, {"secrets.env", "permission denied", true}};
  stats.notes = {"submodule vendor/lib skipped"};
  return stats;
}

ReportContext sample_context(bool color = false) {
  ReportContext context;
  context.tool_version = "1.2.3";
  context.mode = "scan";
  context.root = ".";
  context.rules = sample_rules();
  context.color = color;
  return context;
}

std::string render(std::string_view format, const std::vector<Finding>& findings, const model::ScanStats& stats,
                   const ReportContext& context) {
  std::unique_ptr<Reporter> reporter = make_reporter(format);
  EXPECT_NE(reporter, nullptr) << format;
  if (reporter == nullptr) return "";
  reporter->begin(context);
  for (const Finding& f : findings) reporter->on_finding(f);
  return reporter->end(stats);
}

std::string render_sample(std::string_view format, bool color = false) {
  return render(format, sample_findings(), sample_stats(), sample_context(color));
}

std::string render_empty(std::string_view format) {
  model::ScanStats stats;
  stats.files_scanned = 5;
  stats.bytes_scanned = 100;
  return render(format, {}, stats, sample_context());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ---- A small XML reader, enough to check the JUnit output is well-formed and to count in it.

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<XmlElement> children;
  std::string text;

  std::vector<const XmlElement*> all(std::string_view element_name) const {
    std::vector<const XmlElement*> out;
    for (const XmlElement& c : children) {
      if (c.name == element_name) out.push_back(&c);
    }
    return out;
  }
};

class XmlReader {
 public:
  explicit XmlReader(std::string_view xml) : xml_(xml) {}

  // Parses the whole document; on malformed input returns false and sets error().
  bool parse(XmlElement& root) {
    if (valid_utf8(xml_) != xml_) return fail("not valid UTF-8");
    if (xml_.substr(0, 5) == "<?xml") {
      const size_t end = xml_.find("?>");
      if (end == std::string_view::npos) return fail("unterminated declaration");
      pos_ = end + 2;
    }
    skip_space();
    if (!element(root)) return false;
    skip_space();
    return pos_ == xml_.size() || fail("content after the root element");
  }

  const std::string& error() const { return error_; }

 private:
  bool fail(std::string message) {
    error_ = message + " at byte " + std::to_string(pos_);
    return false;
  }
  void skip_space() {
    while (pos_ < xml_.size() && std::string_view(" \t\r\n").find(xml_[pos_]) != std::string_view::npos) ++pos_;
  }
  static bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == ':' || c == '.';
  }
  std::string name() {
    const size_t start = pos_;
    while (pos_ < xml_.size() && name_char(xml_[pos_])) ++pos_;
    return std::string(xml_.substr(start, pos_ - start));
  }
  // Decodes character data up to `stop`, checking entities and forbidden characters.
  bool chars(std::string_view stop, std::string& out) {
    while (pos_ < xml_.size() && stop.find(xml_[pos_]) == std::string_view::npos) {
      const char c = xml_[pos_];
      if (c == '&') {
        const size_t semi = xml_.find(';', pos_);
        if (semi == std::string_view::npos) return fail("unterminated entity");
        const std::string_view entity = xml_.substr(pos_ + 1, semi - pos_ - 1);
        static const std::map<std::string_view, std::string_view> kNamed = {
            {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
        if (auto it = kNamed.find(entity); it != kNamed.end()) {
          out += it->second;
        } else if (entity.size() > 1 && entity[0] == '#') {
          const bool hex = entity[1] == 'x';
          const char32_t cp = static_cast<char32_t>(std::stoul(std::string(entity.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10));
          if (cp != '\t' && cp != '\n' && cp != '\r' && cp < 0x20) return fail("reference to a forbidden character");
          append_utf8(out, cp);
        } else {
          return fail("unknown entity &" + std::string(entity) + ";");
        }
        pos_ = semi + 1;
        continue;
      }
      if (c == '<') return fail("'<' in character data");
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return fail("control character in the document");
      }
      out += c;
      ++pos_;
    }
    return true;
  }
  bool element(XmlElement& e) {
    if (pos_ >= xml_.size() || xml_[pos_] != '<') return fail("expected '<'");
    ++pos_;
    e.name = name();
    if (e.name.empty()) return fail("empty element name");
    for (;;) {
      skip_space();
      if (xml_.substr(pos_, 2) == "/>") {
        pos_ += 2;
        return true;
      }
      if (pos_ < xml_.size() && xml_[pos_] == '>') {
        ++pos_;
        break;
      }
      const std::string attribute = name();
      if (attribute.empty()) return fail("bad attribute in <" + e.name + ">");
      if (xml_.substr(pos_, 2) != "=\"") return fail("attribute value must be double-quoted");
      pos_ += 2;
      std::string value;
      if (!chars("\"", value)) return false;
      if (pos_ >= xml_.size()) return fail("unterminated attribute value");
      ++pos_;
      if (!e.attributes.emplace(attribute, value).second) return fail("duplicate attribute " + attribute);
    }
    for (;;) {
      if (!chars("<", e.text)) return false;
      if (pos_ >= xml_.size()) return fail("unclosed <" + e.name + ">");
      if (xml_.substr(pos_, 2) == "</") {
        pos_ += 2;
        if (name() != e.name) return fail("mismatched closing tag for <" + e.name + ">");
        skip_space();
        if (pos_ >= xml_.size() || xml_[pos_] != '>') return fail("bad closing tag");
        ++pos_;
        return true;
      }
      e.children.emplace_back();
      if (!element(e.children.back())) return false;
    }
  }

  std::string_view xml_;
  size_t pos_ = 0;
  std::string error_;
};

XmlElement parse_xml(const std::string& xml) {
  XmlElement root;
  XmlReader reader(xml);
  EXPECT_TRUE(reader.parse(root)) << reader.error() << "\n" << xml;
  return root;
}

// ---- Factory

TEST(ReporterFactory, KnowsEveryFormatByName) {
  EXPECT_EQ(format_names(), (std::vector<std::string>{"text", "json", "sarif", "github", "junit", "compact"}));
  for (const std::string& name : format_names()) EXPECT_NE(make_reporter(name), nullptr) << name;
  EXPECT_EQ(make_reporter("xml"), nullptr);
  EXPECT_EQ(make_reporter(""), nullptr);
  EXPECT_EQ(make_reporter("JSON"), nullptr);
}

// ---- JSON

TEST(JsonReporter, WritesTheFixedSchemaWithKeysInOrder) {
  const Json doc = Json::parse(render_sample("json"));
  EXPECT_EQ(doc["tool"], (Json{{"name", "twilint"}, {"version", "1.2.3"}}));
  ASSERT_EQ(doc["findings"].size(), 4u);

  const std::vector<std::string> fixed = {"rule_id", "snippet", "kind",  "severity",    "path",    "line",
                                          "column",  "end_line", "end_column", "secret", "fingerprint",
                                          "message", "fix"};
  const std::vector<std::string> fixed_in_order = {"rule_id", "kind",   "severity",    "path",    "line",
                                                   "column",  "end_line", "end_column", "snippet", "secret",
                                                   "fingerprint", "message"};
  for (const Json& f : doc["findings"]) {
    std::vector<std::string> keys;
    for (auto it = f.begin(); it != f.end(); ++it) keys.push_back(it.key());
    ASSERT_GE(keys.size(), fixed_in_order.size());
    EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + static_cast<long>(fixed_in_order.size())),
              fixed_in_order);
    for (const std::string& key : fixed) EXPECT_TRUE(f.contains(key)) << key;
  }
  std::vector<std::string> top;
  for (auto it = doc.begin(); it != doc.end(); ++it) top.push_back(it.key());
  EXPECT_EQ(top, (std::vector<std::string>{"tool", "schema_version", "mode", "findings", "rules", "stats"}));
  EXPECT_EQ(doc["schema_version"], 2);
}

TEST(JsonReporter, GuidanceOncePerRuleInTheRulesObject) {
  std::vector<Finding> findings = sample_findings();
  for (Finding& f : findings) f.guidance.clear();  // as the scan stage leaves it
  findings.push_back(findings.front());            // two findings of one rule: one rules entry
  const Json doc = Json::parse(render("json", findings, sample_stats(), sample_context()));
  std::set<std::string> named;
  for (const Json& f : doc["findings"]) {
    EXPECT_FALSE(f.contains("guidance")) << f.dump();
    EXPECT_FALSE(f["fix"].get<std::string>().empty()) << f.dump();  // the one-line fix stays
    named.insert(f["rule_id"].get<std::string>());
  }
  std::set<std::string> listed;
  for (auto it = doc["rules"].begin(); it != doc["rules"].end(); ++it) listed.insert(it.key());
  EXPECT_EQ(listed, named);
  const Json& token = doc["rules"]["twilio-auth-token"];
  EXPECT_EQ(token["title"], "Twilio Auth Token");
  EXPECT_EQ(token["kind"], "secret");
  EXPECT_EQ(token["severity"], "high");
  EXPECT_EQ(token["fix"], "Fix for twilio-auth-token");
  EXPECT_EQ(token["guidance"], "Guidance for twilio-auth-token");
  EXPECT_EQ(token["references"], Json::array({"https://www.twilio.com/docs/iam/credentials/api"}));
  EXPECT_EQ(doc["rules"]["twilio-api-key-secret"]["title"], "");  // a rule the context did not list
}

TEST(JsonReporter, CarriesEachFindingsValues) {
  const std::vector<Finding> sample = sample_findings();
  const Json doc = Json::parse(render_sample("json"));
  for (size_t i = 0; i < sample.size(); ++i) {
    const Finding& want = sample[i];
    const Json& got = doc["findings"][i];
    EXPECT_EQ(got["rule_id"], want.rule_id);
    EXPECT_EQ(got["kind"], std::string(model::to_string(want.kind)));
    EXPECT_EQ(got["severity"], std::string(model::to_string(want.severity)));
    EXPECT_EQ(got["path"], want.origin.path);
    EXPECT_EQ(got["line"], want.line);
    EXPECT_EQ(got["column"], want.column);
    EXPECT_EQ(got["end_line"], want.end_line);
    EXPECT_EQ(got["end_column"], want.end_column);
    EXPECT_EQ(got["snippet"], want.snippet);
    EXPECT_EQ(got["secret"], want.secret);
    EXPECT_EQ(got["fingerprint"], want.fingerprint);
    EXPECT_EQ(got["message"], want.message);
    EXPECT_EQ(got["guidance"], want.guidance);
    EXPECT_EQ(got["fix"], want.fix);
    EXPECT_EQ(got.contains("commit"), want.origin.commit.has_value());
  }
}

TEST(JsonReporter, HistoryFindingsAddTheirCommit) {
  const Json doc = Json::parse(render_sample("json"));
  const auto history = std::find_if(doc["findings"].begin(), doc["findings"].end(),
                                    [](const Json& f) { return f["rule_id"] == "twilio-api-key-secret"; });
  ASSERT_NE(history, doc["findings"].end());
  EXPECT_EQ((*history)["commit"], std::string(kCommitId));
  EXPECT_EQ((*history)["author"], "Jane Doe");
  EXPECT_EQ((*history)["email"], "jane@example.com");
  EXPECT_EQ((*history)["date"], "2026-03-02T10:11:12+01:00");
  EXPECT_EQ((*history)["commit_summary"], "Add settings");
  for (const Json& f : doc["findings"]) {
    if (f["rule_id"] != "twilio-api-key-secret") {
      EXPECT_FALSE(f.contains("author"));
    }
  }
}

TEST(JsonReporter, StatsHaveTheFixedKeysAndTheSkippedList) {
  const Json stats = Json::parse(render_sample("json"))["stats"];
  EXPECT_EQ(stats["files_scanned"], 12);
  EXPECT_EQ(stats["bytes_scanned"], 1536);
  EXPECT_EQ(stats["files_skipped"], 2);
  EXPECT_EQ(stats["duration_ms"], 250);
  EXPECT_EQ(stats["suppressed"], 1);
  EXPECT_EQ(stats["baselined"], 2);
  EXPECT_EQ(stats["allowlisted"], 3);
  EXPECT_EQ(stats["incomplete"], true);
  EXPECT_EQ(stats["findings_by_severity"]["critical"], 2);
  EXPECT_EQ(stats["findings_by_severity"]["high"], 1);
  EXPECT_EQ(stats["findings_by_severity"]["info"], 1);
  ASSERT_EQ(stats["skipped"].size(), 2u);
  EXPECT_EQ(stats["skipped"][1], (Json{{"path", "secrets.env"}, {"reason", "permission denied"}, {"error", true}}));
  EXPECT_EQ(stats["notes"], Json::array({"submodule vendor/lib skipped"}));
}

TEST(JsonReporter, EmptyReportIsComplete) {
  const Json doc = Json::parse(render_empty("json"));
  EXPECT_TRUE(doc["findings"].is_array());
  EXPECT_TRUE(doc["findings"].empty());
  EXPECT_EQ(doc["stats"]["files_scanned"], 5);
  EXPECT_EQ(doc["stats"]["incomplete"], false);
  EXPECT_TRUE(doc["stats"]["skipped"].empty());
}

// ---- SARIF

const Json* rule_by_id(const Json& rules, std::string_view id) {
  for (const Json& r : rules) {
    if (r["id"] == id) return &r;
  }
  return nullptr;
}

TEST(SarifReporter, CriticalFindingOfAHighRuleShowsAsCritical) {
  std::vector<Finding> findings = sample_findings();
  for (Finding& f : findings) {
    if (f.rule_id == "twilio-auth-token") f.severity = Severity::kCritical;  // paired with its SID
  }
  const Json doc = Json::parse(render("sarif", findings, sample_stats(), sample_context()));
  const Json* token = rule_by_id(doc["runs"][0]["tool"]["driver"]["rules"], "twilio-auth-token");
  ASSERT_NE(token, nullptr);
  EXPECT_GE(std::stod((*token)["properties"]["security-severity"].get<std::string>()), 9.0);
  for (const Json& r : doc["runs"][0]["results"]) {
    if (r["ruleId"] != "twilio-auth-token") continue;
    EXPECT_EQ(r["properties"]["security-severity"], "9.5") << r.dump();
  }
  EXPECT_EQ(doc["runs"][0]["columnKind"], "utf16CodeUnits");
}

TEST(SarifReporter, DescribesTheToolAndEveryRule) {
  const Json doc = Json::parse(render_sample("sarif"));
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_TRUE(contains(doc["$schema"].get<std::string>(), "sarif-schema-2.1.0.json"));
  ASSERT_EQ(doc["runs"].size(), 1u);
  const Json& driver = doc["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "twilint");
  EXPECT_EQ(driver["version"], "1.2.3");
  EXPECT_EQ(driver["informationUri"], "https://github.com/twilint/twilint");

  const Json& rules = driver["rules"];
  // The four enabled rules, then the one a finding named that the context did not list.
  ASSERT_EQ(rules.size(), 5u);
  EXPECT_EQ(rules[4]["id"], "twilio-api-key-secret");

  const Json* token = rule_by_id(rules, "twilio-auth-token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ((*token)["name"], "TwilioAuthToken");
  EXPECT_EQ((*token)["shortDescription"]["text"], "Twilio Auth Token");
  EXPECT_EQ((*token)["fullDescription"]["text"], "Fix for twilio-auth-token");
  EXPECT_EQ((*token)["help"]["text"], "Guidance for twilio-auth-token");
  EXPECT_EQ((*token)["help"]["markdown"], "Guidance for twilio-auth-token");
  EXPECT_EQ((*token)["helpUri"], "https://www.twilio.com/docs/iam/credentials/api");
  EXPECT_EQ((*token)["defaultConfiguration"]["level"], "error");
  EXPECT_EQ((*token)["properties"]["security-severity"], "8.0");
  EXPECT_EQ((*token)["properties"]["precision"], "high");
  EXPECT_EQ((*token)["properties"]["tags"], Json::array({"security", "secret", "twilio"}));

  const Json* sid = rule_by_id(rules, "twilio-account-sid");
  ASSERT_NE(sid, nullptr);
  EXPECT_EQ((*sid)["defaultConfiguration"]["level"], "note");
  EXPECT_EQ((*sid)["properties"]["security-severity"], "0.0");
  EXPECT_EQ((*sid)["properties"]["tags"][1], "identifier");

  const Json* url = rule_by_id(rules, "twilio-credential-url");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ((*url)["name"], "TwilioCredentialURL");
  EXPECT_EQ((*url)["properties"]["security-severity"], "9.5");

  // A rule synthesised from its finding still has everything GitHub needs.
  EXPECT_EQ(rules[4]["name"], "TwilioApiKeySecret");
  EXPECT_EQ(rules[4]["shortDescription"]["text"], "twilio-api-key-secret");
  EXPECT_EQ(rules[4]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rules[4]["help"]["text"], "API key secrets are credentials.");
}

TEST(SarifReporter, ResultsPointAtTheirRuleAndLocation) {
  const std::vector<Finding> sample = sample_findings();
  const Json doc = Json::parse(render_sample("sarif"));
  const Json& run = doc["runs"][0];
  const Json& results = run["results"];
  ASSERT_EQ(results.size(), sample.size());
  for (size_t i = 0; i < sample.size(); ++i) {
    const Json& r = results[i];
    EXPECT_EQ(r["ruleId"], sample[i].rule_id);
    EXPECT_EQ(run["tool"]["driver"]["rules"][r["ruleIndex"].get<size_t>()]["id"], sample[i].rule_id);
    EXPECT_EQ(r["partialFingerprints"]["twilint/v1"], sample[i].fingerprint);
    const Json& location = r["locations"][0]["physicalLocation"];
    EXPECT_EQ(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_EQ(location["region"]["startLine"], sample[i].line);
    EXPECT_EQ(location["region"]["endLine"], sample[i].end_line);
    EXPECT_EQ(location["region"]["snippet"]["text"], sample[i].snippet);
    EXPECT_TRUE(contains(r["message"]["text"].get<std::string>(), sample[i].message));
    EXPECT_TRUE(contains(r["message"]["text"].get<std::string>(), "Fix: " + sample[i].fix));
  }

  const Json& token = results[3];
  ASSERT_EQ(token["ruleId"], "twilio-auth-token");
  EXPECT_EQ(token["level"], "error");
  EXPECT_EQ(token["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/config.py");
  EXPECT_EQ(token["locations"][0]["physicalLocation"]["region"]["startColumn"], 22);
  EXPECT_EQ(token["locations"][0]["physicalLocation"]["region"]["endColumn"], 22 + 32);
  EXPECT_EQ(results[2]["level"], "note");  // the Account SID
}

TEST(SarifReporter, EscapesUrisAndCountsColumnsInUtf16) {
  const Json doc = Json::parse(render_sample("sarif"));
  const Json& odd = doc["runs"][0]["results"][1];
  ASSERT_EQ(odd["ruleId"], "twilio-credential-url");
  const Json& location = odd["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "docs/caf%C3%A9%2C%20notes/read%20me.md");
  // "see → 😀 " is 13 bytes but 9 UTF-16 code units ("→" is one unit, "😀" two).
  const Finding f = sample_findings()[1];
  ASSERT_EQ(f.column, 14);
  EXPECT_EQ(location["region"]["startColumn"], 10);
  EXPECT_EQ(location["region"]["endColumn"], 10 + 68);
  EXPECT_EQ(odd["message"]["text"].get<std::string>().substr(0, 40), "100% a credential URL\nwith the token ins");
}

TEST(SarifReporter, HistoryResultsCarryTheCommit) {
  const Json doc = Json::parse(render_sample("sarif"));
  const Json& history = doc["runs"][0]["results"][0];
  ASSERT_EQ(history["ruleId"], "twilio-api-key-secret");
  // The URI is relative to the repository root, not the display path "../repo/old/settings.js".
  EXPECT_EQ(history["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "old/settings.js");
  const Json& p = history["properties"];
  EXPECT_EQ(p["commit"], std::string(kCommitId));
  EXPECT_EQ(p["author"], "Jane Doe");
  EXPECT_EQ(p["email"], "jane@example.com");
  EXPECT_EQ(p["date"], "2026-03-02T10:11:12+01:00");
  EXPECT_EQ(p["commit_summary"], "Add settings");
  EXPECT_FALSE(doc["runs"][0]["results"][3]["properties"].contains("commit"));
}

TEST(SarifReporter, InvocationSaysWhetherTheScanWasComplete) {
  const Json incomplete = Json::parse(render_sample("sarif"))["runs"][0]["invocations"][0];
  EXPECT_EQ(incomplete["executionSuccessful"], false);
  const Json& notifications = incomplete["toolExecutionNotifications"];
  ASSERT_EQ(notifications.size(), 2u);
  EXPECT_EQ(notifications[0]["level"], "error");
  EXPECT_EQ(notifications[0]["message"]["text"], "could not read secrets.env: permission denied");
  EXPECT_EQ(notifications[1]["level"], "note");

  const Json empty = Json::parse(render_empty("sarif"));
  EXPECT_EQ(empty["runs"][0]["invocations"][0]["executionSuccessful"], true);
  EXPECT_FALSE(empty["runs"][0]["invocations"][0].contains("toolExecutionNotifications"));
  EXPECT_TRUE(empty["runs"][0]["results"].is_array());
  EXPECT_TRUE(empty["runs"][0]["results"].empty());
  EXPECT_EQ(empty["runs"][0]["tool"]["driver"]["rules"].size(), 4u);
}

// ---- GitHub workflow commands

TEST(GithubReporter, WritesOneCommandPerFindingThenASummary) {
  const std::vector<std::string> lines = lines_of(render_sample("github"));
  ASSERT_EQ(lines.size(), 4u + 1u + 1u + 1u);  // findings, unreadable path, summary, note
  EXPECT_EQ(lines[3],
            "::error file=src/config.py,line=3,col=22,endLine=3,endColumn=54,title=twilio-auth-token::"
            "[high] Twilio Auth Token assigned to TWILIO_AUTH_TOKEN%0Afix: Load the token from the environment "
            "(os.environ[\"TWILIO_AUTH_TOKEN\"]) and rotate it.");
  EXPECT_TRUE(starts_with(lines[2],
                          "::notice file=src/config.py,line=2,col=16,endLine=2,endColumn=50,title=twilio-account-sid::"
                          "[info] Twilio Account SID%0Afix: "))
      << lines[2];
  EXPECT_EQ(lines[4], "::error title=twilint could not read::secrets.env: permission denied");
  EXPECT_EQ(lines[5],
            "twilint: 4 findings (2 critical, 1 high, 1 info); scanned 12 files (1.5 KiB) in 250 ms; 2 files skipped; "
            "1 suppressed; 2 baselined; 3 allowlisted; INCOMPLETE: could not read 1 path");
  EXPECT_EQ(lines[6], "twilint: note: submodule vendor/lib skipped");
}

TEST(GithubReporter, EscapesPropertiesAndData) {
  const std::vector<std::string> lines = lines_of(render_sample("github"));
  EXPECT_EQ(lines[1],
            "::error file=docs/café%2C notes/read me.md,line=7,col=14,endLine=7,endColumn=82,"
            "title=twilio-credential-url::[critical] 100%25 a credential URL%0Awith the token inside%0Afix: Remove "
            "the credentials from the URL; use HTTP basic auth from environment variables.");
}

TEST(GithubReporter, HistoryFindingsNameTheCommit) {
  const std::vector<std::string> lines = lines_of(render_sample("github"));
  EXPECT_TRUE(starts_with(lines[0], "::error file=../repo/old/settings.js,line=12,col=20,")) << lines[0];
  EXPECT_TRUE(contains(lines[0], "::[critical] commit 0123456 (2026-03-02, Jane Doe): Twilio API key secret"));
}

TEST(GithubReporter, LevelsFollowSeverity) {
  std::vector<Finding> findings;
  for (Severity s : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow, Severity::kInfo}) {
    Finding f = sample_findings()[3];
    f.severity = s;
    findings.push_back(f);
  }
  const std::vector<std::string> lines = lines_of(render("github", findings, {}, sample_context()));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_TRUE(starts_with(lines[0], "::error "));
  EXPECT_TRUE(starts_with(lines[1], "::error "));
  EXPECT_TRUE(starts_with(lines[2], "::warning "));
  EXPECT_TRUE(starts_with(lines[3], "::warning "));
  EXPECT_TRUE(starts_with(lines[4], "::notice "));
}

TEST(GithubReporter, EmptyReportIsOneSummaryLine) {
  EXPECT_EQ(render_empty("github"),
            "twilint: no Twilio credentials or misuse found; scanned 5 files (100 B) in 0 ms\n");
}

// ---- JUnit

TEST(JunitReporter, IsWellFormedWithCorrectCounts) {
  const XmlElement root = parse_xml(render_sample("junit"));
  EXPECT_EQ(root.name, "testsuites");
  const std::vector<const XmlElement*> suites = root.all("testsuite");
  ASSERT_EQ(suites.size(), 1u);
  const XmlElement& suite = *suites[0];
  EXPECT_EQ(suite.attributes.at("name"), "twilint");
  // Three files with findings, one unreadable path, one summary case for the clean files.
  const std::vector<const XmlElement*> cases = suite.all("testcase");
  ASSERT_EQ(cases.size(), 5u);
  EXPECT_EQ(suite.attributes.at("tests"), "5");
  EXPECT_EQ(suite.attributes.at("failures"), "3");
  EXPECT_EQ(suite.attributes.at("errors"), "1");
  EXPECT_EQ(suite.attributes.at("time"), "0.250");
  EXPECT_EQ(root.attributes.at("tests"), "5");
  EXPECT_EQ(root.attributes.at("failures"), "3");
  EXPECT_EQ(root.attributes.at("errors"), "1");

  size_t failures = 0, errors = 0;
  for (const XmlElement* c : cases) {
    EXPECT_EQ(c->attributes.at("classname"), "twilint");
    failures += c->all("failure").size();
    errors += c->all("error").size();
  }
  EXPECT_EQ(failures, 3u);
  EXPECT_EQ(errors, 1u);
}

TEST(JunitReporter, OneFailingCasePerFileListingEveryFinding) {
  const XmlElement root = parse_xml(render_sample("junit"));
  const std::vector<const XmlElement*> cases = root.all("testsuite")[0]->all("testcase");
  EXPECT_EQ(cases[0]->attributes.at("name"), "../repo/old/settings.js");
  EXPECT_EQ(cases[1]->attributes.at("name"), kOddPath);
  EXPECT_EQ(cases[2]->attributes.at("name"), "src/config.py");
  EXPECT_EQ(cases[3]->attributes.at("name"), "secrets.env");
  EXPECT_EQ(cases[4]->attributes.at("name"), "files without findings");

  const XmlElement& config = *cases[2]->all("failure")[0];
  EXPECT_EQ(config.attributes.at("type"), "twilio-auth-token");  // the most severe of the file
  EXPECT_EQ(config.attributes.at("message"), "2 findings (1 high, 1 info); most severe: twilio-auth-token at line 3");
  EXPECT_TRUE(contains(config.text, "src/config.py:2:16 twilio-account-sid [info]"));
  EXPECT_TRUE(contains(config.text, "src/config.py:3:22 twilio-auth-token [high]"));
  EXPECT_TRUE(contains(config.text, "fix: Load the token from the environment"));
  EXPECT_TRUE(contains(config.text, "| TWILIO_AUTH_TOKEN = \"9f3c…\""));

  const XmlElement& odd = *cases[1]->all("failure")[0];
  EXPECT_TRUE(contains(odd.text, "100% a credential URL\nwith the token inside"));
  const XmlElement& history = *cases[0]->all("failure")[0];
  EXPECT_TRUE(contains(history.text, "commit 0123456 2026-03-02 Jane Doe <jane@example.com>: Add settings"));

  const XmlElement& error = *cases[3]->all("error")[0];
  EXPECT_EQ(error.attributes.at("message"), "could not read: permission denied");
  EXPECT_TRUE(cases[4]->all("failure").empty());
  EXPECT_EQ(cases[4]->all("system-out")[0]->text, "9 files of 12 files scanned had no findings");
}

TEST(JunitReporter, EmptyReportHasOnlyThePassingSummaryCase) {
  const XmlElement root = parse_xml(render_empty("junit"));
  const XmlElement& suite = *root.all("testsuite")[0];
  EXPECT_EQ(suite.attributes.at("tests"), "1");
  EXPECT_EQ(suite.attributes.at("failures"), "0");
  EXPECT_EQ(suite.attributes.at("errors"), "0");
  ASSERT_EQ(suite.all("testcase").size(), 1u);
  EXPECT_EQ(suite.all("testcase")[0]->all("system-out")[0]->text, "5 files of 5 files scanned had no findings");
}

// ---- Text

TEST(TextReporter, GroupsByFileWithEverythingAboutEachFinding) {
  const std::string text = render_sample("text");
  const std::vector<std::string> lines = lines_of(text);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "src/config.py"), 1);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), std::string(kOddPath)), 1);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "../repo/old/settings.js"), 1);
  // Both src/config.py findings sit under its one header, in order.
  const size_t header = text.find("src/config.py\n");
  ASSERT_NE(header, std::string::npos);
  const size_t sid = text.find("src/config.py:2:16  info  twilio-account-sid");
  const size_t token = text.find("src/config.py:3:22  high  twilio-auth-token");
  ASSERT_NE(sid, std::string::npos);
  ASSERT_NE(token, std::string::npos);
  EXPECT_LT(header, sid);
  EXPECT_LT(sid, token);
  EXPECT_TRUE(contains(text, "    > TWILIO_AUTH_TOKEN = \"9f3c…\"\n"));
  EXPECT_TRUE(contains(text, "    Twilio Auth Token assigned to TWILIO_AUTH_TOKEN\n"));
  EXPECT_TRUE(contains(text, "    fix: Load the token from the environment (os.environ[\"TWILIO_AUTH_TOKEN\"]) and rotate it."
                             " (twilint explain twilio-auth-token)\n"));
  // History: short commit and date.
  EXPECT_TRUE(contains(text, "commit 0123456  2026-03-02  Jane Doe  \"Add settings\""));
  EXPECT_FALSE(contains(text, kCommitId));
  // A newline inside a message cannot break the layout.
  EXPECT_TRUE(contains(text, "    100% a credential URL\\x0Awith the token inside\n"));
}

TEST(TextReporter, SummaryCoversCountsSizesSkipsAndErrors) {
  const std::string text = render_sample("text");
  EXPECT_TRUE(contains(text, "4 findings (2 critical, 1 high, 1 info) in 3 files\n"));
  EXPECT_TRUE(contains(text, "scanned 12 files (1.5 KiB) in 250 ms; 2 files skipped\n"));
  EXPECT_TRUE(contains(text, "not shown: 1 suppressed by twilint:allow, 2 in the baseline, 3 allowlisted\n"));
  EXPECT_TRUE(contains(text, "scan INCOMPLETE: could not read 1 path:\n  secrets.env: permission denied\n"));
  EXPECT_TRUE(contains(text, "note: submodule vendor/lib skipped\n"));
  // Policy skips are named with their reason (issue 13 item 7), not hidden in a count.
  EXPECT_TRUE(contains(text, "big.bin")) << text;
  EXPECT_TRUE(contains(text, "1 binary: big.bin")) << text;
  EXPECT_FALSE(contains(text, "history:"));
}

TEST(TextReporter, HistorySummaryCountsCommitsAndSaysShallow) {
  model::ScanStats stats;
  stats.files_scanned = 40;
  stats.commits_scanned = 7;
  stats.shallow = true;
  ReportContext context = sample_context();
  context.mode = "history";
  const std::string text = render("text", {}, stats, context);
  EXPECT_TRUE(contains(text, "scanned 40 blobs (0 B) in 0 ms\n"));
  EXPECT_TRUE(contains(text, "history: 7 commits scanned\n"));
  EXPECT_TRUE(contains(text, "shallow clone"));
}

TEST(TextReporter, ColourOnlyWhenAsked) {
  const std::string plain = render_sample("text", false);
  EXPECT_FALSE(contains(plain, "\x1b"));
  const std::string colored = render_sample("text", true);
  EXPECT_TRUE(contains(colored, "\x1b[31mhigh\x1b[0m"));
  EXPECT_TRUE(contains(colored, "\x1b[1;31mcritical\x1b[0m"));
  EXPECT_TRUE(contains(colored, "\x1b[36minfo\x1b[0m"));
  EXPECT_TRUE(contains(colored, "\x1b[1msrc/config.py\x1b[0m\n"));
}

TEST(TextReporter, EmptyReportSaysSoClearly) {
  const std::string text = render_empty("text");
  EXPECT_EQ(text, "no Twilio credentials or misuse found\nscanned 5 files (100 B) in 0 ms\n");
}

TEST(TextReporter, LongLinesShowAWindowAroundTheFinding) {
  Finding f = sample_findings()[3];
  const std::string prefix(500, 'x');
  f.snippet = prefix + "TOKEN=\"9f3c…\"" + std::string(500, 'y');
  f.column = static_cast<int>(prefix.size() + 8);
  const std::string text = render("text", {f}, {}, sample_context());
  const auto lines = lines_of(text);
  const auto snippet = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("    > ", 0) == 0; });
  ASSERT_NE(snippet, lines.end());
  EXPECT_TRUE(contains(*snippet, "TOKEN=\"9f3c…\""));
  EXPECT_LT(snippet->size(), 200u);
  EXPECT_TRUE(contains(*snippet, "> …x"));
  EXPECT_EQ(snippet->substr(snippet->size() - 4), "y…");
}

// ---- Secrets: reporters show exactly what the scan stage gave them.

TEST(Reporters, NeverShowMoreOfASecretThanTheyWereGiven) {
  for (const std::string& format : format_names()) {
    const std::string out = render_sample(format);
    EXPECT_FALSE(contains(out, kFullToken)) << format;
    // GitHub annotations and compact lines carry the message, not the snippet or the secret.
    if (format != "github" && format != "compact") {
      EXPECT_TRUE(contains(out, kRedactedToken)) << format;
    }
    EXPECT_FALSE(contains(out, "5e1f")) << format << ": the secret hash is not part of any report";
  }
}

TEST(Reporters, ShowTheWholeSecretWhenGivenIt) {
  Finding f = sample_findings()[3];
  f.secret = std::string(kFullToken);
  f.snippet = "TWILIO_AUTH_TOKEN = \"" + std::string(kFullToken) + "\"";
  const Json doc = Json::parse(render("json", {f}, {}, sample_context()));
  EXPECT_EQ(doc["findings"][0]["secret"], std::string(kFullToken));
  EXPECT_EQ(doc["findings"][0]["snippet"], f.snippet);
  EXPECT_TRUE(contains(render("text", {f}, {}, sample_context()), kFullToken));
  EXPECT_TRUE(contains(render("sarif", {f}, {}, sample_context()), kFullToken));
}

// ---- --verify outcomes: in every format on the findings that were checked, absent elsewhere.

// The sample with the Auth Token verified live (and raised to critical, as the CLI does) and the API
// key secret verified with a 401, which for a key is never plain "invalid".
std::vector<Finding> verified_findings() {
  std::vector<Finding> out = sample_findings();
  for (Finding& f : out) {
    if (f.rule_id == "twilio-auth-token") {
      f.severity = Severity::kCritical;
      f.verification = model::Verification{model::VerificationStatus::kLive, 200, 0, ""};
    } else if (f.rule_id == "twilio-api-key-secret") {
      f.verification = model::Verification{model::VerificationStatus::kInvalid, 401, 20003,
                                           "invalid, or restricted with no access to the probed resource"};
    } else if (f.rule_id == "twilio-credential-url") {
      f.verification = model::Verification{model::VerificationStatus::kIndeterminate, 0, 0,
                                           "request failed: Could not resolve host"};
    }
  }
  return out;
}

std::string render_verified(std::string_view format, bool color = false) {
  return render(format, verified_findings(), sample_stats(), sample_context(color));
}

const Finding& by_rule(const std::vector<Finding>& findings, std::string_view rule_id) {
  return *std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule_id == rule_id; });
}

TEST(Verification, JsonAddsTheOutcomeAfterTheFixedKeysOnlyWhereVerified) {
  const Json doc = Json::parse(render_verified("json"));
  for (const Json& f : doc["findings"]) {
    if (f["rule_id"] == "twilio-account-sid") {
      EXPECT_FALSE(f.contains("verification"));
      continue;
    }
    ASSERT_TRUE(f.contains("verification")) << f["rule_id"];
    std::vector<std::string> keys;
    for (auto it = f.begin(); it != f.end(); ++it) keys.push_back(it.key());
    EXPECT_EQ(keys.back(), "verification") << "an addition comes after the fixed keys";
    std::vector<std::string> inner;
    for (auto it = f["verification"].begin(); it != f["verification"].end(); ++it) inner.push_back(it.key());
    EXPECT_EQ(inner, (std::vector<std::string>{"status", "http_status", "twilio_code", "detail"}));
    if (f["rule_id"] == "twilio-auth-token") {
      EXPECT_EQ(f["verification"], (Json{{"status", "live"}, {"http_status", 200}, {"twilio_code", nullptr}, {"detail", ""}}));
      EXPECT_EQ(f["severity"], "critical");
    } else if (f["rule_id"] == "twilio-api-key-secret") {
      EXPECT_EQ(f["verification"]["status"], "invalid");
      EXPECT_EQ(f["verification"]["http_status"], 401);
      EXPECT_EQ(f["verification"]["twilio_code"], 20003);
      EXPECT_EQ(f["verification"]["detail"], "invalid, or restricted with no access to the probed resource");
    } else {
      EXPECT_EQ(f["verification"]["status"], "indeterminate");
      EXPECT_EQ(f["verification"]["http_status"], nullptr) << "no response: null, not 0";
    }
  }
  // Without --verify nothing changes: no finding has the key.
  // (The document is named: a range-for over a temporary's member would read freed memory.)
  const Json plain = Json::parse(render_sample("json"));
  for (const Json& f : plain["findings"]) EXPECT_FALSE(f.contains("verification"));
}

TEST(Verification, SarifPutsTheOutcomeInResultProperties) {
  const Json doc = Json::parse(render_verified("sarif"));
  size_t verified = 0;
  for (const Json& r : doc["runs"][0]["results"]) {
    if (r["ruleId"] == "twilio-account-sid") {
      EXPECT_FALSE(r["properties"].contains("verification"));
      continue;
    }
    ++verified;
    const Json& v = r["properties"]["verification"];
    if (r["ruleId"] == "twilio-auth-token") {
      EXPECT_EQ(v, (Json{{"status", "live"}, {"http_status", 200}, {"twilio_code", nullptr}, {"detail", ""}}));
      EXPECT_EQ(r["level"], "error");
    } else if (r["ruleId"] == "twilio-api-key-secret") {
      EXPECT_EQ(v["status"], "invalid");
      EXPECT_EQ(v["twilio_code"], 20003);
    }
  }
  EXPECT_EQ(verified, 3u);
}

TEST(Verification, TextShowsAVerifiedLineUnderTheFinding) {
  const std::string text = render_verified("text");
  EXPECT_TRUE(contains(text, "    verified: live (HTTP 200)\n")) << text;
  EXPECT_TRUE(contains(text,
                       "    verified: invalid (HTTP 401, Twilio error 20003): invalid, or restricted with no access to "
                       "the probed resource\n"));
  EXPECT_TRUE(contains(text, "    verified: indeterminate: request failed: Could not resolve host\n"));
  // The line sits between the message and the fix of its own finding.
  const size_t message = text.find("Twilio Auth Token assigned to TWILIO_AUTH_TOKEN\n");
  const size_t verified = text.find("verified: live (HTTP 200)");
  const size_t fix = text.find("fix: Load the token from the environment");
  EXPECT_LT(message, verified);
  EXPECT_LT(verified, fix);
  const std::vector<std::string> lines = lines_of(text);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "    verified: live (HTTP 200)"), 1);
  EXPECT_FALSE(contains(render_sample("text"), "verified:"));
  // In colour, live is bold red.
  EXPECT_TRUE(contains(render_verified("text", true),
                       "\x1b[1;31mverified:\x1b[0m live (HTTP 200)"));
}

TEST(Verification, GithubAddsTheOutcomeToTheMessage) {
  const std::vector<std::string> lines = lines_of(render_verified("github"));
  EXPECT_EQ(lines[3],
            "::error file=src/config.py,line=3,col=22,endLine=3,endColumn=54,title=twilio-auth-token::"
            "[critical] Twilio Auth Token assigned to TWILIO_AUTH_TOKEN%0Averified: live (HTTP 200)%0Afix: Load the "
            "token from the environment (os.environ[\"TWILIO_AUTH_TOKEN\"]) and rotate it.");
  EXPECT_TRUE(contains(lines[0], "%0Averified: invalid (HTTP 401, Twilio error 20003): invalid, or restricted"));
  EXPECT_FALSE(contains(lines[2], "verified:")) << "the identifier was not verified";
}

TEST(Verification, JunitListsTheOutcomeInTheFailureBody) {
  const XmlElement root = parse_xml(render_verified("junit"));
  const std::vector<const XmlElement*> cases = root.all("testsuite")[0]->all("testcase");
  const XmlElement& config = *cases[2]->all("failure")[0];
  EXPECT_TRUE(contains(config.text, "  verified: live (HTTP 200)\n")) << config.text;
  EXPECT_EQ(config.attributes.at("type"), "twilio-auth-token");
  const XmlElement& history = *cases[0]->all("failure")[0];
  EXPECT_TRUE(contains(history.text, "  verified: invalid (HTTP 401, Twilio error 20003)"));
}

TEST(Verification, NoFormatShowsTheSecretBecauseOfIt) {
  for (const std::string& format : format_names()) {
    const std::string out = render_verified(format);
    EXPECT_FALSE(contains(out, kFullToken)) << format;
  }
  EXPECT_EQ(by_rule(verified_findings(), "twilio-auth-token").secret, kRedactedToken);
}

// ---- Hostile bytes from scanned files

TEST(Reporters, InvalidUtf8AndControlCharactersNeverBreakAFormat) {
  Finding f = sample_findings()[3];
  f.origin.path = "evil\n::error::x&<b>\".py";
  f.origin.relative = f.origin.path;
  f.snippet = "TOKEN = \"9f3c…\" \xff\xfe \x1b[31mred\x1b[0m \x07 \xe2\x80\xae";
  f.message = "bad \xc3\x28 byte";

  Json json;
  ASSERT_NO_THROW(json = Json::parse(render("json", {f}, {}, sample_context())));
  EXPECT_EQ(json["findings"][0]["path"], f.origin.path);
  Json sarif;
  ASSERT_NO_THROW(sarif = Json::parse(render("sarif", {f}, {}, sample_context())));
  EXPECT_EQ(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "evil%0A%3A%3Aerror%3A%3Ax%26%3Cb%3E%22.py");

  const std::string text = render("text", {f}, {}, sample_context());
  EXPECT_FALSE(contains(text, "\x1b"));
  EXPECT_FALSE(contains(text, "\x07"));
  EXPECT_FALSE(contains(text, "\xe2\x80\xae"));
  EXPECT_EQ(valid_utf8(text), text);
  EXPECT_TRUE(contains(text, "evil\\x0A::error::x&<b>\".py:3:22"));

  const std::string github = render("github", {f}, {}, sample_context());
  const std::vector<std::string> lines = lines_of(github);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(starts_with(lines[0], "::error file=evil%0A%3A%3Aerror%3A%3Ax&<b>\".py,line=3,")) << lines[0];
  EXPECT_EQ(valid_utf8(github), github);

  const std::string junit = render("junit", {f}, {}, sample_context());
  const XmlElement root = parse_xml(junit);
  EXPECT_EQ(root.all("testsuite")[0]->all("testcase")[0]->attributes.at("name"), f.origin.path);
}

// ---- Helpers

TEST(Escape, DecodesUtf8StrictlyOneBadByteAtATime) {
  EXPECT_EQ(valid_utf8("plain"), "plain");
  EXPECT_EQ(valid_utf8("café 😀"), "café 😀");
  EXPECT_EQ(valid_utf8("a\xff" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(valid_utf8("\xc0\xaf"), "\xEF\xBF\xBD\xEF\xBF\xBD");      // overlong '/'
  EXPECT_EQ(valid_utf8("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(valid_utf8("\xe2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");      // truncated
  EXPECT_EQ(valid_utf8("\xf4\x90\x80\x80").substr(0, 3), "\xEF\xBF\xBD");  // above U+10FFFF
}

TEST(Escape, PrintableEscapesControlsAndBidiOverrides) {
  EXPECT_EQ(printable("a\tb"), "a\tb");
  EXPECT_EQ(printable("a\nb\x1b[0m\x7f"), "a\\x0Ab\\x1B[0m\\x7F");
  EXPECT_EQ(printable("\xc2\x9b"), "\\u{9B}");
  EXPECT_EQ(printable("x\xe2\x80\xaey"), "x\\u{202E}y");
  EXPECT_EQ(printable("é"), "é");
}

TEST(Escape, XmlEscapesMarkupAndReplacesForbiddenCharacters) {
  EXPECT_EQ(xml_attribute("a&b<c>\"d'e"), "a&amp;b&lt;c&gt;&quot;d&apos;e");
  EXPECT_EQ(xml_attribute("l1\nl2\tx\r"), "l1&#10;l2&#9;x&#13;");
  EXPECT_EQ(xml_text("l1\nl2\tx\r"), "l1\nl2\tx&#13;");
  EXPECT_EQ(xml_text("say \"hi\" & 'bye' <b>"), "say \"hi\" &amp; 'bye' &lt;b&gt;");
  EXPECT_EQ(xml_text("a\x01" "b\xff"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  EXPECT_EQ(xml_text("\xef\xbf\xbe"), "\xEF\xBF\xBD");  // U+FFFE is not an XML character
}

TEST(Escape, UriPathKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(uri_escape_path("src/a-b_c.d~e/F9.py"), "src/a-b_c.d~e/F9.py");
  EXPECT_EQ(uri_escape_path("a b,c%d#e?f"), "a%20b%2Cc%25d%23e%3Ff");
  EXPECT_EQ(uri_escape_path("é"), "%C3%A9");
}

TEST(Escape, Utf16LengthAndCharacterBoundaries) {
  EXPECT_EQ(utf16_length("abc"), 3u);
  EXPECT_EQ(utf16_length("→"), 1u);
  EXPECT_EQ(utf16_length("😀"), 2u);
  EXPECT_EQ(utf16_length("\xff"), 1u);
  const std::string s = "a😀b";
  EXPECT_EQ(utf8_floor(s, 0), 0u);
  EXPECT_EQ(utf8_floor(s, 1), 1u);
  EXPECT_EQ(utf8_floor(s, 3), 1u);
  EXPECT_EQ(utf8_floor(s, 5), 5u);
  EXPECT_EQ(utf8_floor(s, 99), s.size());
}

TEST(Summary, HumanUnitsAndPhrases) {
  EXPECT_EQ(human_bytes(0), "0 B");
  EXPECT_EQ(human_bytes(1023), "1023 B");
  EXPECT_EQ(human_bytes(1536), "1.5 KiB");
  EXPECT_EQ(human_bytes(10 * 1024 * 1024), "10.0 MiB");
  EXPECT_EQ(human_bytes(3ull << 30), "3.0 GiB");
  EXPECT_EQ(human_duration(15), "15 ms");
  EXPECT_EQ(human_duration(1250), "1.25 s");
  EXPECT_EQ(human_duration(125000), "2m05s");
  EXPECT_EQ(count_noun(1, "file"), "1 file");
  EXPECT_EQ(count_noun(0, "file"), "0 files");
  EXPECT_EQ(short_commit(kCommitId), "0123456");
  EXPECT_EQ(short_date("2026-03-02T10:11:12+01:00"), "2026-03-02");
  EXPECT_EQ(findings_phrase(SeverityCounts{}), "no findings");
  EXPECT_EQ(findings_phrase(count_severities(sample_findings())), "4 findings (2 critical, 1 high, 1 info)");
}

}  // namespace
}  // namespace twilint::report
