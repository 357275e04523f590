// --verify end to end: the real binary against a fake Twilio on 127.0.0.1. Above all, nothing is
// sent without --verify; with it, every outcome reaches every report format, live credentials
// become critical, --only-verified and --fail-on work together, and the bounds hold.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/fake_twilio.h"
#include "support/test_support.h"

namespace twilint {
namespace {

using json = nlohmann::json;
using testing::FakeReply;
using testing::FakeRequest;
using testing::FakeTwilio;
using testing::RunResult;
using testing::TempDir;
using testing::twilio_error;
using testing::twilio_like;
using namespace std::chrono_literals;

// The binary inherits this process's environment: no proxy may stand between it and 127.0.0.1.
class NoProxy : public ::testing::Environment {
 public:
  void SetUp() override { testing::bypass_proxies(); }
};
const auto* const kNoProxy = ::testing::AddGlobalTestEnvironment(new NoProxy);

const std::string kAccount = "AC2b4e8c1d9f3a7b6c5d0e1f2a3b4c5d6e";
const std::string kOtherAccount = "ACef27e9589c6948f6d30c01c3f252edc8";
const std::string kKey = "SK6d25decf3753941b5faf4eb937466b35";
const std::string kLiveToken = "7ff4adfa36d0840164709ab7f3f386d0";
const std::string kDeadToken = "c2d54265f7aa444a16747ebb38425b13";
const std::string kRestrictedSecret = "WmLk57xSuxg8YTZsM21UqhpwblI4qQss";

std::string token_file(const std::string& token, const std::string& account = kAccount) {
  return "from twilio.rest import Client\naccount_sid = \"" + account + "\"\nauth_token = \"" + token + "\"\n";
}

std::string key_file(const std::string& secret) {
  return "TWILIO_ACCOUNT_SID=" + kAccount + "\nTWILIO_API_KEY=" + kKey + "\nTWILIO_API_SECRET=" + secret + "\n";
}

// A distinct Twilio-shaped token per index.
std::string token(int i) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "5be0e1f4c7a2938d%08x%08x", 0x1a2b3c4du * static_cast<unsigned>(i + 3),
                0x9e3779b9u ^ static_cast<unsigned>(i * 7919));
  return buf;
}

FakeReply ok(std::string body = "{\"sid\": \"AC\", \"status\": \"active\"}") {
  FakeReply r;
  r.body = std::move(body);
  return r;
}

FakeReply error_reply(int status, int code) {
  FakeReply r;
  r.status = status;
  r.body = twilio_error(status, code, "error");
  return r;
}

struct Scan {
  RunResult run;
  json doc;
  const json* finding(const std::string& rule, const std::string& path_suffix = "") const {
    for (const json& f : doc["findings"]) {
      const std::string path = f["path"].get<std::string>();
      if (f["rule_id"] == rule && (path_suffix.empty() || path.size() >= path_suffix.size()) &&
          path.compare(path.size() - path_suffix.size(), path_suffix.size(), path_suffix) == 0) {
        return &f;
      }
    }
    return nullptr;
  }
};

Scan scan_json(const std::vector<std::string>& args) {
  Scan s;
  std::vector<std::string> argv = args;
  argv.insert(argv.begin() + 1, {"--no-config", "--format", "json"});
  s.run = testing::twilint(argv);
  s.doc = json::parse(s.run.out, nullptr, false);
  EXPECT_FALSE(s.doc.is_discarded()) << s.run.out << s.run.err;
  return s;
}

// ---- Nothing is sent without --verify

TEST(VerifyE2E, NoRequestIsMadeWithoutVerify) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir dir;
  dir.write("a/app.py", token_file(kLiveToken));
  dir.write("b/.env", key_file(kRestrictedSecret));
  dir.write("c/run.sh", "curl -s \"https://" + kAccount + ":" + kDeadToken +
                            "@api.twilio.com/2010-04-01/Accounts/" + kAccount + "/Messages.json\"\n");
  dir.write(".twilint.toml", "[verify]\nendpoint = \"" + server.url() + "\"\n");

  for (const std::string format : {"text", "json", "sarif", "github", "junit"}) {
    RunResult r = testing::twilint({"scan", "--format", format, "--verify-endpoint", server.url(), dir.str()});
    EXPECT_EQ(r.exit_code, 1) << format << r.err;
    EXPECT_EQ(r.err.find("--verify:"), std::string::npos) << r.err;
  }
  // The config names the server too: still nothing without the flag.
  EXPECT_EQ(testing::twilint({"scan", dir.str()}).exit_code, 1);
  // --only-verified does not imply --verify: it is refused.
  RunResult only = testing::twilint({"scan", "--only-verified", "--verify-endpoint", server.url(), dir.str()});
  EXPECT_EQ(only.exit_code, 2) << only.err;

  // History and staged modes too.
  TempDir repo;
  testing::git(repo.str(), {"init", "-q"});
  repo.write("app.py", token_file(kLiveToken));
  testing::git(repo.str(), {"add", "-A"});
  testing::git(repo.str(), {"commit", "-q", "-m", "add"});
  repo.write("new.py", token_file(kDeadToken));
  testing::git(repo.str(), {"add", "-A"});
  EXPECT_EQ(testing::twilint({"history", "--verify-endpoint", server.url(), repo.str()}).exit_code, 1);
  EXPECT_EQ(testing::twilint({"staged", "--verify-endpoint", server.url(), repo.str()}).exit_code, 1);

  EXPECT_EQ(server.connection_count(), 0u);
  EXPECT_EQ(server.request_count(), 0u);
}

// ---- Outcomes in the reports

TEST(VerifyE2E, EachOutcomeIsRecordedAndLiveOnesBecomeCritical) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}, {kRestrictedSecret, error_reply(403, 20403)}}));
  TempDir dir;
  dir.write("live/app.py", token_file(kLiveToken));
  dir.write("dead/app.py", token_file(kDeadToken));
  dir.write("key/.env", key_file(kRestrictedSecret));
  dir.write("lonely/app.py", "twilio_auth_token = \"" + token(1) + "\"\n");  // no Account SID anywhere near

  Scan s = scan_json({"scan", "--verify", "--verify-endpoint", server.url(), dir.str()});
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_NE(s.run.err.find("twilint: --verify: 4 unique credentials, 3 requests to " + server.url() + ", 2 live"),
            std::string::npos)
      << s.run.err;

  const json* live = s.finding("twilio-auth-token", "live/app.py");
  ASSERT_NE(live, nullptr);
  EXPECT_EQ((*live)["verification"],
            (json{{"status", "live"}, {"http_status", 200}, {"twilio_code", nullptr}, {"detail", ""}}));
  EXPECT_EQ((*live)["severity"], "critical");
  EXPECT_NE((*live)["message"].get<std::string>().find("verified live"), std::string::npos);

  const json* dead = s.finding("twilio-auth-token", "dead/app.py");
  ASSERT_NE(dead, nullptr);
  EXPECT_EQ((*dead)["verification"]["status"], "invalid");
  EXPECT_EQ((*dead)["verification"]["http_status"], 401);
  EXPECT_EQ((*dead)["verification"]["twilio_code"], 20003);
  EXPECT_EQ((*dead)["message"].get<std::string>().find("verified live"), std::string::npos);

  const json* key = s.finding("twilio-api-key-secret", "key/.env");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ((*key)["verification"]["status"], "restricted");
  EXPECT_EQ((*key)["verification"]["http_status"], 403);
  EXPECT_EQ((*key)["verification"]["twilio_code"], 20403);
  EXPECT_EQ((*key)["severity"], "critical");

  const json* lonely = s.finding("twilio-auth-token", "lonely/app.py");
  ASSERT_NE(lonely, nullptr);
  EXPECT_EQ((*lonely)["severity"], "high");
  EXPECT_EQ((*lonely)["verification"]["status"], "indeterminate");
  EXPECT_EQ((*lonely)["verification"]["detail"], "no account SID found to probe with");

  // Identifiers are not credentials: no verification key at all.
  for (const json& f : s.doc["findings"]) {
    if (f["kind"] == "identifier") {
      EXPECT_FALSE(f.contains("verification")) << f.dump();
    }
  }
  // The secrets themselves never appear in the output.
  for (const std::string& secret : {kLiveToken, kDeadToken, kRestrictedSecret, token(1)}) {
    EXPECT_EQ(s.run.out.find(secret), std::string::npos) << secret;
    EXPECT_EQ(s.run.err.find(secret), std::string::npos) << secret;
  }
}

TEST(VerifyE2E, EveryFormatShowsTheOutcome) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir dir;
  dir.write("app.py", token_file(kLiveToken));
  auto run = [&](const std::string& format) {
    RunResult r = testing::twilint(
        {"scan", "--no-config", "--format", format, "--verify", "--verify-endpoint", server.url(), dir.str()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    return r.out;
  };
  EXPECT_NE(run("text").find("verified: live (HTTP 200)"), std::string::npos);
  EXPECT_NE(run("github").find("verified: live (HTTP 200)"), std::string::npos);
  EXPECT_NE(run("junit").find("verified: live (HTTP 200)"), std::string::npos);
  json sarif = json::parse(run("sarif"));
  bool found = false;
  for (const json& result : sarif["runs"][0]["results"]) {
    if (result["ruleId"] != "twilio-auth-token") continue;
    found = true;
    EXPECT_EQ(result["properties"]["verification"]["status"], "live");
    EXPECT_EQ(result["properties"]["verification"]["http_status"], 200);
    EXPECT_EQ(result["level"], "error");
  }
  EXPECT_TRUE(found);
}

// ---- --only-verified and --fail-on

TEST(VerifyE2E, OnlyVerifiedReportsLiveOnesAndFailOnStillApplies) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}, {kRestrictedSecret, error_reply(403, 20403)}}));
  TempDir dir;
  dir.write("live/app.py", token_file(kLiveToken));
  dir.write("dead/app.py", token_file(kDeadToken));
  dir.write("key/.env", key_file(kRestrictedSecret));

  Scan s = scan_json({"scan", "--verify", "--only-verified", "--fail-on", "critical", "--verify-endpoint",
                      server.url(), dir.str()});
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  ASSERT_EQ(s.doc["findings"].size(), 2u) << s.doc.dump(2);
  for (const json& f : s.doc["findings"]) {
    EXPECT_TRUE(f["verification"]["status"] == "live" || f["verification"]["status"] == "restricted") << f.dump();
    EXPECT_EQ(f["severity"], "critical");
  }
  bool noted = false;
  for (const json& note : s.doc["stats"]["notes"]) noted = noted || note.get<std::string>().find("--only-verified") == 0;
  EXPECT_TRUE(noted) << s.doc["stats"].dump();

  // Nothing live: nothing reported, and the exit code is clean.
  TempDir quiet;
  quiet.write("dead/app.py", token_file(kDeadToken));
  Scan none = scan_json({"scan", "--verify", "--only-verified", "--verify-endpoint", server.url(), quiet.str()});
  EXPECT_EQ(none.run.exit_code, 0) << none.run.err;
  EXPECT_TRUE(none.doc["findings"].empty());
  // --fail-on none keeps a live finding from failing the run.
  Scan lenient = scan_json({"scan", "--verify", "--only-verified", "--fail-on", "none", "--verify-endpoint",
                            server.url(), dir.str()});
  EXPECT_EQ(lenient.run.exit_code, 0);
  EXPECT_EQ(lenient.doc["findings"].size(), 2u);
}

// ---- Bounds

TEST(VerifyE2E, OneRequestPerUniqueCredential) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir dir;
  for (int i = 0; i < 6; ++i) dir.write("copy" + std::to_string(i) + "/app.py", token_file(kLiveToken));
  Scan s = scan_json({"scan", "--verify", "--verify-endpoint", server.url(), dir.str()});
  EXPECT_EQ(s.run.exit_code, 1);
  EXPECT_EQ(server.request_count(), 1u);
  int live = 0;
  for (const json& f : s.doc["findings"]) live += f.contains("verification") && f["verification"]["status"] == "live";
  EXPECT_EQ(live, 6);
}

TEST(VerifyE2E, ConcurrencyDefaultsToFourAndIsConfigurable) {
  std::map<std::string, FakeReply> answers;
  TempDir dir;
  for (int i = 0; i < 10; ++i) {
    FakeReply slow = ok();
    slow.delay = 200ms;
    answers[token(i)] = slow;
    dir.write("svc" + std::to_string(i) + "/app.py", token_file(token(i)));
  }
  {
    FakeTwilio server(twilio_like(answers));
    Scan s = scan_json({"scan", "--verify", "--verify-endpoint", server.url(), dir.str()});
    EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
    EXPECT_EQ(server.request_count(), 10u);
    EXPECT_EQ(server.max_in_flight(), 4);
  }
  {
    FakeTwilio server(twilio_like(answers));
    Scan s = scan_json({"scan", "--verify", "--verify-concurrency", "2", "--verify-endpoint", server.url(), dir.str()});
    EXPECT_EQ(server.request_count(), 10u);
    EXPECT_EQ(server.max_in_flight(), 2);
  }
  EXPECT_EQ(testing::twilint({"scan", "--verify", "--verify-concurrency", "0", dir.str()}).exit_code, 2);
}

TEST(VerifyE2E, TimeoutsMakeSlowAnswersIndeterminate) {
  std::map<std::string, FakeReply> answers;
  TempDir dir;
  for (int i = 0; i < 4; ++i) {
    FakeReply slow = ok();
    slow.delay = 10s;
    answers[token(20 + i)] = slow;
    dir.write("svc" + std::to_string(i) + "/app.py", token_file(token(20 + i)));
  }
  FakeTwilio server(twilio_like(answers));
  auto started = std::chrono::steady_clock::now();
  Scan s = scan_json({"scan", "--verify", "--verify-request-timeout", "0.3", "--verify-endpoint", server.url(), dir.str()});
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  int indeterminate = 0;
  for (const json& f : s.doc["findings"]) {
    if (!f.contains("verification")) continue;
    EXPECT_EQ(f["verification"]["status"], "indeterminate") << f.dump();
    EXPECT_EQ(f["severity"], "critical") << "pairing made it critical; the timeout changes nothing";
    ++indeterminate;
  }
  EXPECT_EQ(indeterminate, 4);

  // The whole budget: one slow request at a time, one second for all of them.
  FakeTwilio budget_server(twilio_like(answers));
  started = std::chrono::steady_clock::now();
  Scan b = scan_json({"scan", "--verify", "--verify-timeout", "1", "--verify-concurrency", "1", "--verify-endpoint",
                      budget_server.url(), dir.str()});
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(budget_server.request_count(), 1u);
  int budget_notes = 0;
  for (const json& f : b.doc["findings"]) {
    if (f.contains("verification")) {
      budget_notes += f["verification"]["detail"].get<std::string>().find("budget ran out") != std::string::npos;
    }
  }
  EXPECT_EQ(budget_notes, 3);
}

// ---- Endpoint, config, baseline, history

TEST(VerifyE2E, ConfigEndpointIsUsedAndTheFlagOverridesIt) {
  FakeTwilio config_server(twilio_like({{kLiveToken, ok()}}));
  FakeTwilio flag_server(twilio_like({{kLiveToken, ok()}}));
  TempDir dir;
  dir.write("app.py", token_file(kLiveToken));
  dir.write(".twilint.toml", "[verify]\nendpoint = \"" + config_server.url() + "/\"\n");
  RunResult r = testing::twilint({"scan", "--format", "json", "--verify", dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(config_server.request_count(), 1u);
  r = testing::twilint({"scan", "--format", "json", "--verify", "--verify-endpoint", flag_server.url(), dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(config_server.request_count(), 1u);
  EXPECT_EQ(flag_server.request_count(), 1u);

  RunResult bad = testing::twilint({"scan", "--verify", "--verify-endpoint", "ftp://127.0.0.1", dir.str()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--verify-endpoint"), std::string::npos) << bad.err;
}

TEST(VerifyE2E, BaselinedCredentialsAreNotSent) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir dir, out;
  dir.write("app.py", token_file(kLiveToken));
  const std::string baseline = out.str() + "/baseline.json";
  ASSERT_EQ(testing::twilint({"baseline", "create", "--no-config", dir.str(), "-o", baseline}).exit_code, 0);
  RunResult r = testing::twilint(
      {"scan", "--no-config", "--verify", "--baseline", baseline, "--verify-endpoint", server.url(), dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server.connection_count(), 0u);
  // A baseline lists fingerprints: --verify has nothing to do there and says so.
  EXPECT_EQ(testing::twilint({"baseline", "create", "--verify", dir.str(), "-o", baseline}).exit_code, 2);
  EXPECT_EQ(server.connection_count(), 0u);
}

TEST(VerifyE2E, HistoryFindingsAreVerified) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir repo;
  testing::git(repo.str(), {"init", "-q"});
  repo.write("app.py", token_file(kLiveToken));
  testing::git(repo.str(), {"add", "-A"});
  testing::git(repo.str(), {"commit", "-q", "-m", "add"});
  repo.write("app.py", "# moved to the environment\n");
  testing::git(repo.str(), {"commit", "-q", "-am", "remove"});
  Scan s = scan_json({"history", "--verify", "--verify-endpoint", server.url(), repo.str()});
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  const json* f = s.finding("twilio-auth-token");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->contains("commit"));
  EXPECT_EQ((*f)["verification"]["status"], "live");
  EXPECT_EQ(server.request_count(), 1u);
}

// ---- Pairing across the files of one change: an Account SID in one file, the token in another

std::string sid_file(const std::string& account = kAccount) { return "TWILIO_ACCOUNT_SID=" + account + "\n"; }
std::string lonely_token_file(const std::string& secret) { return "twilio_auth_token = \"" + secret + "\"\n"; }

void commit_all(const TempDir& repo, const std::string& message) {
  testing::git(repo.str(), {"add", "-A"});
  testing::git(repo.str(), {"commit", "-q", "-m", message});
}

// The one request the fake server saw must be the Auth Token probe for `account`.
void expect_one_token_probe(const FakeTwilio& server, const std::string& account, const std::string& secret) {
  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/2010-04-01/Accounts/" + account + ".json");
  EXPECT_EQ(requests[0].user, account);
  EXPECT_EQ(requests[0].password, secret);
}

TEST(VerifyE2E, HistoryPairsATokenWithTheAccountSidOfItsCommit) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir repo;
  testing::git(repo.str(), {"init", "-q"});
  repo.write("config/sid.env", sid_file());
  repo.write("app/token.py", lonely_token_file(kLiveToken));
  commit_all(repo, "add the Twilio client");
  Scan s = scan_json({"history", "--verify", "--verify-endpoint", server.url(), repo.str()});
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  const json* f = s.finding("twilio-auth-token", "app/token.py");
  ASSERT_NE(f, nullptr) << s.doc.dump(2);
  EXPECT_EQ((*f)["verification"]["status"], "live") << f->dump();
  EXPECT_EQ((*f)["severity"], "critical");
  expect_one_token_probe(server, kAccount, kLiveToken);
}

TEST(VerifyE2E, HistoryDoesNotPairWithASidFromAnEarlierCommit) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir repo;
  testing::git(repo.str(), {"init", "-q"});
  repo.write("config/sid.env", sid_file());
  commit_all(repo, "configure the account");
  repo.write("app/token.py", lonely_token_file(kLiveToken));
  commit_all(repo, "add the token");
  Scan s = scan_json({"history", "--verify", "--verify-endpoint", server.url(), repo.str()});
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  const json* f = s.finding("twilio-auth-token", "app/token.py");
  ASSERT_NE(f, nullptr) << s.doc.dump(2);
  EXPECT_EQ((*f)["verification"]["status"], "indeterminate");
  const std::string detail = (*f)["verification"]["detail"];
  EXPECT_EQ(detail.rfind("no account SID in the same file and none elsewhere in commit ", 0), 0u) << detail;
  EXPECT_EQ(server.connection_count(), 0u);
}

TEST(VerifyE2E, HistoryDoesNotGuessBetweenSeveralSidsOfACommit) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir repo;
  testing::git(repo.str(), {"init", "-q"});
  repo.write("config/prod.env", sid_file(kAccount));
  repo.write("config/staging.env", sid_file(kOtherAccount));
  repo.write("app/token.py", lonely_token_file(kLiveToken));
  // In the same commit, a token with a SID in its own file still pairs with that one.
  repo.write("service/client.py", token_file(kDeadToken, kOtherAccount));
  commit_all(repo, "two environments");
  Scan s = scan_json({"history", "--verify", "--verify-endpoint", server.url(), repo.str()});
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  const json* lonely = s.finding("twilio-auth-token", "app/token.py");
  ASSERT_NE(lonely, nullptr) << s.doc.dump(2);
  EXPECT_EQ((*lonely)["verification"]["status"], "indeterminate");
  const std::string detail = (*lonely)["verification"]["detail"];
  EXPECT_NE(detail.find("2 different ones in commit "), std::string::npos) << detail;
  EXPECT_NE(detail.find("not guessing which"), std::string::npos) << detail;
  const json* own = s.finding("twilio-auth-token", "service/client.py");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ((*own)["verification"]["status"], "invalid");
  expect_one_token_probe(server, kOtherAccount, kDeadToken);  // nothing at all for the lonely token
  EXPECT_NE(s.run.err.find("2 unique credentials, 1 request"), std::string::npos) << s.run.err;
}

TEST(VerifyE2E, StagedPairsAcrossTheStagedFilesOnly) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir repo;
  testing::git(repo.str(), {"init", "-q"});
  repo.write("README.md", "# service\n");
  commit_all(repo, "init");
  repo.write("config/sid.env", sid_file());
  repo.write("app/token.py", lonely_token_file(kLiveToken));
  testing::git(repo.str(), {"add", "-A"});
  Scan s = scan_json({"staged", "--verify", "--verify-endpoint", server.url(), repo.str()});
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  const json* f = s.finding("twilio-auth-token", "app/token.py");
  ASSERT_NE(f, nullptr) << s.doc.dump(2);
  EXPECT_EQ((*f)["verification"]["status"], "live") << f->dump();
  expect_one_token_probe(server, kAccount, kLiveToken);

  // With the SID committed before, staging only the token leaves it unpaired: the SID is not part
  // of the next commit.
  FakeTwilio later_server(twilio_like({{kLiveToken, ok()}}));
  TempDir later_repo;
  testing::git(later_repo.str(), {"init", "-q"});
  later_repo.write("config/sid.env", sid_file());
  commit_all(later_repo, "configure the account");
  later_repo.write("app/token.py", lonely_token_file(kLiveToken));
  testing::git(later_repo.str(), {"add", "app/token.py"});
  Scan later = scan_json({"staged", "--verify", "--verify-endpoint", later_server.url(), later_repo.str()});
  EXPECT_EQ(later.run.exit_code, 1) << later.run.err;
  const json* g = later.finding("twilio-auth-token", "app/token.py");
  ASSERT_NE(g, nullptr) << later.doc.dump(2);
  EXPECT_EQ((*g)["verification"]["status"], "indeterminate");
  EXPECT_EQ((*g)["verification"]["detail"],
            "no account SID in the same file and none elsewhere in the staged change");
  EXPECT_EQ(later_server.connection_count(), 0u);
}

TEST(VerifyE2E, WorkingTreeScanPairsWithinTheSameFileOnly) {
  FakeTwilio server(twilio_like({{kLiveToken, ok()}}));
  TempDir dir;
  dir.write("config/sid.env", sid_file());
  dir.write("app/token.py", lonely_token_file(kLiveToken));
  Scan s = scan_json({"scan", "--verify", "--verify-endpoint", server.url(), dir.str()});
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  const json* f = s.finding("twilio-auth-token", "app/token.py");
  ASSERT_NE(f, nullptr) << s.doc.dump(2);
  EXPECT_EQ((*f)["verification"]["status"], "indeterminate");
  EXPECT_EQ((*f)["verification"]["detail"], "no account SID found to probe with");
  EXPECT_EQ(server.connection_count(), 0u);
}

// ---- The rest of the family: SendGrid API keys and Twilio OAuth apps

const std::string kSendgridKey = "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";
const std::string kClientId = "OQ503b99196c1710e9ca0617fbe323eaa0";
const std::string kClientSecret = "VeX53NzCTNI42hPpnxA1bRsqvAvArLzAzBWQ8IhxpdbjvxQ011OGUt96eR3W1EuK";

void write_family_files(TempDir& dir) {
  dir.write("mail/.env", "SENDGRID_API_KEY=" + kSendgridKey + "\n");
  dir.write("oauth/.env", "TWILIO_CLIENT_ID=" + kClientId + "\nTWILIO_CLIENT_SECRET=" + kClientSecret + "\n");
}

FakeReply family_answer(const FakeRequest& r) {
  if (r.target == "/v3/scopes" && r.bearer == kSendgridKey) return ok(R"({"scopes":["mail.send"]})");
  if (r.target == "/v2/token" && r.method == "POST") return ok(R"({"access_token":"eyJhbGciOiJIUzI1NiJ9.e30.c2ln"})");
  FakeReply denied = ok(R"({"errors":[{"message":"denied"}]})");
  denied.status = 401;
  return denied;
}

TEST(VerifyE2E, SendgridAndOAuthGoToTheirOwnServicesOnlyWithVerify) {
  FakeTwilio sendgrid(family_answer);
  FakeTwilio oauth(family_answer);
  FakeTwilio twilio(twilio_like({}));
  TempDir dir;
  write_family_files(dir);
  const std::vector<std::string> endpoints = {"--verify-endpoint", twilio.url(),
                                              "--verify-endpoint", "sendgrid=" + sendgrid.url(),
                                              "--verify-endpoint", "twilio-oauth=" + oauth.url()};
  std::vector<std::string> without = {"scan"};
  without.insert(without.end(), endpoints.begin(), endpoints.end());
  without.push_back(dir.str());
  EXPECT_EQ(scan_json(without).run.exit_code, 1);
  EXPECT_EQ(sendgrid.connection_count() + oauth.connection_count() + twilio.connection_count(), 0u);

  std::vector<std::string> with = {"scan", "--verify"};
  with.insert(with.end(), endpoints.begin(), endpoints.end());
  with.push_back(dir.str());
  Scan s = scan_json(with);
  EXPECT_EQ(s.run.exit_code, 1) << s.run.err;
  EXPECT_EQ(twilio.request_count(), 0u);
  ASSERT_EQ(sendgrid.request_count(), 1u);
  EXPECT_EQ(sendgrid.requests()[0].target, "/v3/scopes");
  ASSERT_EQ(oauth.request_count(), 1u);
  EXPECT_EQ(oauth.requests()[0].body,
            "grant_type=client_credentials&client_id=" + kClientId + "&client_secret=" + kClientSecret);

  const json* mail = s.finding("sendgrid-api-key", "mail/.env");
  ASSERT_NE(mail, nullptr) << s.doc.dump(2);
  EXPECT_EQ((*mail)["verification"]["status"], "live");
  EXPECT_EQ((*mail)["severity"], "critical");
  EXPECT_NE((*mail)["message"].get<std::string>().find("SendGrid accepted"), std::string::npos) << *mail;
  const json* app = s.finding("twilio-oauth-client-secret", "oauth/.env");
  ASSERT_NE(app, nullptr) << s.doc.dump(2);
  EXPECT_EQ((*app)["verification"]["status"], "live");
  EXPECT_EQ((*app)["severity"], "critical");
  EXPECT_NE(s.run.err.find(sendgrid.url()), std::string::npos) << s.run.err;
  EXPECT_NE(s.run.err.find(oauth.url()), std::string::npos) << s.run.err;
  for (const std::string& secret : {kSendgridKey, kClientSecret, std::string("eyJhbGciOiJIUzI1NiJ9")}) {
    EXPECT_EQ(s.run.out.find(secret), std::string::npos) << secret;
    EXPECT_EQ(s.run.err.find(secret), std::string::npos) << secret;
  }
}

TEST(VerifyE2E, ConfigNamesTheFamilyEndpointsAndBadOnesAreRefused) {
  FakeTwilio server(family_answer);
  TempDir dir;
  write_family_files(dir);
  dir.write(".twilint.toml", "[verify]\nsendgrid_endpoint = \"" + server.url() + "\"\noauth_endpoint = \"" +
                                 server.url() + "/\"\n");
  RunResult r = testing::twilint({"scan", "--format", "json", "--verify", dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(server.request_count(), 2u) << r.err;

  RunResult unknown = testing::twilint({"scan", "--verify", "--verify-endpoint", "mailgun=" + server.url(), dir.str()});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown service 'mailgun'"), std::string::npos) << unknown.err;
  TempDir bad;
  bad.write("a.env", "x=1\n");
  bad.write(".twilint.toml", "[verify]\nsendgrid_endpoint = \"ftp://127.0.0.1\"\n");
  RunResult config = testing::twilint({"scan", bad.str()});
  EXPECT_EQ(config.exit_code, 2);
  EXPECT_NE(config.err.find("sendgrid_endpoint"), std::string::npos) << config.err;
  EXPECT_EQ(server.request_count(), 2u);
}

}  // namespace
}  // namespace twilint
