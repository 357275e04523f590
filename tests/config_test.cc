// Tests for the user's .twilint.toml: every key, every error with its line, the built-in
// production/client path sets, and the `twilint init` template.
#include "config/config.h"

#include <filesystem>
#include <random>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "config/path_set.h"
#include "config/values.h"
#include "support/test_support.h"
#include "util/sha256.h"

namespace twilint::config {
namespace {

using twilint::testing::TempDir;

Config parse_ok(const std::string& text, const std::string& name = "/repo/.twilint.toml") {
  util::Expected<Config> c = parse_config(text, name);
  if (!c) {
    std::string all;
    for (const util::Diagnostic& d : c.errors()) all += d.to_string() + "\n";
    ADD_FAILURE() << "unexpected config errors:\n" << all;
    return default_config();
  }
  return *c;
}

util::Diagnostics parse_errors(const std::string& text, const std::string& name = "cfg.toml") {
  util::Expected<Config> c = parse_config(text, name);
  EXPECT_FALSE(c.ok()) << "config was accepted:\n" << text;
  return c.ok() ? util::Diagnostics{} : c.errors();
}

std::vector<std::string> patterns(const std::vector<util::Glob>& globs) {
  std::vector<std::string> out;
  for (const util::Glob& g : globs) out.push_back(g.pattern());
  return out;
}

std::string dump(const util::Diagnostics& ds) {
  std::string out;
  for (const util::Diagnostic& d : ds) out += d.to_string() + "\n";
  return out;
}

// ---------------------------------------------------------------- every key

TEST(ConfigParse, EveryKeyIsParsed) {
  const std::string text = R"(
[scan]
exclude = ["vendor/", "*.min.js"]
max_file_size = "2MiB"

[allowlist]
paths = ["docs/**/*.md"]
regexes = ['^SK0{32}$', 'EXAMPLE']
stopwords = ["Example", "DUMMY"]

[rules]
disable = ["twilio-account-sid"]
extra = ["rules/local.toml", "/etc/twilint/org.toml"]

[severity]
twilio-api-key-sid = "low"
twilio-auth-token = "critical"

[production]
paths = ["deploy/live/"]

[client]
extra_paths = ["webapp/"]

[verify]
endpoint = "http://127.0.0.1:8080/"

[cache]
dir = "../.twilint-cache"
)";
  Config c = parse_ok(text, "/repo/.twilint.toml");
  EXPECT_EQ(patterns(c.exclude), (std::vector<std::string>{"vendor/", "*.min.js"}));
  ASSERT_TRUE(c.max_file_size.has_value());
  EXPECT_EQ(*c.max_file_size, 2u * 1024 * 1024);
  EXPECT_EQ(patterns(c.allow_paths), (std::vector<std::string>{"docs/**/*.md"}));
  ASSERT_EQ(c.allow_regexes.size(), 2u);
  EXPECT_TRUE(RE2::PartialMatch("SK00000000000000000000000000000000", *c.allow_regexes[0]));
  EXPECT_FALSE(RE2::PartialMatch("SK00000000000000000000000000000001", *c.allow_regexes[0]));
  EXPECT_TRUE(RE2::PartialMatch("xxEXAMPLExx", *c.allow_regexes[1]));
  EXPECT_EQ(c.stopwords, (std::vector<std::string>{"example", "dummy"}));
  EXPECT_EQ(c.disabled_rules, (std::vector<std::string>{"twilio-account-sid"}));
  EXPECT_EQ(c.extra_rule_files, (std::vector<std::string>{"/repo/rules/local.toml", "/etc/twilint/org.toml"}));
  EXPECT_EQ(c.severity_overrides.size(), 2u);
  EXPECT_EQ(c.severity_overrides.at("twilio-api-key-sid"), model::Severity::kLow);
  EXPECT_EQ(c.severity_overrides.at("twilio-auth-token"), model::Severity::kCritical);
  EXPECT_EQ(patterns(c.production_paths), (std::vector<std::string>{"deploy/live/"}));
  std::vector<std::string> client = default_client_paths();
  client.push_back("webapp/");
  EXPECT_EQ(patterns(c.client_paths), client);
  EXPECT_EQ(c.verify_endpoint, "http://127.0.0.1:8080");
  EXPECT_EQ(c.cache_dir, "/.twilint-cache");
  EXPECT_EQ(c.file, "/repo/.twilint.toml");
  EXPECT_EQ(c.digest, util::sha256_hex(text));
  ASSERT_EQ(c.rule_refs.size(), 3u);
}

TEST(ConfigParse, EmptyFileGivesDefaults) {
  Config c = parse_ok("", "x.toml");
  Config d = default_config();
  EXPECT_TRUE(c.exclude.empty());
  EXPECT_FALSE(c.max_file_size.has_value());
  EXPECT_TRUE(c.allow_paths.empty() && c.allow_regexes.empty() && c.stopwords.empty());
  EXPECT_TRUE(c.disabled_rules.empty() && c.extra_rule_files.empty() && c.severity_overrides.empty());
  EXPECT_EQ(patterns(c.production_paths), default_production_paths());
  EXPECT_EQ(patterns(c.client_paths), default_client_paths());
  EXPECT_EQ(c.verify_endpoint, "https://api.twilio.com");
  EXPECT_EQ(c.cache_dir, "");
  EXPECT_EQ(c.digest, util::sha256_hex(""));
  EXPECT_EQ(c.file, "x.toml");
  EXPECT_EQ(d.file, "");
  EXPECT_EQ(d.digest, "");
}

TEST(ConfigParse, DigestChangesWithText) {
  Config a = parse_ok("[scan]\nexclude = [\"a\"]\n");
  Config b = parse_ok("[scan]\nexclude = [\"b\"]\n");
  EXPECT_NE(a.digest, b.digest);
  EXPECT_EQ(a.digest.size(), 64u);
}

TEST(ConfigParse, DottedKeysAndInlineTablesWork) {
  Config c = parse_ok("scan.exclude = [\"x/\"]\nseverity = { twilio-auth-token = \"high\" }\n");
  EXPECT_EQ(patterns(c.exclude), (std::vector<std::string>{"x/"}));
  EXPECT_EQ(c.severity_overrides.at("twilio-auth-token"), model::Severity::kHigh);
}

TEST(ConfigParse, ByteOrderMarkIsAccepted) {
  Config c = parse_ok("\xEF\xBB\xBF[scan]\nmax_file_size = 100\n");
  EXPECT_EQ(c.max_file_size.value_or(0), 100u);
}

TEST(ConfigParse, MaxFileSizeAcceptsIntegersAndSizeStrings) {
  struct Case {
    std::string value;
    uint64_t bytes;
  };
  const std::vector<Case> cases = {
      {"1", 1},
      {"1048576", 1048576},
      {"\"100\"", 100},
      {"\"100B\"", 100},
      {"\"512KB\"", 512000},
      {"\"512kb\"", 512000},
      {"\"512KiB\"", 512 * 1024},
      {"\"1K\"", 1024},
      {"\"1M\"", 1024 * 1024},
      {"\"10MiB\"", 10 * 1024 * 1024},
      {"\"10MB\"", 10000000},
      {"\"1.5M\"", 1572864},
      {"\"1.5 GiB\"", 1610612736},
      {"\"2G\"", 2147483648ull},
      {"\"1GB\"", 1000000000},
      {"\"1TiB\"", 1099511627776ull},
      {"\" 7 mib \"", 7 * 1024 * 1024},
  };
  for (const Case& c : cases) {
    Config cfg = parse_ok("[scan]\nmax_file_size = " + c.value + "\n");
    EXPECT_EQ(cfg.max_file_size.value_or(0), c.bytes) << c.value;
  }
}

TEST(ConfigValues, ByteSizeRejectsNonsense) {
  for (const char* bad : {"", "MiB", "ten", "10 parsecs", "1.", ".5M", "-1", "1e6", "0", "0KB", "0.0001K",
                          "99999999999999999999", "20000000T", "1,000"}) {
    util::Expected<uint64_t> r = parse_byte_size(bad);
    EXPECT_FALSE(r.ok()) << "'" << bad << "' gave " << (r.ok() ? *r : 0);
  }
}

TEST(ConfigValues, EndpointNormalisation) {
  EXPECT_EQ(*normalize_endpoint("https://api.twilio.com"), "https://api.twilio.com");
  EXPECT_EQ(*normalize_endpoint("https://api.twilio.com/"), "https://api.twilio.com");
  EXPECT_EQ(*normalize_endpoint("http://127.0.0.1:8080/proxy/twilio//"), "http://127.0.0.1:8080/proxy/twilio");
  EXPECT_EQ(*normalize_endpoint("http://[::1]:9000"), "http://[::1]:9000");
  for (const char* bad : {"api.twilio.com", "ftp://x", "https://", "https:///path", "http://host:0", "http://host:65536",
                          "http://host:port", "http://host:", "https://user:pw@api.twilio.com", "https://a b",
                          "https://x?y=1", "https://x#frag", "http://[::1", "HTTPS://x"}) {
    EXPECT_FALSE(normalize_endpoint(bad).ok()) << bad;
  }
}

TEST(ConfigParse, ProductionAndClientPathsReplaceOrExtend) {
  Config replaced = parse_ok("[production]\npaths = [\"live/\"]\n[client]\npaths = [\"ui/\"]\n");
  EXPECT_EQ(patterns(replaced.production_paths), (std::vector<std::string>{"live/"}));
  EXPECT_EQ(patterns(replaced.client_paths), (std::vector<std::string>{"ui/"}));
  EXPECT_FALSE(util::any_matches(replaced.production_paths, ".env.production"));
  EXPECT_TRUE(util::any_matches(replaced.production_paths, "live/app.env"));

  Config extended = parse_ok("[production]\nextra_paths = [\"live/\"]\n");
  EXPECT_TRUE(util::any_matches(extended.production_paths, ".env.production"));
  EXPECT_TRUE(util::any_matches(extended.production_paths, "live/app.env"));
  EXPECT_EQ(extended.production_paths.size(), default_production_paths().size() + 1);

  Config both = parse_ok("[client]\npaths = [\"ui/\"]\nextra_paths = [\"kiosk/\"]\n");
  EXPECT_EQ(patterns(both.client_paths), (std::vector<std::string>{"ui/", "kiosk/"}));

  Config none = parse_ok("[production]\npaths = []\n");
  EXPECT_TRUE(none.production_paths.empty());
}

TEST(ConfigParse, RelativePathsResolveAgainstTheConfigDirectory) {
  Config c = parse_ok("[rules]\nextra = [\"a.toml\", \"../shared/b.toml\", \"./c/d.toml\"]\n[cache]\ndir = \"cache\"\n",
                      "/srv/repo/.twilint.toml");
  EXPECT_EQ(c.extra_rule_files,
            (std::vector<std::string>{"/srv/repo/a.toml", "/srv/shared/b.toml", "/srv/repo/c/d.toml"}));
  EXPECT_EQ(c.cache_dir, "/srv/repo/cache");
  // A bare file name (config in the current directory) leaves paths relative to it.
  Config bare = parse_ok("[rules]\nextra = [\"a.toml\"]\n", ".twilint.toml");
  EXPECT_EQ(bare.extra_rule_files, (std::vector<std::string>{"a.toml"}));
}

TEST(ConfigParse, CacheDirExpandsHome) {
  const char* home = std::getenv("HOME");
  ASSERT_NE(home, nullptr);
  Config c = parse_ok("[cache]\ndir = \"~/caches/twilint\"\n");
  EXPECT_EQ(c.cache_dir, (std::filesystem::path(home) / "caches/twilint").lexically_normal().string());
  EXPECT_EQ(parse_ok("[cache]\ndir = \"\"\n").cache_dir, "");
}

// ---------------------------------------------------------------- errors, each with its line

struct ErrorCase {
  std::string name;
  std::string text;
  int line;
  std::string message_part;
};

class ConfigError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ConfigError, IsReportedAtItsLine) {
  const ErrorCase& c = GetParam();
  util::Diagnostics errors = parse_errors(c.text, "conf/.twilint.toml");
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_EQ(errors[0].file, "conf/.twilint.toml");
  EXPECT_EQ(errors[0].line, c.line) << errors[0].to_string();
  EXPECT_NE(errors[0].message.find(c.message_part), std::string::npos) << errors[0].to_string();
  EXPECT_EQ(errors[0].message.find('\n'), std::string::npos) << "message must be one line";
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, ConfigError,
    ::testing::Values(
        ErrorCase{"UnknownTable", "[scan]\nexclude = []\n\n[scna]\nx = 1\n", 4, "unknown table [scna]"},
        ErrorCase{"UnknownTableSuggestion", "\n[allowlst]\n", 2, "did you mean 'allowlist'"},
        ErrorCase{"UnknownTopLevelKey", "\nverbose = true\n", 2, "unknown top-level key 'verbose'"},
        ErrorCase{"UnknownKey", "[scan]\nexclude = []\nexcludes = [\"x\"]\n", 3,
                  "unknown key 'excludes' in [scan] (did you mean 'exclude'?)"},
        ErrorCase{"UnknownKeyInAllowlist", "[allowlist]\n\nregex = [\"x\"]\n", 3, "did you mean 'regexes'"},
        ErrorCase{"TableNotATable", "\nscan = 3\n", 2, "'scan' must be a table"},
        ErrorCase{"ArrayOfTables", "[[scan]]\nexclude = []\n", 1, "'scan' must be a table"},
        ErrorCase{"ExcludeNotArray", "[scan]\n\nexclude = \"x\"\n", 3, "[scan] exclude must be an array of strings"},
        ErrorCase{"ExcludeElementNotString", "[scan]\nexclude = [\n  \"a\",\n  3,\n]\n", 4, "must contain only strings"},
        ErrorCase{"BadGlobBracket", "[scan]\nexclude = [\n  \"ok/\",\n  \"src/[a\",\n]\n", 4,
                  "bad glob in [scan] exclude: unclosed '['"},
        ErrorCase{"BadGlobBrace", "[allowlist]\npaths = [\"{a,b\"]\n", 2, "bad glob in [allowlist] paths: unclosed '{'"},
        ErrorCase{"BadGlobEmpty", "[production]\npaths = [\"\"]\n", 2, "bad glob in [production] paths: empty glob"},
        ErrorCase{"BadGlobInExtraPaths", "[client]\n\nextra_paths = [\"a}\"]\n", 3, "unmatched '}'"},
        ErrorCase{"BadRegex", "[allowlist]\nregexes = [\n  'fine',\n  '(unclosed',\n]\n", 4,
                  "bad regex '(unclosed' in [allowlist] regexes: missing ): (unclosed"},
        ErrorCase{"BadRegexRepetition", "[allowlist]\nregexes = ['a**']\n", 2, "bad repetition operator"},
        ErrorCase{"RegexesNotArray", "[allowlist]\nregexes = 'x'\n", 2, "[allowlist] regexes must be an array"},
        ErrorCase{"EmptyStopword", "[allowlist]\nstopwords = [\"ok\", \" \"]\n", 2, "must not contain an empty string"},
        ErrorCase{"StopwordsWrongType", "[allowlist]\nstopwords = [1]\n", 2, "must contain only strings"},
        ErrorCase{"UnknownSeverity", "[severity]\ntwilio-auth-token = \"high\"\ntwilio-api-key-sid = \"urgent\"\n", 3,
                  "unknown severity 'urgent' for rule 'twilio-api-key-sid'"},
        ErrorCase{"SeveritySuggestion", "[severity]\nx = \"hgih\"\n", 2, "did you mean 'high'"},
        ErrorCase{"SeverityCaseMatters", "[severity]\nx = \"High\"\n", 2, "unknown severity 'High'"},
        ErrorCase{"SeverityNotString", "[severity]\n\nx = 3\n", 3, "[severity] x must be a string"},
        ErrorCase{"DisableNotArray", "[rules]\ndisable = \"twilio-auth-token\"\n", 2, "[rules] disable must be an array"},
        ErrorCase{"DisableEmptyId", "[rules]\ndisable = [\"\"]\n", 2, "[rules] disable must not contain an empty string"},
        ErrorCase{"ExtraWrongType", "[rules]\nextra = [true]\n", 2, "[rules] extra must contain only strings"},
        ErrorCase{"MaxFileSizeBadString", "[scan]\nmax_file_size = \"10 parsecs\"\n", 2, "bad size '10 parsecs'"},
        ErrorCase{"MaxFileSizeNegative", "[scan]\n\nmax_file_size = -5\n", 3, "at least 1 byte"},
        ErrorCase{"MaxFileSizeZero", "[scan]\nmax_file_size = 0\n", 2, "at least 1 byte"},
        ErrorCase{"MaxFileSizeFloat", "[scan]\nmax_file_size = 1.5\n", 2, "must be an integer number of bytes or a size"},
        ErrorCase{"MaxFileSizeTooLarge", "[scan]\nmax_file_size = \"99999999T\"\n", 2, "too large"},
        ErrorCase{"EndpointScheme", "[verify]\nendpoint = \"api.twilio.com\"\n", 2, "must start with http:// or https://"},
        ErrorCase{"EndpointCredentials", "[verify]\n\n\nendpoint = \"https://u:p@proxy\"\n", 4, "user:password@"},
        ErrorCase{"EndpointPort", "[verify]\nendpoint = \"http://127.0.0.1:99999\"\n", 2, "port out of range"},
        ErrorCase{"EndpointNotString", "[verify]\nendpoint = 8080\n", 2, "[verify] endpoint must be a string"},
        ErrorCase{"CacheDirNotString", "[cache]\ndir = []\n", 2, "[cache] dir must be a string"},
        ErrorCase{"SyntaxError", "[scan]\nexclude = [\"a\"\nmax_file_size = 1\n", 3,
                  "TOML syntax error: missing array separator"},
        ErrorCase{"SyntaxErrorBadValue", "[scan]\n\n\nmax_file_size = = 1\n", 4, "TOML syntax error"},
        ErrorCase{"DuplicateKey", "[scan]\nmax_file_size = 1\nmax_file_size = 2\n", 3,
                  "TOML syntax error: value (\"max_file_size\") already exists"},
        ErrorCase{"DuplicateTable", "[scan]\n[rules]\n[scan]\n", 3, "TOML syntax error"},
        ErrorCase{"UnterminatedString", "[verify]\nendpoint = \"http://x\n", 2, "TOML syntax error"}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) { return info.param.name; });

TEST(ConfigErrors, AllProblemsAreReportedTogetherInFileOrder) {
  const std::string text = R"([scan]
exclude = "vendor"
max_file_size = "lots"

[allowlist]
paths = ["ok", "[bad"]
regexes = ["(x"]
colour = "blue"

[severity]
twilio-auth-token = "severe"

[verify]
endpoint = "ftp://example.com"

[mystery]
)";
  util::Diagnostics errors = parse_errors(text, ".twilint.toml");
  ASSERT_EQ(errors.size(), 8u) << dump(errors);
  std::vector<int> lines;
  for (const util::Diagnostic& d : errors) lines.push_back(d.line);
  EXPECT_EQ(lines, (std::vector<int>{2, 3, 6, 7, 8, 11, 14, 16})) << dump(errors);
  EXPECT_EQ(errors[0].to_string(), ".twilint.toml:2: [scan] exclude must be an array of strings, e.g. exclude = [\"...\"]");
  EXPECT_NE(errors[4].message.find("unknown key 'colour' in [allowlist]"), std::string::npos);
  EXPECT_NE(errors[7].message.find("unknown table [mystery]"), std::string::npos);
}

TEST(ConfigErrors, SeveralErrorsInOneArrayEachGetTheirLine) {
  util::Diagnostics errors = parse_errors("[scan]\nexclude = [\n  \"[a\",\n  \"ok\",\n  \"{b\",\n  7,\n]\n");
  ASSERT_EQ(errors.size(), 3u) << dump(errors);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[1].line, 5);
  EXPECT_EQ(errors[2].line, 6);
}

TEST(ConfigErrors, LoadReportsMissingAndUnreadableFiles) {
  TempDir dir;
  util::Expected<Config> missing = load_config_file((dir.path() / "nope.toml").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.errors()[0].file, (dir.path() / "nope.toml").string());
  EXPECT_NE(missing.errors()[0].message.find("not found"), std::string::npos);

  util::Expected<Config> directory = load_config_file(dir.str());
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.errors()[0].message.find("directory"), std::string::npos);
}

TEST(ConfigLoad, ReadsAFileAndResolvesAgainstItsDirectory) {
  TempDir dir;
  std::string text = "[rules]\nextra = [\"more.toml\"]\n[severity]\nx = \"nope\"\n";
  dir.write("sub/.twilint.toml", "[rules]\nextra = [\"more.toml\"]\n");
  util::Expected<Config> c = load_config_file((dir.path() / "sub/.twilint.toml").string());
  ASSERT_TRUE(c.ok()) << dump(c.errors());
  EXPECT_EQ(c->extra_rule_files, (std::vector<std::string>{(dir.path() / "sub/more.toml").string()}));
  EXPECT_EQ(c->file, (dir.path() / "sub/.twilint.toml").string());
  EXPECT_EQ(c->digest, util::sha256_hex("[rules]\nextra = [\"more.toml\"]\n"));

  dir.write("bad.toml", text);
  util::Expected<Config> bad = load_config_file((dir.path() / "bad.toml").string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors()[0].to_string(),
            (dir.path() / "bad.toml").string() +
                ":4: unknown severity 'nope' for rule 'x' in [severity]; expected info, low, medium, high or critical");
}

TEST(ConfigLoad, DiscoverConfigFileWalksUpToTheRepositoryRoot) {
  TempDir dir;
  dir.write("outer/.twilint.toml", "");  // above the repository: never used for paths inside it
  std::filesystem::create_directories(dir.path() / "outer/repo/.git");
  dir.write("outer/repo/.twilint.toml", "");
  dir.write("outer/repo/sub/deeper/file.txt", "");
  const std::string root_config = (dir.path() / "outer/repo/.twilint.toml").string();
  EXPECT_EQ(discover_config_file((dir.path() / "outer/repo").string()), root_config);
  EXPECT_EQ(discover_config_file((dir.path() / "outer/repo/sub").string()), root_config);
  EXPECT_EQ(discover_config_file((dir.path() / "outer/repo/sub/deeper/file.txt").string()), root_config);
  EXPECT_EQ(discover_config_file((dir.path() / "outer/repo/sub/deeper/").string()), root_config);
  dir.write("outer/repo/sub/.twilint.toml", "");  // the nearest one wins
  EXPECT_EQ(discover_config_file((dir.path() / "outer/repo/sub/deeper").string()),
            (dir.path() / "outer/repo/sub/.twilint.toml").string());
  std::filesystem::remove(dir.path() / "outer/repo/.twilint.toml");
  std::filesystem::remove(dir.path() / "outer/repo/sub/.twilint.toml");
  EXPECT_EQ(discover_config_file((dir.path() / "outer/repo/sub").string()), std::nullopt);  // stops at .git
  // Outside a repository the walk goes on up.
  dir.write("plain/a/b/file.txt", "");
  dir.write("plain/.twilint.toml", "");
  EXPECT_EQ(discover_config_file((dir.path() / "plain/a/b").string()), (dir.path() / "plain/.twilint.toml").string());
  std::filesystem::create_directories(dir.path() / "d/.twilint.toml/x");  // a directory is not a config
  dir.write("d/.git", "gitdir: elsewhere\n");                              // a linked worktree's .git file
  EXPECT_EQ(discover_config_file((dir.path() / "d").string()), std::nullopt);
}

TEST(ConfigRuleIds, UnknownIdsAreReportedWithTheirLines) {
  Config c = parse_ok("[rules]\ndisable = [\n  \"twilio-auth-token\",\n  \"twilio-auth-tokn\",\n]\n"
                      "[severity]\ntwilio-api-key-sid = \"low\"\nno-such-rule = \"high\"\n",
                      "cfg.toml");
  rules::RuleSet set;
  for (const char* id : {"twilio-auth-token", "twilio-api-key-sid"}) {
    rules::Rule r;
    r.id = id;
    set.rules.push_back(std::move(r));
  }
  util::Diagnostics errors = check_rule_ids(c, set);
  ASSERT_EQ(errors.size(), 2u) << dump(errors);
  std::sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  EXPECT_EQ(errors[0].to_string(),
            "cfg.toml:4: unknown rule id 'twilio-auth-tokn' in [rules] disable (did you mean 'twilio-auth-token'?)");
  EXPECT_EQ(errors[1].to_string(), "cfg.toml:8: unknown rule id 'no-such-rule' in [severity]");
  EXPECT_TRUE(check_rule_ids(parse_ok(""), set).empty());
}

// ---------------------------------------------------------------- built-in path sets

TEST(ConfigDefaults, AllCompile) {
  for (const std::string& p : default_production_paths()) EXPECT_TRUE(util::Glob::compile(p).ok()) << p;
  for (const std::string& p : default_client_paths()) EXPECT_TRUE(util::Glob::compile(p).ok()) << p;
  EXPECT_EQ(default_config().production_paths.size(), default_production_paths().size());
  EXPECT_EQ(default_config().client_paths.size(), default_client_paths().size());
}

TEST(ConfigDefaults, ProductionPaths) {
  const Config c = default_config();
  const std::vector<std::string> production = {
      ".env.production",
      ".env.prod",
      ".env.production.local",
      "services/api/.env.production",
      "api.prod.env",
      "config/app.production.env",
      "prod.env",
      "production.env",
      "config/environments/production.rb",
      "engines/billing/config/environments/production.rb",
      "production.yml",
      "config/production.yaml",
      "config/production.json",
      "production.toml",
      "production.ini",
      "production.cfg",
      "production.conf",
      "production.properties",
      "prod.yml",
      "config/prod.json",
      "settings.production.yml",
      "config.prod.json",
      "secrets.prod.yaml",
      "src/main/resources/application-prod.yml",
      "src/main/resources/application-production.properties",
      "application-prod-eu.yaml",
      "application-production.conf",
      "src/Web/appsettings.Production.json",
      "config/production.js",
      "mysite/settings/production.py",
      "settings_prod.py",
      "Dockerfile.prod",
      "k8s/prod/secret.yaml",
      "k8s/production/deployment.yml",
      "infra/k8s/prod-us/configmap.yaml",
      "kubernetes/prod/twilio-secret.yaml",
      "kustomize/overlays/prod/kustomization.yaml",
      "overlays/production/patch.yaml",
      "deploy/prod/app.yaml",
      "deployments/production/values.yaml",
      "charts/app/values-prod.yaml",
      "values.production.yml",
      "helm/values-production-eu.yaml",
      "docker-compose.prod.yml",
      "docker-compose.production.yaml",
      "compose.prod.yml",
      "serverless.prod.yml",
      "prod/main.tf",
      "terraform/prod/main.tf",
      "infra/environments/prod/twilio.tf",
      "terraform/production/modules/sms/variables.tf",
      "prod.tfvars",
      "production.tfvars.json",
      "terraform.prod.tfvars",
      "envs/prod/secrets.env",
      "ansible/inventories/production/group_vars/all.yml",
      "clusters/prod/apps/twilio.yaml",
      "deploy/prod/.env",
  };
  for (const std::string& path : production) {
    EXPECT_TRUE(util::any_matches(c.production_paths, path)) << "should be production: " << path;
  }
  const std::vector<std::string> not_production = {
      ".env",
      ".env.development",
      ".env.local",
      ".env.test",
      ".env.staging",
      ".env.example",
      ".env.preprod",
      "dev.env",
      "config/environments/development.rb",
      "config/environments/test.rb",
      "config/environments/staging.rb",
      "config/development.yml",
      "config/staging.json",
      "application.yml",
      "application-dev.yml",
      "application-staging.properties",
      "appsettings.json",
      "appsettings.Development.json",
      "values.yaml",
      "values-staging.yaml",
      "values-dev.yaml",
      "docker-compose.yml",
      "docker-compose.override.yml",
      "docker-compose.dev.yml",
      "serverless.yml",
      "k8s/staging/secret.yaml",
      "k8s/dev/deployment.yml",
      "overlays/dev/patch.yaml",
      "deploy/staging/app.yaml",
      "terraform/staging/main.tf",
      "terraform/modules/sms/main.tf",
      "modules/product-catalog/main.tf",
      "environments/preprod/main.tf",
      "environments/nonprod/main.tf",
      "staging.tfvars",
      "src/products/list.json",
      "src/prod_utils.py",
      "app/models/production_order.rb",
      "reproduction.yml",
      "src/app.py",
      "server/index.js",
      "README.md",
      "prod/README.md",
      "settings/dev.py",
      "Dockerfile",
  };
  for (const std::string& path : not_production) {
    EXPECT_FALSE(util::any_matches(c.production_paths, path)) << "should not be production: " << path;
  }
}

TEST(ConfigDefaults, ClientPaths) {
  const Config c = default_config();
  const std::vector<std::string> client = {
      "public/js/app.js",
      "public/index.html",
      "web/public/main.mjs",
      "src/main/resources/public/app.js",
      "static/js/call.js",
      "app/static/sms.ts",
      "www/js/index.js",
      "frontend/src/api.ts",
      "frontend/.env",
      "apps/frontend/src/twilio.js",
      "client/src/App.js",
      "client/index.ts",
      "src/components/Dialer.vue",
      "src/components/Call.js",
      "packages/web/src/components/Sms.ts",
      "src/pages/index.js",
      "src/pages/call/[id].tsx",
      "pages/about.js",
      "pages/apples.ts",
      "templates/index.html",
      "views/page.htm",
      "src/App.vue",
      "src/routes/Call.svelte",
      "src/Dialer.jsx",
      "src/Dialer.tsx",
      "android/app/src/main/java/com/acme/MainActivity.java",
      "android/app/build.gradle",
      "apps/mobile/android/app/src/main/java/com/acme/Voice.java",
      "app/src/main/java/com/acme/voice/VoiceActivity.kt",
      "mobile/app/src/main/kotlin/com/acme/Call.kt",
      "app/src/main/res/values/strings.xml",
      "app/src/main/AndroidManifest.xml",
      "ios/Runner/AppDelegate.swift",
      "ios/Podfile",
      "Sources/App/ViewController.swift",
      "VoiceQuickstart/ViewController.m",
      "Classes/Bridge.mm",
      "Config/Release.xcconfig",
      "App/Info.plist",
      "lib/main.dart",
      "App.js",
      "App.tsx",
      "app.config.js",
  };
  for (const std::string& path : client) {
    EXPECT_TRUE(util::any_matches(c.client_paths, path)) << "should be client: " << path;
  }
  const std::vector<std::string> not_client = {
      "server/index.js",
      "server.js",
      "app.js",
      "index.js",
      "bin/www",
      "api/send-sms.js",
      "functions/sms.js",
      "netlify/functions/sms.ts",
      "backend/app.py",
      "backend/src/index.ts",
      "src/server.ts",
      "src/index.ts",
      "src/pages/api/send.ts",
      "pages/api/sms.js",
      "src/pages/api/voice/token.js",
      "src/main/java/com/acme/SmsController.java",
      "service/src/main/java/com/acme/TwilioConfig.java",
      "src/main/kotlin/com/acme/Application.kt",
      "src/main/resources/application.yml",
      "app/controllers/sms_controller.rb",
      "app/services/twilio_client.py",
      "lib/twilio.rb",
      "src/client/http.ts",
      "sdk/client.py",
      "drivers/android/binder.c",
      "include/linux/android/binder.h",
      "public/index.php",
      "www/index.php",
      "static/css/site.css",
      "main.go",
      "Program.cs",
      "src/routes/api/+server.ts",
      "routes/sms.js",
      ".env",
      "config/production.yml",
  };
  for (const std::string& path : not_client) {
    EXPECT_FALSE(util::any_matches(c.client_paths, path)) << "should not be client: " << path;
  }
}

// ---------------------------------------------------------------- PathSet == Glob

// Paths built from segments that exercise every default pattern and the glob edge cases.
std::vector<std::string> sample_paths() {
  const std::vector<std::string> segments = {
      "prod", "production", "prod-eu", "prod2", "products", "preprod", "k8s", "kubernetes", "overlays",
      "deploy", "envs", "environments", "config", "settings", "src", "pages", "api", "apis", "a", "ap",
      "public", "static", "www", "frontend", "client", "components", "app", "main", "java", "kotlin", "res",
      "android", "ios", "terraform", "helm", "b.js", "x.tf", "vars.tfvars", ".env", ".env.production",
      ".env.prod.local", "values-prod.yaml", "docker-compose.prod.yml", "production.yml", "prod.json",
      "application-prod.yml", "index.html", "App.tsx", "Main.kt", "Info.plist", "main.dart", "x.min.js",
      "[x]", "{a}", "a,b", "a*b", "\xc3\xbc.js", "", "build", "vendor", "]x", "/x", ".x", "-x", "0x",
  };
  std::mt19937 rng(20240601);  // fixed: the same paths every run
  std::uniform_int_distribution<size_t> pick(0, segments.size() - 1);
  std::uniform_int_distribution<int> depth(1, 5);
  std::vector<std::string> out;
  for (const std::string& s : segments) out.push_back(s);
  for (int n = 0; n < 4000; ++n) {
    std::string path;
    for (int d = depth(rng); d > 0; --d) path += (path.empty() ? "" : "/") + segments[pick(rng)];
    if (n % 50 == 0) path = "./" + path;
    out.push_back(path);
  }
  return out;
}

std::vector<std::string> tricky_globs() {
  return {"*.js", "src/*.js", "/build", "./x.tf", "vendor/", "/vendor/", "a/**/b", "**/x.tf", "prod/**", "**",
          "*", "?", "??", "[!a]*", "[a-c]?", "[/]x", "[!/]x", "[.-0]x", "[]]x", "[!]]x", "[^a]*", "a**b", "src/a**",
          "**/prod/**/*.tf", "{a,b/c}", "{a,{b,c}}d", "x{,.tf}", "*.{JS,js}", "a,b", "\xc3\xbc*",
          "{prod,production}{,[-_.0-9]*}", "f[-.]x", "**/", "a/", "*/", "**{/a,b}", "{a,**}/x", "a\\*b", "[z-a]x"};
}

TEST(PathSetTest, AgreesWithGlobOnEveryPattern) {
  std::vector<std::string> globs = tricky_globs();
  for (const std::string& p : default_production_paths()) globs.push_back(p);
  for (const std::string& p : default_client_paths()) globs.push_back(p);
  const std::vector<std::string> paths = sample_paths();
  for (const std::string& pattern : globs) {
    util::Expected<util::Glob> glob = util::Glob::compile(pattern);
    ASSERT_TRUE(glob.ok()) << pattern;
    PathSet set({*glob});
    int disagreements = 0;
    for (const std::string& path : paths) {
      bool expected = glob->matches(path);
      if (set.matches(path) != expected && ++disagreements <= 3) {
        ADD_FAILURE() << "glob '" << pattern << "' on '" << path << "': Glob says " << expected << ", regex "
                      << glob_to_regex(*glob).value_or("(fallback)");
      }
    }
  }
}

TEST(PathSetTest, SetsMatchLikeAnyMatches) {
  const Config c = default_config();
  for (const std::string& path : sample_paths()) {
    EXPECT_EQ(c.production_set.matches(path), util::any_matches(c.production_paths, path)) << path;
    EXPECT_EQ(c.client_set.matches(path), util::any_matches(c.client_paths, path)) << path;
  }
  Config user = parse_ok("[production]\npaths = [\"live/\", \"a\\\\*b\"]\n[client]\nextra_paths = [\"kiosk/\"]\n");
  EXPECT_TRUE(user.production_set.matches("live/x.env"));
  EXPECT_TRUE(user.production_set.matches("a*b"));  // an escape: kept as a Glob behind the automaton
  EXPECT_FALSE(user.production_set.matches(".env.production"));
  EXPECT_TRUE(user.client_set.matches("kiosk/app.py"));
  EXPECT_TRUE(user.client_set.matches("public/app.js"));
  EXPECT_FALSE(PathSet().matches("anything"));
  EXPECT_TRUE(PathSet().empty());
}

// The built-in lists must all take the fast path (none left to per-glob fallback matching).
TEST(PathSetTest, DefaultsAllTranslate) {
  for (const util::Glob& g : default_config().production_paths) EXPECT_TRUE(glob_to_regex(g).has_value()) << g.pattern();
  for (const util::Glob& g : default_config().client_paths) EXPECT_TRUE(glob_to_regex(g).has_value()) << g.pattern();
  EXPECT_FALSE(glob_to_regex(*util::Glob::compile("a\\*b")).has_value());
  EXPECT_FALSE(glob_to_regex(*util::Glob::compile("**{/a,b}")).has_value());
}

// ---------------------------------------------------------------- init template

TEST(ConfigInit, TemplateParsesCleanlyAndKeepsTheDefaults) {
  std::string tmpl = init_template();
  Config c = parse_ok(tmpl, ".twilint.toml");
  EXPECT_EQ(patterns(c.production_paths), default_production_paths());
  EXPECT_EQ(patterns(c.client_paths), default_client_paths());
  EXPECT_TRUE(c.exclude.empty());
  EXPECT_FALSE(c.max_file_size.has_value());
  for (const char* key : {"exclude", "max_file_size", "paths", "regexes", "stopwords", "disable", "extra",
                          "extra_paths", "endpoint", "dir", "[severity]"}) {
    EXPECT_NE(tmpl.find(key), std::string::npos) << key;
  }
}

// Uncommenting every commented-out setting must give a valid config equal to the built-ins:
// the template documents the real defaults.
TEST(ConfigInit, UncommentedTemplateEqualsTheDefaults) {
  std::istringstream in(init_template());
  std::string line;
  std::string uncommented;
  const std::regex setting(R"(^# ([a-z_]+ = .*|  ".*",|\])$)");
  int settings = 0;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, setting)) {
      uncommented += m[1].str() + "\n";
      ++settings;
    } else {
      uncommented += line + "\n";
    }
  }
  EXPECT_GT(settings, 20);
  Config c = parse_ok(uncommented, ".twilint.toml");
  Config d = default_config();
  EXPECT_EQ(patterns(c.exclude), patterns(d.exclude));
  EXPECT_EQ(c.max_file_size.value_or(kDefaultMaxFileSize), kDefaultMaxFileSize);
  EXPECT_TRUE(c.allow_paths.empty() && c.allow_regexes.empty() && c.stopwords.empty());
  EXPECT_TRUE(c.disabled_rules.empty() && c.extra_rule_files.empty() && c.severity_overrides.empty());
  EXPECT_EQ(patterns(c.production_paths), default_production_paths());
  EXPECT_EQ(patterns(c.client_paths), default_client_paths());
  EXPECT_EQ(c.verify_endpoint, d.verify_endpoint);
  EXPECT_EQ(c.cache_dir, d.cache_dir);
}

}  // namespace
}  // namespace twilint::config
