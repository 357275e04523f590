// `twilint revoke` end to end against the local fake Twilio: nothing is sent without --yes; with
// it, exactly one DELETE of the key, authenticated with the environment's credentials, and every
// answer (204, 401, 403, 404, 429, 5xx, timeout) gets its own message and exit code. An Auth Token
// is never "revoked": its rotation steps are printed and nothing is sent.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "support/fake_twilio.h"
#include "support/test_support.h"

namespace twilint {
namespace {

using testing::FakeReply;
using testing::FakeRequest;
using testing::FakeTwilio;
using testing::RunResult;
using testing::TempDir;
using namespace std::chrono_literals;

// No proxy between the binary and 127.0.0.1, and no Twilio credentials of the machine running the tests.
class NoProxy : public ::testing::Environment {
 public:
  void SetUp() override {
    testing::bypass_proxies();
    // Only the credentials a test passes may reach the binary.
    for (const char* name : {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY", "TWILIO_API_SECRET"}) ::unsetenv(name);
  }
};
const auto* const kNoProxy = ::testing::AddGlobalTestEnvironment(new NoProxy);

const std::string kAccount = "AC2b4e8c1d9f3a7b6c5d0e1f2a3b4c5d6e";
const std::string kMyToken = "c2d54265f7aa444a16747ebb38425b13";
const std::string kLeakedKey = "SK6d25decf3753941b5faf4eb937466b35";
const std::string kLeakedSecret = "WmLk57xSuxg8YTZsM21UqhpwblI4qQss";
const std::string kLeakedToken = "7ff4adfa36d0840164709ab7f3f386d0";
const std::vector<std::string> kMyEnv = {"TWILIO_ACCOUNT_SID=" + kAccount, "TWILIO_AUTH_TOKEN=" + kMyToken};
const std::string kPath = "/2010-04-01/Accounts/" + kAccount + "/Keys/" + kLeakedKey + ".json";

RunResult revoke(const FakeTwilio& fake, std::vector<std::string> args, const std::vector<std::string>& env = kMyEnv,
                 const std::string& cwd = "") {
  std::vector<std::string> argv{"revoke", "--endpoint", fake.url(), "--timeout", "2"};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::twilint(argv, cwd, env);
}

TEST(RevokeE2E, DryRunSaysExactlyWhatItWouldSendAndSendsNothing) {
  FakeTwilio fake([](const FakeRequest&) { return testing::make_reply(204, ""); });
  RunResult r = revoke(fake, {kLeakedKey});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("would send: DELETE " + fake.url() + kPath), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("authenticated as TWILIO_ACCOUNT_SID " + kAccount), std::string::npos);
  EXPECT_EQ(r.out.find(kMyToken), std::string::npos);
  EXPECT_EQ(fake.request_count(), 0u);
}

TEST(RevokeE2E, YesDeletesTheKeyWithTheEnvironmentsCredentials) {
  FakeTwilio fake([](const FakeRequest&) { return testing::make_reply(204, ""); });
  RunResult r = revoke(fake, {kLeakedKey, "--yes"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("HTTP 204: deleted " + kLeakedKey), std::string::npos) << r.out;
  ASSERT_EQ(fake.request_count(), 1u);
  FakeRequest req = fake.requests().front();
  EXPECT_EQ(req.method, "DELETE");
  EXPECT_EQ(req.target, kPath);
  EXPECT_EQ(req.user, kAccount);
  EXPECT_EQ(req.password, kMyToken);
}

TEST(RevokeE2E, AnApiKeyInTheEnvironmentIsPreferred) {
  FakeTwilio fake([](const FakeRequest&) { return testing::make_reply(204, ""); });
  std::string main_key = "SK0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  RunResult r = revoke(fake, {kLeakedKey, "--yes"},
                       {"TWILIO_ACCOUNT_SID=" + kAccount, "TWILIO_API_KEY=" + main_key, "TWILIO_API_SECRET=MainKeySecretValue0123456789abcd"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(fake.request_count(), 1u);
  EXPECT_EQ(fake.requests().front().user, main_key);
}

struct StatusCase {
  int status;
  std::string retry_after;
  std::string message;
};

TEST(RevokeE2E, EveryFailureStatusHasItsMessageAndExitsThree) {
  const std::vector<StatusCase> cases = {
      {401, "", "a Standard API key cannot manage /Keys"},
      {403, "", "not allowed to delete keys"},
      {404, "", "already deleted, or it belongs to another account"},
      {429, "7", "rate limited by Twilio; nothing deleted: retry after 7 s"},
      {500, "", "unexpected answer HTTP 500"},
      {503, "", "unexpected answer HTTP 503"},
  };
  for (const StatusCase& c : cases) {
    FakeTwilio fake([&](const FakeRequest&) {
      return testing::make_reply(c.status, testing::twilio_error(c.status, 20003, "Authenticate"), c.retry_after);
    });
    RunResult r = revoke(fake, {kLeakedKey, "--yes"});
    EXPECT_EQ(r.exit_code, 3) << c.status;
    EXPECT_NE(r.err.find("HTTP " + std::to_string(c.status)), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.status << ": " << r.err;
    EXPECT_EQ(fake.request_count(), 1u) << "DELETE is sent once, never retried blindly";
    EXPECT_EQ(r.err.find(kMyToken), std::string::npos);
  }
}

TEST(RevokeE2E, ATimeoutSaysTheOutcomeIsUnknown) {
  FakeTwilio fake([](const FakeRequest&) {
    FakeReply reply = testing::make_reply(204, "");
    reply.delay = 5s;
    return reply;
  });
  RunResult r = testing::twilint({"revoke", "--endpoint", fake.url(), "--timeout", "0.5", kLeakedKey, "--yes"}, "", kMyEnv);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no answer within the timeout; the key may or may not be deleted"), std::string::npos) << r.err;
}

TEST(RevokeE2E, MissingCredentialsOrBadTargetsSendNothing) {
  FakeTwilio fake([](const FakeRequest&) { return testing::make_reply(204, ""); });
  RunResult no_env = revoke(fake, {kLeakedKey, "--yes"}, {});
  EXPECT_EQ(no_env.exit_code, 2);
  EXPECT_NE(no_env.err.find("set TWILIO_ACCOUNT_SID"), std::string::npos) << no_env.err;
  RunResult bad = revoke(fake, {"SKnothex", "--yes"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("is not an API key SID"), std::string::npos) << bad.err;
  EXPECT_EQ(fake.request_count(), 0u);
}

// A JSON report of a tree with a leaked key and a leaked Auth Token.
struct ReportTree {
  TempDir dir;
  std::string report;
  ReportTree(const FakeTwilio* verified_by) {
    dir.write("keys.py", "api_key = \"" + kLeakedKey + "\"\napi_secret = \"" + kLeakedSecret + "\"\n");
    dir.write("app.py", "from twilio.rest import Client\nclient = Client(\"" + kAccount + "\", \"" + kLeakedToken + "\")\n");
    std::vector<std::string> args{"scan", "-f", "json", "-o", "report.json", "."};
    if (verified_by != nullptr) args.insert(args.end(), {"--verify", "--verify-endpoint", verified_by->url()});
    testing::twilint(args, dir.str());
    report = (dir.path() / "report.json").string();
  }
  std::string fingerprint(const std::string& rule) const {
    auto doc = nlohmann::json::parse(testing::read_file(report));
    for (const auto& f : doc["findings"]) {
      if (f["rule_id"] == rule) return f["fingerprint"].get<std::string>();
    }
    return "";
  }
};

TEST(RevokeE2E, AFingerprintFromAReportNamesTheKeyToDelete) {
  FakeTwilio fake([](const FakeRequest&) { return testing::make_reply(204, ""); });
  ReportTree t(nullptr);
  std::string fp = t.fingerprint("twilio-api-key-secret");
  ASSERT_FALSE(fp.empty());
  RunResult r = revoke(fake, {fp.substr(0, 16), "--report", t.report, "--yes"}, kMyEnv, t.dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(fake.request_count(), 1u);
  EXPECT_EQ(fake.requests().front().target, kPath);
  RunResult unknown = revoke(fake, {"00000000deadbeef", "--report", t.report}, kMyEnv, t.dir.str());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no finding with fingerprint"), std::string::npos);
}

TEST(RevokeE2E, AnAuthTokenGetsRotationStepsAndNothingIsSent) {
  FakeTwilio fake([](const FakeRequest&) { return testing::make_reply(204, ""); });
  ReportTree t(nullptr);
  RunResult r = revoke(fake, {t.fingerprint("twilio-auth-token"), "--report", t.report, "--yes"}, kMyEnv, t.dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("create a secondary Auth Token"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Promote the secondary token to primary"), std::string::npos);
  EXPECT_EQ(fake.request_count(), 0u);
}

TEST(RevokeE2E, LeakedCredentialsOnlyWithWithLeakedAndALiveVerification) {
  FakeTwilio fake([](const FakeRequest& req) {
    // --verify's GET probes all answer "live"; the DELETE deletes.
    return req.method == "DELETE" ? testing::make_reply(204, "") : testing::make_reply(200, "{\"sid\": \"x\"}");
  });
  ReportTree unverified(nullptr);
  std::string fp = unverified.fingerprint("twilio-api-key-secret");
  RunResult refused = revoke(fake, {fp, "--report", unverified.report, "--with-leaked", "--yes"}, {}, unverified.dir.str());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--with-leaked: the report shows no leaked Auth Token verified live"), std::string::npos) << refused.err;
  EXPECT_EQ(fake.request_count(), 0u);
  ReportTree verified(&fake);
  size_t probes = fake.request_count();
  RunResult r = revoke(fake, {verified.fingerprint("twilio-api-key-secret"), "--report", verified.report, "--with-leaked", "--yes"},
                       {}, verified.dir.str());
  EXPECT_EQ(r.exit_code, 0) << r.err << testing::read_file(verified.report);
  ASSERT_EQ(fake.request_count(), probes + 1);
  FakeRequest del = fake.requests().back();
  EXPECT_EQ(del.method, "DELETE");
  EXPECT_EQ(del.user, kAccount);
  EXPECT_EQ(del.password, kLeakedToken);
}

}  // namespace
}  // namespace twilint
