// Offline proof (issue 16): an Access Token found with an API key secret whose signature that
// secret makes proves the pairing without a request. HMAC-SHA256 against RFC 4231, then the whole
// binary on files holding tokens signed by the found secret, by another one, expired, malformed.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"
#include "util/sha256.h"

namespace twilint {
namespace {

using nlohmann::json;
using testing::TempDir;

std::string hex(const std::array<uint8_t, 32>& d) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (uint8_t b : d) out += {kHex[b >> 4], kHex[b & 15]};
  return out;
}

TEST(HmacSha256, MatchesRfc4231) {
  EXPECT_EQ(hex(util::hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  std::string long_key(131, '\xaa');  // longer than a block: hashed first
  EXPECT_EQ(hex(util::hmac_sha256(long_key, "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

const std::string kSecret = "KaNQyyLaMeffOhq4AUvy7VSLDCD1IfHW";
const std::string kOther = "Zp4Rt9Wq2Lm7Xv3Kb8Nc1Hd6Fs0Gy5Ja";

// An Access Token issued by SK3f9a… for AC7d2e…, expiring at `exp`, signed with `secret`.
std::string signed_token(const std::string& secret, long long exp) {
  std::string header = testing::base64url(R"({"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"})");
  std::string payload = testing::base64url(R"({"jti":"SK3f9a1c07d2e84b6a95c0d1e2f3a4b5c6-1","iss":"SK3f9a1c07d2e84b6a95c0d1e2f3a4b5c6",)"
                                  R"("sub":"AC7d2e84b6a95c0d1e2f3a4b5c63f9a1c0","exp":)" +
                                  std::to_string(exp) + R"(,"grants":{"identity":"alice"}})");
  std::array<uint8_t, 32> mac = util::hmac_sha256(secret, header + "." + payload);
  return header + "." + payload + "." + testing::base64url(std::string(mac.begin(), mac.end()));
}

json scan(const TempDir& dir) {
  testing::RunResult r = testing::twilint({"scan", dir.str(), "--format", "json", "--fail-on", "none"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

const json* finding(const json& doc, const std::string& rule, const std::string& path) {
  for (const json& f : doc["findings"]) {
    if (f["rule_id"] == rule && f["path"].get<std::string>().find(path) != std::string::npos) return &f;
  }
  return nullptr;
}

std::string file_with(const std::string& token) {
  return "TWILIO_API_SECRET=" + kSecret + "\nACCESS_TOKEN=" + token + "\n";
}

// Each case in its own scan: a proof holds anywhere in the same scan, so cases sharing one would
// confirm each other.
TEST(OfflineProof, TokenSignedByTheFoundSecretConfirmsIt) {
  TempDir dir;
  dir.write("signed/.env", file_with(signed_token(kSecret, 4102444800)));
  json doc = scan(dir);
  const json* secret = finding(doc, "twilio-api-key-secret", "signed/");
  const json* token = finding(doc, "twilio-access-token", "signed/");
  ASSERT_NE(secret, nullptr) << doc.dump(1);
  ASSERT_NE(token, nullptr) << doc.dump(1);
  EXPECT_EQ((*secret)["severity"], "critical");
  EXPECT_EQ((*secret)["verification"]["status"], "confirmed-offline");
  EXPECT_NE((*secret)["message"].get<std::string>().find("confirmed offline"), std::string::npos);
  EXPECT_NE((*secret)["verification"]["detail"].get<std::string>().find("SK3f9a"), std::string::npos);
  EXPECT_EQ((*token)["verification"]["status"], "confirmed-offline");
}

TEST(OfflineProof, TokenSignedByAnotherSecretConfirmsNothing) {
  TempDir dir;
  dir.write("other/.env", file_with(signed_token(kOther, 4102444800)));
  json doc = scan(dir);
  const json* other = finding(doc, "twilio-api-key-secret", "other/");
  ASSERT_NE(other, nullptr);
  EXPECT_FALSE(other->contains("verification")) << other->dump();
  EXPECT_NE((*other)["severity"], "critical");
  const json* token = finding(doc, "twilio-access-token", "other/");
  ASSERT_NE(token, nullptr);
  EXPECT_FALSE(token->contains("verification")) << token->dump();
}

TEST(OfflineProof, ExpiredTokenStaysLowButTheSecretIsCritical) {
  TempDir dir;
  dir.write("expired/.env", file_with(signed_token(kSecret, 1451606400)));
  json doc = scan(dir);
  const json* expired_token = finding(doc, "twilio-access-token", "expired/");
  const json* expired_secret = finding(doc, "twilio-api-key-secret", "expired/");
  ASSERT_NE(expired_token, nullptr);
  ASSERT_NE(expired_secret, nullptr);
  EXPECT_EQ((*expired_token)["severity"], "low");  // an expired token grants nothing...
  EXPECT_EQ((*expired_token)["verification"]["status"], "confirmed-offline");
  EXPECT_EQ((*expired_secret)["severity"], "critical");  // ...but the secret that signed it does
}

TEST(OfflineProof, MalformedTokenConfirmsNothingAndDoesNotCrash) {
  TempDir dir;
  std::string broken = signed_token(kSecret, 4102444800);
  broken.replace(broken.size() - 5, 5, "*****");  // not base64url any more
  dir.write("broken/.env", file_with(broken));
  dir.write("elsewhere/config.js", "const apiSecret = '" + kSecret + "'; // twilio\n");
  json doc = scan(dir);
  const json* broken_secret = finding(doc, "twilio-api-key-secret", "broken/");
  ASSERT_NE(broken_secret, nullptr);
  EXPECT_FALSE(broken_secret->contains("verification"));
}

// A token in one file proves the secret in another: both findings say where the other one is.
TEST(OfflineProof, ATokenInAnotherFileOfTheScanConfirmsTheSecret) {
  TempDir dir;
  dir.write("client/token.txt", "ACCESS_TOKEN=" + signed_token(kSecret, 4102444800) + "\n");
  dir.write("server/.env", "TWILIO_API_SECRET=" + kSecret + "\n");
  dir.write("unrelated/.env", "TWILIO_API_SECRET=" + kOther + "\n");
  {
    testing::RunResult r = testing::twilint({"scan", dir.str(), "--format", "json", "--fail-on", "none"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json doc = json::parse(r.out);
    const json* secret = finding(doc, "twilio-api-key-secret", "server/");
    const json* token = finding(doc, "twilio-access-token", "client/");
    ASSERT_NE(secret, nullptr) << doc.dump(1);
    ASSERT_NE(token, nullptr) << doc.dump(1);
    EXPECT_EQ((*secret)["verification"]["status"], "confirmed-offline");
    EXPECT_EQ((*secret)["severity"], "critical");
    EXPECT_NE((*secret)["verification"]["detail"].get<std::string>().find("client/token.txt:1"), std::string::npos)
        << (*secret)["verification"];
    EXPECT_EQ((*token)["verification"]["status"], "confirmed-offline");
    EXPECT_NE((*token)["message"].get<std::string>().find("server/.env:1"), std::string::npos) << (*token)["message"];
    const json* unrelated = finding(doc, "twilio-api-key-secret", "unrelated/");
    ASSERT_NE(unrelated, nullptr);
    EXPECT_FALSE(unrelated->contains("verification"));
    EXPECT_EQ(r.out.find(kSecret), std::string::npos) << "the secret is never printed";
  }
}

// History: the token committed once, the secret in a later commit.
TEST(OfflineProof, ATokenInAnotherCommitConfirmsTheSecret) {
  TempDir repo;
  testing::git(repo.str(), {"init", "-q"});
  repo.write("client/token.txt", "ACCESS_TOKEN=" + signed_token(kSecret, 4102444800) + "\n");
  testing::git(repo.str(), {"add", "-A"});
  testing::git(repo.str(), {"commit", "-q", "-m", "token"});
  testing::git(repo.str(), {"rm", "-q", "client/token.txt"});
  testing::git(repo.str(), {"commit", "-q", "-m", "drop it"});
  repo.write("server/.env", "TWILIO_API_SECRET=" + kSecret + "\n");
  testing::git(repo.str(), {"add", "-A"});
  testing::git(repo.str(), {"commit", "-q", "-m", "secret"});
  TempDir cache;
  for (int run = 0; run < 2; ++run) {  // the second run reads the history cache: the proof still holds
    testing::RunResult r = testing::twilint(
        {"history", "--cache-dir", cache.str(), repo.str(), "--format", "json", "--fail-on", "none"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json doc = json::parse(r.out);
    const json* secret = finding(doc, "twilio-api-key-secret", "server/");
    ASSERT_NE(secret, nullptr) << doc.dump(1);
    EXPECT_EQ((*secret)["verification"]["status"], "confirmed-offline") << run;
    EXPECT_EQ((*secret)["severity"], "critical") << run;
    EXPECT_NE((*secret)["verification"]["detail"].get<std::string>().find("client/token.txt:1"), std::string::npos)
        << (*secret)["verification"];
  }
}

}  // namespace
}  // namespace twilint
