// Regression tests for the classes of wrong findings seen on Twilio's public repositories
// (issue 12): identifiers reported as findings, misuse rules firing on generated documentation,
// coverage reports, markup prose and server code in a folder named client/.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

using nlohmann::json;
using testing::TempDir;

const std::string kSid = "ACeee65f53e9421ce50211670eae679f02";
const std::string kToken = "e8d28a79023c39c200661fccd268a29a";

size_t count_rule(const json& doc, const std::string& rule) {
  size_t n = 0;
  for (const json& f : doc["findings"]) n += f["rule_id"] == rule ? 1 : 0;
  return n;
}

json scan_json(const TempDir& dir, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"scan", dir.str(), "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  testing::RunResult r = testing::twilint(args);
  EXPECT_LE(r.exit_code, 1) << r.err;
  return json::parse(r.out);
}

TEST(Precision, IdentifiersAreContextUnlessAsked) {
  TempDir dir;
  dir.write("settings.py", "TWILIO_ACCOUNT_SID = \"" + kSid + "\"\n");
  testing::RunResult quiet = testing::twilint({"scan", dir.str(), "--format", "json"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  json doc = json::parse(quiet.out);
  EXPECT_EQ(count_rule(doc, "twilio-account-sid"), 0u) << quiet.out;
  EXPECT_EQ(doc["stats"]["identifiers_hidden"], 1);
  EXPECT_EQ(count_rule(scan_json(dir, {"--show-identifiers"}), "twilio-account-sid"), 1u);
  EXPECT_EQ(count_rule(scan_json(dir, {"--fail-on", "info"}), "twilio-account-sid"), 1u);
  testing::RunResult text = testing::twilint({"scan", dir.str()});
  EXPECT_NE(text.out.find("1 SID identifier (--show-identifiers)"), std::string::npos) << text.out;
}

TEST(Precision, IdentifiersStillPairTheCredential) {
  TempDir dir;
  dir.write("settings.py", "TWILIO_ACCOUNT_SID = \"" + kSid + "\"\nTWILIO_AUTH_TOKEN = \"" + kToken + "\"\n");
  json doc = scan_json(dir);
  ASSERT_EQ(doc["findings"].size(), 1u) << doc.dump();
  EXPECT_EQ(doc["findings"][0]["rule_id"], "twilio-auth-token");
  EXPECT_EQ(doc["findings"][0]["severity"], "critical");  // paired with the SID it no longer lists
}

TEST(Precision, JunitFailsOnlyAtOrAboveFailOn) {
  TempDir dir;
  dir.write("a/settings.py", "TWILIO_ACCOUNT_SID = \"" + kSid + "\"\n");
  dir.write("b/settings.py", "TWILIO_AUTH_TOKEN = \"" + kToken + "\"\n");
  testing::RunResult r = testing::twilint({"scan", dir.str(), "--format", "junit", "--show-identifiers"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("failures=\"1\""), std::string::npos) << r.out;
  testing::RunResult none = testing::twilint({"scan", dir.str(), "--format", "junit", "--fail-on", "none"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_NE(none.out.find("failures=\"0\""), std::string::npos) << none.out;
  EXPECT_NE(none.out.find("twilio-auth-token"), std::string::npos) << none.out;  // still listed
}

TEST(Precision, GeneratedDocsAndCoverageAreNotClientCode) {
  TempDir dir;
  dir.write("docs/_build/html/api.html",
            "<p>Set <code>TWILIO_AUTH_TOKEN</code>; <code>client = twilio(accountSid, authToken)</code></p>\n");
  dir.write("site/index.html",
            "<html><head><meta name=\"generator\" content=\"Docs 1.0\"></head>\n"
            "<body><script>var c = twilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN);</script></body></html>\n");
  dir.write("coverage/lcov-report/index.html",
            "<title>Code coverage report for All files</title><pre>twilio(sid, process.env.TWILIO_AUTH_TOKEN)</pre>\n");
  dir.write("public/vendor.min.js", std::string(3000, 'x') + " twilio(a, TWILIO_AUTH_TOKEN)\n");
  EXPECT_EQ(count_rule(scan_json(dir), "twilio-credentials-in-client-code"), 0u);
}

TEST(Precision, MarkupProseIsNotCodeButItsScriptsAre) {
  TempDir dir;
  dir.write("public/setup.html", "<li>TWILIO_API_SECRET: set it on the server</li>\n");
  EXPECT_EQ(count_rule(scan_json(dir), "twilio-credentials-in-client-code"), 0u);
  dir.write("public/setup.html", "<li>ok</li>\n<script>\n  const s = TWILIO_API_SECRET;\n</script>\n");
  json doc = scan_json(dir);
  ASSERT_EQ(count_rule(doc, "twilio-credentials-in-client-code"), 1u) << doc.dump();
  EXPECT_EQ(doc["findings"][0]["line"], 3);
}

TEST(Precision, ServerCodeInAClientFolderIsServerCode) {
  TempDir dir;
  dir.write("client/app.js",
            "const express = require('express');\nconst app = express();\n"
            "const client = require('twilio')(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n"
            "app.listen(3000);\n");
  EXPECT_EQ(count_rule(scan_json(dir), "twilio-credentials-in-client-code"), 0u);
  // The same line in a front-end file is still found.
  dir.write("client/app.js", "const client = require('twilio')(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n");
  EXPECT_GE(count_rule(scan_json(dir), "twilio-credentials-in-client-code"), 1u);
}

TEST(Precision, SecretsInGeneratedFilesAreStillLeaks) {
  TempDir dir;
  dir.write("docs/_build/html/setup.html", "<pre>TWILIO_AUTH_TOKEN=" + kToken + "</pre>\n");
  EXPECT_EQ(count_rule(scan_json(dir), "twilio-auth-token"), 1u);
}

}  // namespace
}  // namespace twilint
