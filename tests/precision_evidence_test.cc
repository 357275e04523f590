// Regression tests for findings whose severity depends on evidence beyond the match (issue 12):
// an API-key client used only with APIs whose URLs carry no account SID is advice, and an expired
// Access Token is low with its expiry in the message.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

using nlohmann::json;
using testing::TempDir;

const char* const kApiKeyRule = "twilio-api-key-without-account-sid";

// Severity of `rule`'s only finding in `path`, or "none" (several findings fail the test).
std::string severity_at(const json& doc, const std::string& rule, const std::string& path) {
  std::string found = "none";
  for (const json& f : doc["findings"]) {
    if (f["rule_id"] != rule || f["path"].get<std::string>().find(path) == std::string::npos) continue;
    EXPECT_EQ(found, "none") << "more than one finding in " << path;
    found = f["severity"].get<std::string>();
  }
  return found;
}

json scan(const TempDir& dir) {
  testing::RunResult r = testing::twilint({"scan", dir.str(), "--format", "json", "--fail-on", "none"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

TEST(PrecisionEvidence, ApiKeyClientUsedOnlyWithVideoIsAdvice) {
  TempDir dir;
  dir.write("server/video.js",
            "const client = require('twilio')(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET);\n"
            "const room = await client.video.v1.rooms.create({ uniqueName: 'standup' });\n");
  dir.write("src/Rooms.java",
            "import com.twilio.Twilio;\nimport com.twilio.rest.video.v1.Room;\n"
            "class Rooms { void make() {\n"
            "  Twilio.init(System.getenv(\"TWILIO_API_KEY\"), System.getenv(\"TWILIO_API_SECRET\"));\n"
            "  Room room = Room.creator().setUniqueName(\"standup\").create();\n} }\n");
  dir.write("src/Rooms.cs",
            "using Twilio;\nusing Twilio.Rest.Video.V1;\n"
            "TwilioClient.Init(apiKeySid, apiKeySecret);\n"
            "var room = RoomResource.Create(uniqueName: \"standup\");\n");
  dir.write("app/verify.php",
            "<?php\nuse Twilio\\Rest\\Client;\n$twilio = new Client($apiKey, $apiSecret);\n"
            "$check = $twilio->verify->v2->services($serviceSid)->verificationChecks->create([\"to\" => $to]);\n");
  json doc = scan(dir);
  for (const char* path : {"video.js", "Rooms.java", "Rooms.cs", "verify.php"}) {
    EXPECT_EQ(severity_at(doc, kApiKeyRule, path), "low") << path << "\n" << doc.dump(1);
  }
  for (const json& f : doc["findings"]) {
    EXPECT_NE(f["message"].get<std::string>().find("URLs carry no account SID"), std::string::npos) << f.dump();
  }
}

TEST(PrecisionEvidence, ApiKeyClientWithAccountScopedUseStaysMedium) {
  TempDir dir;
  dir.write("mixed.py",
            "from twilio.rest import Client\nclient = Client(api_key, api_secret)\n"
            "room = client.video.v1.rooms.create(unique_name='standup')\n"
            "client.messages.create(to=to, from_=sender, body='room ready')\n");
  dir.write("Calls.java",
            "import com.twilio.Twilio;\nimport com.twilio.rest.api.v2010.account.Call;\n"
            "import com.twilio.rest.video.v1.Room;\n"
            "class Calls { void make() { Twilio.init(apiKey, apiSecret); Room.creator().create(); } }\n");
  dir.write("exported.js",  // no API use in the file: nothing says the key is enough
            "module.exports = require('twilio')(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET);\n");
  json doc = scan(dir);
  EXPECT_EQ(severity_at(doc, kApiKeyRule, "mixed.py"), "medium") << doc.dump(1);
  EXPECT_EQ(severity_at(doc, kApiKeyRule, "Calls.java"), "medium") << doc.dump(1);
  EXPECT_EQ(severity_at(doc, kApiKeyRule, "exported.js"), "medium") << doc.dump(1);
}

// A Twilio Access Token (cty twilio-fpa;v=1) expiring at `exp`, with a random-looking signature.
std::string access_token(long long exp) {
  std::string header = R"({"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"})";
  std::string payload = R"({"jti":"SK3f9a1c07d2e84b6a95c0d1e2f3a4b5c6-1451602800","iss":"SK3f9a1c07d2e84b6a95c0d1e2f3a4b5c6",)"
                        R"("sub":"AC7d2e84b6a95c0d1e2f3a4b5c63f9a1c0","exp":)" +
                        std::to_string(exp) + R"(,"grants":{"identity":"alice","video":{}}})";
  return testing::base64url(header) + "." + testing::base64url(payload) + ".Zk3q9Vw2LxP7mT4sR8yB1nC6hJ0dE5gA2uKoXiWfQpM";
}

TEST(PrecisionEvidence, ExpiredAccessTokenIsLowWithItsExpiry) {
  TempDir dir;
  dir.write("old/client.js", "const token = '" + access_token(1451606400) + "';\n");    // 2016-01-01
  dir.write("live/client.js", "const token = '" + access_token(4102444800) + "';\n");   // 2100-01-01
  json doc = scan(dir);
  EXPECT_EQ(severity_at(doc, "twilio-access-token", "old/client.js"), "low") << doc.dump(1);
  EXPECT_EQ(severity_at(doc, "twilio-access-token", "live/client.js"), "high") << doc.dump(1);
  for (const json& f : doc["findings"]) {
    if (f["path"].get<std::string>().find("old/") == std::string::npos) continue;
    std::string message = f["message"];
    EXPECT_NE(message.find("expires 2016-01-01T00:00:00Z (expired)"), std::string::npos) << message;
  }
}

TEST(PrecisionEvidence, SecretsInFixtureTestsAndSampleResponsesAreTestData) {
  const std::string test_file =
      "var accountSid = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';\n"
      "var keySid = 'SK3f9a1c07d2e84b6a95c0d1e2f3a4b5c6';\n"
      "var token = new twilio.AccessToken(accountSid, keySid, 'Wq8Lz2Rv5Tn1Ym7Kc4Hx0Pb3Gd6Fs9Ja');\n";
  const std::string response =
      "<?xml version='1.0' encoding='UTF-8'?>\n<TwilioResponse>\n  <SigningKey>\n"
      "    <Secret>Wq8Lz2Rv5Tn1Ym7Kc4Hx0Pb3Gd6Fs9Ja</Secret>\n"
      "    <Sid>SK3f9a1c07d2e84b6a95c0d1e2f3a4b5c6</Sid>\n  </SigningKey>\n</TwilioResponse>\n";
  TempDir dir;
  dir.write("spec/unit/accesstoken.spec.js", test_file);
  dir.write("rest/keys/create-key/output/create-key.xml", response);
  json quiet = scan(dir);
  EXPECT_EQ(quiet["findings"].size(), 0u) << quiet.dump(1);

  // The same bytes where they are not test data are leaks: a test file whose account is real, a
  // response saved outside a samples folder, a fixture account outside a test.
  TempDir leaks;
  std::string real_account = test_file;
  real_account.replace(real_account.find("ACaaaa"), 34, "AC7d2e84b6a95c0d1e2f3a4b5c63f9a1c0");
  leaks.write("spec/unit/accesstoken.spec.js", real_account);
  leaks.write("logs/create-key.xml", response);
  leaks.write("src/token.js", test_file);
  json doc = scan(leaks);
  EXPECT_EQ(severity_at(doc, "twilio-api-key-secret", "spec/unit/accesstoken.spec.js"), "critical") << doc.dump(1);
  EXPECT_NE(severity_at(doc, "twilio-api-key-secret", "logs/create-key.xml"), "none") << doc.dump(1);
  EXPECT_NE(severity_at(doc, "twilio-api-key-secret", "src/token.js"), "none") << doc.dump(1);
}

}  // namespace
}  // namespace twilint
