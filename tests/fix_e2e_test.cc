// `twilint fix` end to end: the real binary on fixtures in each language (multi-line calls, CRLF,
// tabs and spaces, a Python file that already imports os). The dry-run diff, applied with
// `git apply`, gives exactly what --write writes; every rewritten file scans clean of what was
// fixed, and still parses with its language's own checker (py_compile, node --check, ruby -c,
// php -l, gofmt -e, javac on a stub). The checkers are installed by .ci/setup: a missing one fails.
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

namespace fs = std::filesystem;
using testing::RunResult;
using testing::TempDir;

const std::string kAc = "AC2b4e8c1d9f3a7b6c5d0e1f2a3b4c5d6e";
const std::string kToken = "7ff4adfa36d0840164709ab7f3f386d0";
const std::string kSk = "SK6d25decf3753941b5faf4eb937466b35";
const std::string kSecret = "WmLk57xSuxg8YTZsM21UqhpwblI4qQss";

std::string crlf(std::string s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

// Each fixture is a class of mistake written for these tests.
std::map<std::string, std::string> fixtures() {
  return {
      {"src/already_os.py",  // tabs, a multi-line call, `import os` already there
       "import os\nimport sys\n\nfrom twilio.rest import Client\n\n\ndef make():\n\treturn Client(\n\t\t\"" + kAc +
           "\",\n\t\t\"" + kToken + "\",\n\t)\n"},
      {"src/keys.py",  // docstring and __future__ first; API key misuse, TTL, v2010 restricted key
       "\"\"\"Key handling.\"\"\"\nfrom __future__ import annotations\n\nfrom twilio.rest import Client\nfrom twilio.jwt.access_token import AccessToken\n\n"
       "TWILIO_API_KEY = \"" + kSk + "\"\nTWILIO_API_SECRET = \"" + kSecret + "\"\n"
       "client = Client(TWILIO_API_KEY, TWILIO_API_SECRET)\n\n\n"
       "def token(account_sid, api_key, api_secret, identity):\n"
       "    return AccessToken(account_sid, api_key, api_secret, identity=identity, ttl=604800)\n\n\n"
       "def restricted(policy):\n"
       "    return client.new_keys.create(friendly_name=\"sms-only\", key_type=\"restricted\", policy=policy)\n"},
      {"web/app.js",  // CRLF; misuse without accountSid; v2010 restricted key in Node
       crlf("const twilio = require(\"twilio\");\nconst accountSid = \"" + kAc + "\";\nconst authToken = \"" + kToken +
            "\";\nconst client = twilio(accountSid, authToken);\n"
            "const keyClient = twilio(\n  process.env.TWILIO_API_KEY,\n  process.env.TWILIO_API_SECRET,\n);\n"
            "async function restricted(policy) {\n  return client.newKeys.create({ friendlyName: 'x', keyType: 'restricted', policy });\n}\n"
            "module.exports = { client, keyClient, restricted };\n")},
      {"java/Main.java",
       "import com.twilio.Twilio;\n\npublic class Main {\n    public static final String ACCOUNT_SID = \"" + kAc +
           "\";\n    public static final String AUTH_TOKEN = \"" + kToken +
           "\";\n\n    public static void main(String[] args) {\n        Twilio.init(ACCOUNT_SID, AUTH_TOKEN);\n"
           "        Twilio.init(System.getenv(\"TWILIO_API_KEY\"), System.getenv(\"TWILIO_API_SECRET\"));\n    }\n}\n"},
      {"java/com/twilio/Twilio.java",  // the stub javac compiles Main against (no credentials)
       "package com.twilio;\n\npublic final class Twilio {\n    public static void init(String u, String p) {}\n"
       "    public static void init(String u, String p, String a) {}\n}\n"},
      {"go/main.go",  // const -> var, import added into the block, ClientParams multi-line
       "package main\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/twilio/twilio-go\"\n)\n\nconst authToken = \"" + kToken +
           "\"\n\nfunc main() {\n\tclient := twilio.NewRestClientWithParams(twilio.ClientParams{\n\t\tUsername: \"" + kAc +
           "\",\n\t\tPassword: authToken,\n\t})\n\tkeyClient := twilio.NewRestClientWithParams(twilio.ClientParams{\n"
           "\t\tUsername: apiKey,\n\t\tPassword: apiSecret,\n\t})\n\tfmt.Println(client, keyClient)\n}\n"},
      {"ruby/app.rb",
       "require 'twilio-ruby'\n\naccount_sid = '" + kAc + "'\nauth_token = '" + kToken +
           "'\n@client = Twilio::REST::Client.new(account_sid, auth_token)\n"
           "@keys = Twilio::REST::Client.new(ENV['TWILIO_API_KEY'], ENV['TWILIO_API_SECRET'])\n"},
      {"php/app.php",
       "<?php\nuse Twilio\\Rest\\Client;\n\n$sid = \"" + kAc + "\";\n$token = \"" + kToken +
           "\";\n$client = new Client($sid, $token);\n$keys = new Client(getenv(\"TWILIO_API_KEY\"), getenv(\"TWILIO_API_SECRET\"));\n"},
      {"cs/Program.cs",
       "using Twilio;\n\nclass Program {\n    private const string AccountSid = \"" + kAc +
           "\";\n    private const string AuthToken = \"" + kToken +
           "\";\n    static void Main() {\n        TwilioClient.Init(AccountSid, AuthToken);\n    }\n}\n"},
      {"scripts/send.sh",
       "#!/bin/sh\ncurl -X POST https://api.twilio.com/2010-04-01/Accounts/" + kAc + "/Messages.json -u '" + kAc + ":" +
           kToken + "' -d Body=hi\n"},
      {"deploy/docker-compose.yml",
       "services:\n  web:\n    environment:\n      TWILIO_ACCOUNT_SID: " + kAc + "\n      TWILIO_AUTH_TOKEN: \"" + kToken + "\"\n"},
      {"deploy/Dockerfile", "FROM python:3.12\nENV TWILIO_ACCOUNT_SID=" + kAc + "\nENV TWILIO_AUTH_TOKEN=" + kToken + "\n"},
      {"conf/settings.json", "{\"twilio\": {\"accountSid\": \"" + kAc + "\", \"authToken\": \"" + kToken + "\"}}\n"},
  };
}

void write_fixtures(const TempDir& dir) {
  for (const auto& [path, content] : fixtures()) dir.write(path, content);
  fs::permissions(dir.path() / "scripts/send.sh", fs::perms::owner_all | fs::perms::group_read, fs::perm_options::replace);
}

std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), root).generic_string()] = testing::read_file(e.path());
  }
  return out;
}

nlohmann::json scan_json(const TempDir& dir) {
  RunResult r = testing::twilint({"scan", "-f", "json", "--fail-on", "none", "."}, dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

class FixE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    write_fixtures(dry_);
    write_fixtures(wet_);
    dry_run_ = testing::twilint({"fix", "."}, dry_.str());
    write_ = testing::twilint({"fix", "--write", "."}, wet_.str());
  }
  TempDir dry_, wet_;
  RunResult dry_run_, write_;
};

TEST_F(FixE2E, DryRunWritesNothingAndItsDiffIsWhatWriteWrites) {
  EXPECT_EQ(dry_run_.exit_code, 1) << dry_run_.err;  // a finding is left for a human (the JSON file)
  EXPECT_EQ(tree(dry_.path()), fixtures());
  EXPECT_EQ(write_.exit_code, 1) << write_.err;
  TempDir patch_dir;
  patch_dir.write("fix.patch", dry_run_.out);
  RunResult applied = testing::run({"git", "apply", "--whitespace=nowarn", (patch_dir.path() / "fix.patch").string()}, dry_.str());
  ASSERT_EQ(applied.exit_code, 0) << applied.err << dry_run_.out;
  EXPECT_EQ(tree(dry_.path()), tree(wet_.path()));
}

TEST_F(FixE2E, RewritesEachLanguageIntoItsEnvironmentLookup) {
  auto t = tree(wet_.path());
  EXPECT_NE(t["src/already_os.py"].find("\t\tos.environ[\"TWILIO_ACCOUNT_SID\"],\n\t\tos.environ[\"TWILIO_AUTH_TOKEN\"],\n"), std::string::npos);
  EXPECT_EQ(t["src/already_os.py"].find("import os\nimport os"), std::string::npos);
  EXPECT_EQ(t["src/already_os.py"].rfind("import os"), 0u) << "no second import";
  EXPECT_NE(t["src/keys.py"].find("from __future__ import annotations\nimport os\n"), std::string::npos) << t["src/keys.py"];
  EXPECT_NE(t["src/keys.py"].find("Client(TWILIO_API_KEY, TWILIO_API_SECRET, os.environ[\"TWILIO_ACCOUNT_SID\"])"), std::string::npos);
  EXPECT_NE(t["src/keys.py"].find("ttl=86400)"), std::string::npos);
  EXPECT_NE(t["src/keys.py"].find("client.iam.v1.new_api_key.create(account_sid=os.environ[\"TWILIO_ACCOUNT_SID\"], friendly_name="),
            std::string::npos);
  const std::string& js = t["web/app.js"];
  EXPECT_NE(js.find("const authToken = process.env.TWILIO_AUTH_TOKEN;\r\n"), std::string::npos);
  EXPECT_NE(js.find("  process.env.TWILIO_API_SECRET,\r\n  { accountSid: process.env.TWILIO_ACCOUNT_SID },\r\n);"), std::string::npos) << js;
  EXPECT_NE(js.find("client.iam.v1.newApiKey.create({ accountSid: process.env.TWILIO_ACCOUNT_SID, friendlyName"), std::string::npos);
  for (size_t i = 0; i < js.size(); ++i) {
    if (js[i] == '\n') {
      ASSERT_TRUE(i > 0 && js[i - 1] == '\r') << "CRLF kept at " << i;
    }
  }
  EXPECT_NE(t["java/Main.java"].find("AUTH_TOKEN = System.getenv(\"TWILIO_AUTH_TOKEN\");"), std::string::npos);
  EXPECT_NE(t["java/Main.java"].find("System.getenv(\"TWILIO_API_SECRET\"), System.getenv(\"TWILIO_ACCOUNT_SID\"));"), std::string::npos);
  EXPECT_NE(t["go/main.go"].find("\t\"fmt\"\n\t\"os\"\n"), std::string::npos);
  EXPECT_NE(t["go/main.go"].find("var authToken = os.Getenv(\"TWILIO_AUTH_TOKEN\")"), std::string::npos);
  EXPECT_NE(t["go/main.go"].find("\t\tPassword: apiSecret,\n\t\tAccountSid: os.Getenv(\"TWILIO_ACCOUNT_SID\"),\n\t})"), std::string::npos);
  EXPECT_NE(t["ruby/app.rb"].find("auth_token = ENV.fetch(\"TWILIO_AUTH_TOKEN\")"), std::string::npos);
  EXPECT_NE(t["php/app.php"].find("$token = getenv('TWILIO_AUTH_TOKEN');"), std::string::npos);
  EXPECT_NE(t["cs/Program.cs"].find("using System;\nusing Twilio;"), std::string::npos);
  EXPECT_NE(t["cs/Program.cs"].find("private static readonly string AuthToken = Environment.GetEnvironmentVariable(\"TWILIO_AUTH_TOKEN\");"),
            std::string::npos);
  EXPECT_NE(t["scripts/send.sh"].find("-u \"${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}\""), std::string::npos);
  EXPECT_NE(t["deploy/docker-compose.yml"].find("TWILIO_AUTH_TOKEN: \"${TWILIO_AUTH_TOKEN}\""), std::string::npos);
  EXPECT_EQ(t["deploy/Dockerfile"].find(kToken), std::string::npos);
  EXPECT_EQ(t["conf/settings.json"], fixtures()["conf/settings.json"]);  // no reference form: left, listed
  EXPECT_EQ(t[".env.example"].find(kToken), std::string::npos);
  for (const char* name : {"TWILIO_ACCOUNT_SID=\n", "TWILIO_AUTH_TOKEN=\n", "TWILIO_API_KEY=\n", "TWILIO_API_SECRET=\n"}) {
    EXPECT_NE(t[".env.example"].find(name), std::string::npos) << name;
  }
  EXPECT_EQ(t[".gitignore"], ".env\n");
  struct stat st {};
  ASSERT_EQ(::stat((wet_.path() / "scripts/send.sh").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0740u) << "the script's mode is kept";
}

TEST_F(FixE2E, ListsWhatItCannotFixWithGuidanceAndNeverPrintsASecret) {
  EXPECT_NE(dry_run_.out.find("# cannot fix mechanically (1):"), std::string::npos) << dry_run_.out;
  EXPECT_NE(dry_run_.out.find("conf/settings.json:1:"), std::string::npos);
  EXPECT_NE(dry_run_.out.find("JSON has no environment reference"), std::string::npos);
  EXPECT_NE(dry_run_.out.find("#     fix: Rotate the Auth Token"), std::string::npos);
  // The diff shows removed lines, which hold the secrets; the report part never does.
  std::string report = dry_run_.out.substr(dry_run_.out.find("# twilint fix:"));
  EXPECT_EQ(report.find(kToken), std::string::npos);
  EXPECT_EQ(write_.out.find(kToken), std::string::npos);
  EXPECT_EQ(write_.out.find(kSecret), std::string::npos);
}

TEST_F(FixE2E, EveryRewrittenFileScansCleanOfWhatWasFixed) {
  nlohmann::json doc = scan_json(wet_);
  for (const auto& f : doc["findings"]) {
    std::string path = f["path"].get<std::string>();
    std::string rule = f["rule_id"].get<std::string>();
    if (path.find("settings.json") != std::string::npos) continue;
    EXPECT_NE(f["kind"], "secret") << path << " " << rule;
    EXPECT_TRUE(rule != "twilio-api-key-without-account-sid" && rule != "twilio-access-token-ttl-too-long" &&
                rule != "twilio-v2010-restricted-key")
        << path << " " << rule;
  }
  RunResult again = testing::twilint({"fix", "."}, wet_.str());
  EXPECT_NE(again.out.find("would fix 0 finding(s) in 0 file(s)"), std::string::npos) << again.out;
}

TEST_F(FixE2E, RewrittenFilesStillParseWithTheirLanguagesChecker) {
  const fs::path& d = wet_.path();
  auto check = [&](const std::vector<std::string>& argv) {
    RunResult r = testing::run(argv, d.string());
    EXPECT_EQ(r.exit_code, 0) << argv.front() << " " << argv.back() << ": " << r.out << r.err;
  };
  check({"python3", "-m", "py_compile", "src/already_os.py"});
  check({"python3", "-m", "py_compile", "src/keys.py"});
  check({"node", "--check", "web/app.js"});
  check({"ruby", "-c", "ruby/app.rb"});
  check({"php", "-l", "php/app.php"});
  check({"gofmt", "-e", "go/main.go"});
  TempDir classes;
  check({"javac", "-d", classes.str(), "java/Main.java", "java/com/twilio/Twilio.java"});
  check({"sh", "-n", "scripts/send.sh"});
}

TEST(FixE2EOptions, RuleLimitsTheFixToThatRule) {
  TempDir dir;
  write_fixtures(dir);
  RunResult r = testing::twilint({"fix", "--write", "--rule", "twilio-access-token-ttl-too-long", "."}, dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  auto t = tree(dir.path());
  EXPECT_NE(t["src/keys.py"].find("ttl=86400)"), std::string::npos);
  EXPECT_NE(t["src/keys.py"].find(kSecret), std::string::npos) << "other rules untouched";
  EXPECT_EQ(t["web/app.js"], fixtures()["web/app.js"]);
  RunResult bad = testing::twilint({"fix", "--rule", "no-such-rule", "."}, dir.str());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown rule id 'no-such-rule'"), std::string::npos);
}

TEST(FixE2EOptions, IgnoredAndGeneratedFilesAreNeverTouched) {
  TempDir dir;
  testing::git(dir.str(), {"init", "-q"});
  std::string leak = "from twilio.rest import Client\nclient = Client(\"" + kAc + "\", \"" + kToken + "\")\n";
  dir.write(".gitignore", "secret_local.py\n");
  dir.write("secret_local.py", leak);
  dir.write("gen/api_pb2.py", "# Generated by the protocol buffer compiler.  DO NOT EDIT!\n" + leak);
  dir.write("app.py", leak);
  RunResult r = testing::twilint({"fix", "--write", "."}, dir.str());
  EXPECT_EQ(testing::read_file(dir.path() / "secret_local.py"), leak);
  EXPECT_EQ(testing::read_file(dir.path() / "gen/api_pb2.py"), "# Generated by the protocol buffer compiler.  DO NOT EDIT!\n" + leak);
  EXPECT_NE(r.out.find("gen/api_pb2.py:3:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("secret_local.py"), std::string::npos) << "ignored: not even scanned";
  EXPECT_NE(r.out.find("generated or vendored file"), std::string::npos);
  EXPECT_EQ(testing::read_file(dir.path() / "app.py").find(kToken), std::string::npos);
  EXPECT_EQ(testing::read_file(dir.path() / ".gitignore"), "secret_local.py\n.env\n");
}

TEST(FixE2EOptions, CommittedCredentialsAreReportedExposedWithRotationAndHistory) {
  TempDir dir;
  testing::git(dir.str(), {"init", "-q"});
  dir.write("app.py", "from twilio.rest import Client\nclient = Client(\"" + kAc + "\", \"" + kToken + "\")\n");
  dir.write("keys.py", "api_key = \"" + kSk + "\"\napi_secret = \"" + kSecret + "\"\n");
  testing::git(dir.str(), {"add", "app.py", "keys.py"});
  testing::git(dir.str(), {"commit", "-qm", "leak"});
  dir.write("new.py", "from twilio.rest import Client\nclient = Client(\"" + kAc + "\", \"c2d54265f7aa444a16747ebb38425b13\")\n");
  RunResult r = testing::twilint({"fix", "."}, dir.str());
  EXPECT_NE(r.out.find("# already exposed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("app.py:2 twilio-auth-token"), std::string::npos);
  EXPECT_NE(r.out.find("promote it to primary"), std::string::npos);
  EXPECT_NE(r.out.find("keys.py:2 twilio-api-key-secret"), std::string::npos);
  EXPECT_NE(r.out.find("twilint revoke " + kSk + " --yes"), std::string::npos);
  EXPECT_NE(r.out.find("twilint history "), std::string::npos);
  EXPECT_EQ(r.out.find("new.py:2 twilio-auth-token"), std::string::npos) << "never committed: not exposed";
}

TEST(FixE2EOptions, YamlGetsEachEcosystemsReferenceForm) {
  TempDir dir;
  dir.write("k8s/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
                               "        - name: web\n          env:\n            - name: TWILIO_ACCOUNT_SID\n              value: " +
                                   kAc + "\n            - name: TWILIO_AUTH_TOKEN\n              value: \"" + kToken + "\"\n");
  dir.write(".github/workflows/ci.yml", "jobs:\n  test:\n    steps:\n      - run: pytest\n        env:\n          TWILIO_ACCOUNT_SID: " +
                                            kAc + "\n          TWILIO_AUTH_TOKEN: " + kToken + "\n");
  dir.write("app.properties", "twilio.account-sid=" + kAc + "\ntwilio.auth-token=" + kToken + "\n");
  RunResult r = testing::twilint({"fix", "--write", "."}, dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  std::string k8s = testing::read_file(dir.path() / "k8s/deploy.yaml");
  EXPECT_NE(k8s.find("            - name: TWILIO_AUTH_TOKEN\n              valueFrom:\n                secretKeyRef:\n"
                     "                  name: twilio\n                  key: TWILIO_AUTH_TOKEN\n"),
            std::string::npos) << k8s;
  EXPECT_NE(r.out.find("kubectl create secret generic twilio --from-literal=TWILIO_ACCOUNT_SID=<new value> "
                       "--from-literal=TWILIO_AUTH_TOKEN=<new value>"),
            std::string::npos) << r.out;
  EXPECT_NE(testing::read_file(dir.path() / ".github/workflows/ci.yml").find("TWILIO_AUTH_TOKEN: \"${{ secrets.TWILIO_AUTH_TOKEN }}\""),
            std::string::npos);
  EXPECT_NE(r.out.find("add the repository secret TWILIO_AUTH_TOKEN"), std::string::npos);
  EXPECT_EQ(testing::read_file(dir.path() / "app.properties"),
            "twilio.account-sid=${TWILIO_ACCOUNT_SID}\ntwilio.auth-token=${TWILIO_AUTH_TOKEN}\n");
  RunResult parse = testing::run({"python3", "-c", "import sys; [l for l in open(sys.argv[1])]", "k8s/deploy.yaml"}, dir.str());
  EXPECT_EQ(parse.exit_code, 0);
}

TEST(FixE2EOptions, NamingOnlyFilesWritesNoDotfilesButSaysWhatToAdd) {
  TempDir dir;
  dir.write("app.ts", "import twilio from \"twilio\";\nconst client = twilio(\"" + kAc + "\", \"" + kToken + "\");\n");
  RunResult r = testing::twilint({"fix", "--write", "app.ts"}, dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(testing::read_file(dir.path() / "app.ts"),
            "import twilio from \"twilio\";\nconst client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n");
  EXPECT_FALSE(fs::exists(dir.path() / ".env.example"));
  EXPECT_FALSE(fs::exists(dir.path() / ".gitignore"));
  EXPECT_NE(r.out.find("list TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN (names only) in your .env.example"), std::string::npos);
  RunResult missing = testing::twilint({"fix", "nope.py"}, dir.str());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such file or directory: nope.py"), std::string::npos);
}

TEST(FixE2EOptions, HelpShowsABeforeAndAfter) {
  RunResult r = testing::twilint({"fix", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Before:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("After (twilint fix --write):"), std::string::npos);
  EXPECT_NE(r.out.find("os.environ[\"TWILIO_AUTH_TOKEN\"]"), std::string::npos);
}

}  // namespace
}  // namespace twilint
