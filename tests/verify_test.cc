// src/verify and the scan stage's credential pairing: every Twilio answer mapped to its outcome, the
// exact requests sent, one request per unique credential, the concurrency bound, the per-request
// timeout, the time budget and Retry-After — all against a fake Twilio on 127.0.0.1.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "model/verification.h"
#include "rules/embedded.h"
#include "rules/loader.h"
#include "scan/credential_pairs.h"
#include "scan/finding_builder.h"
#include "scan/scanner.h"
#include "scan/scope_pairing.h"
#include "support/fake_twilio.h"
#include "verify/twilio_probe.h"
#include "verify/verifier.h"

namespace twilint {
namespace {

using model::CredentialCandidate;
using model::CredentialKind;
using model::Verification;
using model::VerificationStatus;
using testing::FakeReply;
using testing::FakeRequest;
using testing::FakeTwilio;
using testing::twilio_error;
using testing::twilio_like;
using namespace std::chrono_literals;

const std::string kAccount = "AC2b4e8c1d9f3a7b6c5d0e1f2a3b4c5d6e";
const std::string kOtherAccount = "ACef27e9589c6948f6d30c01c3f252edc8";
const std::string kKey = "SK6d25decf3753941b5faf4eb937466b35";

// libcurl honours proxy variables; a test must never go through one.
class NoProxy : public ::testing::Environment {
 public:
  void SetUp() override {
    for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
      ::unsetenv(name);
    }
    ::setenv("no_proxy", "*", 1);
    ::setenv("NO_PROXY", "*", 1);
  }
};
const auto* const kNoProxy = ::testing::AddGlobalTestEnvironment(new NoProxy);

// A distinct, Twilio-shaped Auth Token per index (32 lowercase hex).
std::string token(int i) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "7ff4adfa36d08401";
  unsigned v = 0x9e3779b9u * static_cast<unsigned>(i + 1);
  for (int k = 0; k < 16; ++k) {
    out += kHex[(v >> ((k % 8) * 4)) & 0xf];
    if (k % 8 == 7) v = v * 2654435761u + 12345u;
  }
  return out;
}

// A distinct API key secret per index (32 mixed-case alphanumerics).
std::string key_secret(int i) { return "WmLk57xSuxg8YTZsM21UqhpwblI4q" + std::to_string(100 + i); }

CredentialCandidate auth_token(const std::string& secret, std::string key = "", std::string account = kAccount) {
  CredentialCandidate c;
  c.finding_key = key.empty() ? "finding:" + secret : std::move(key);
  c.kind = CredentialKind::kAuthToken;
  c.account_sid = std::move(account);
  c.secret = secret;
  return c;
}

CredentialCandidate api_key(const std::string& secret, std::string key = "", std::string sk = kKey,
                            std::string account = kAccount) {
  CredentialCandidate c;
  c.finding_key = key.empty() ? "finding:" + secret : std::move(key);
  c.kind = CredentialKind::kApiKey;
  c.key_sid = std::move(sk);
  c.account_sid = std::move(account);
  c.secret = secret;
  return c;
}

verify::VerifyOptions options_for(const FakeTwilio& server) {
  verify::VerifyOptions o;
  o.endpoints.twilio = server.url();
  o.user_agent = "twilint/test";
  o.request_timeout = 2s;
  o.time_budget = 20s;
  return o;
}

Verification verify_one(const CredentialCandidate& c, const verify::VerifyOptions& options) {
  verify::VerifyResult r = verify::verify_all({c}, options);
  EXPECT_EQ(r.outcomes.count(c.finding_key), 1u);
  return r.outcomes[c.finding_key];
}

// ---- The mapping from Twilio's answers to outcomes

struct MappingCase {
  std::string name;
  CredentialKind kind;
  FakeReply reply;
  VerificationStatus status;
  int http_status;
  int twilio_code;
  std::string detail_has;  // a substring the detail must contain ("" = any)
};

class Mapping : public ::testing::TestWithParam<MappingCase> {};

TEST_P(Mapping, MapsTheAnswerToItsOutcome) {
  const MappingCase& c = GetParam();
  const std::string secret = c.kind == CredentialKind::kAuthToken ? token(1) : key_secret(1);
  FakeTwilio server(twilio_like({{secret, c.reply}}));
  verify::VerifyOptions options = options_for(server);
  options.request_timeout = 300ms;
  options.time_budget = 5s;
  const CredentialCandidate candidate = c.kind == CredentialKind::kAuthToken ? auth_token(secret) : api_key(secret);

  Verification v = verify_one(candidate, options);
  EXPECT_EQ(v.status, c.status) << model::describe(v);
  EXPECT_EQ(v.http_status, c.http_status) << model::describe(v);
  EXPECT_EQ(v.twilio_code, c.twilio_code) << model::describe(v);
  EXPECT_NE(v.detail.find(c.detail_has), std::string::npos) << v.detail;
  EXPECT_EQ(v.detail.find(secret), std::string::npos) << "the detail must never carry the secret";
  EXPECT_EQ(server.request_count(), 1u);
}

FakeReply reply(int status, std::string body, std::string retry_after = "") {
  return testing::make_reply(status, std::move(body), std::move(retry_after));
}

FakeReply slow_reply() {
  FakeReply r;
  r.delay = 3s;
  r.body = "{\"sid\": \"AC\"}";
  return r;
}

FakeReply dropped() {
  FakeReply r;
  r.drop = true;
  return r;
}

const std::string kAccountJson = "{\"sid\": \"" + kAccount + "\", \"status\": \"active\"}";
const std::string kMessagesJson = "{\"messages\": [], \"page_size\": 1}";

INSTANTIATE_TEST_SUITE_P(
    TwilioAnswers, Mapping,
    ::testing::Values(
        MappingCase{"AuthToken200IsLive", CredentialKind::kAuthToken, reply(200, kAccountJson),
                    VerificationStatus::kLive, 200, 0, ""},
        MappingCase{"ApiKey200IsLive", CredentialKind::kApiKey, reply(200, kMessagesJson), VerificationStatus::kLive,
                    200, 0, ""},
        MappingCase{"AuthToken401IsInvalid", CredentialKind::kAuthToken,
                    reply(401, twilio_error(401, 20003, "Authenticate")), VerificationStatus::kInvalid, 401, 20003,
                    "rejected"},
        MappingCase{"AuthToken403IsRestricted", CredentialKind::kAuthToken,
                    reply(403, twilio_error(403, 20403, "Forbidden")), VerificationStatus::kRestricted, 403, 20403,
                    "authenticated"},
        MappingCase{"ApiKey403IsRestricted", CredentialKind::kApiKey,
                    reply(403, twilio_error(403, 20403, "Forbidden")), VerificationStatus::kRestricted, 403, 20403,
                    "restricted"},
        MappingCase{"AuthToken404IsAccountMismatch", CredentialKind::kAuthToken,
                    reply(404, twilio_error(404, 20404, "Not Found")), VerificationStatus::kLive, 404, 20404,
                    "authenticated, account mismatch"},
        MappingCase{"ApiKey404IsAccountMismatch", CredentialKind::kApiKey,
                    reply(404, twilio_error(404, 20404, "Not Found")), VerificationStatus::kLive, 404, 20404,
                    "authenticated, account mismatch"},
        MappingCase{"RateLimitPastTheBudgetIsIndeterminate", CredentialKind::kAuthToken,
                    reply(429, twilio_error(429, 20429, "Too Many Requests"), "3600"),
                    VerificationStatus::kIndeterminate, 429, 20429, "rate limited (Retry-After 3600 s)"},
        MappingCase{"ServerErrorIsIndeterminate", CredentialKind::kAuthToken,
                    reply(500, twilio_error(500, 20500, "Internal Server Error")), VerificationStatus::kIndeterminate,
                    500, 20500, "server error"},
        MappingCase{"UnavailableIsIndeterminate", CredentialKind::kApiKey, reply(503, "<html>down</html>"),
                    VerificationStatus::kIndeterminate, 503, 0, "server error"},
        // A firewall's or proxy's page is not Twilio's answer: never read it as live or invalid.
        MappingCase{"Firewall403IsIndeterminate", CredentialKind::kApiKey, reply(403, "<html>Access denied</html>"),
                    VerificationStatus::kIndeterminate, 403, 0, "without Twilio's JSON body"},
        MappingCase{"Proxy401IsIndeterminate", CredentialKind::kAuthToken, reply(401, "Proxy login required"),
                    VerificationStatus::kIndeterminate, 401, 0, "without Twilio's JSON body"},
        MappingCase{"Portal200IsIndeterminate", CredentialKind::kAuthToken, reply(200, "<html>Welcome</html>"),
                    VerificationStatus::kIndeterminate, 200, 0, "without Twilio's JSON body"},
        MappingCase{"Unexpected302IsIndeterminate", CredentialKind::kAuthToken, reply(302, ""),
                    VerificationStatus::kIndeterminate, 302, 0, "unexpected HTTP status 302"},
        MappingCase{"SlowAnswerIsIndeterminate", CredentialKind::kAuthToken, slow_reply(),
                    VerificationStatus::kIndeterminate, 0, 0, "no answer in time"},
        MappingCase{"DroppedConnectionIsIndeterminate", CredentialKind::kApiKey, dropped(),
                    VerificationStatus::kIndeterminate, 0, 0, "request failed"}),
    [](const ::testing::TestParamInfo<MappingCase>& info) { return info.param.name; });

TEST(Verify, ApiKey401SaysInvalidOrRestrictedNeverPlainInvalid) {
  FakeTwilio server(twilio_like({}));  // every secret is unknown: 401 / 20003
  Verification v = verify_one(api_key(key_secret(2)), options_for(server));
  EXPECT_EQ(v.status, VerificationStatus::kInvalid);
  EXPECT_EQ(v.http_status, 401);
  EXPECT_EQ(v.twilio_code, 20003);
  EXPECT_EQ(v.detail, "invalid, or restricted with no access to the probed resource");
  EXPECT_EQ(model::describe(v),
            "invalid (HTTP 401, Twilio error 20003): invalid, or restricted with no access to the probed resource");
}

TEST(Verify, AuthToken401IsPlainInvalid) {
  FakeTwilio server(twilio_like({}));
  Verification v = verify_one(auth_token(token(2)), options_for(server));
  EXPECT_EQ(v.status, VerificationStatus::kInvalid);
  EXPECT_EQ(v.twilio_code, 20003);
  EXPECT_FALSE(model::is_live(v));
}

TEST(Verify, LiveAndRestrictedCountAsLive) {
  EXPECT_TRUE(model::is_live(Verification{VerificationStatus::kLive, 200, 0, ""}));
  EXPECT_TRUE(model::is_live(Verification{VerificationStatus::kRestricted, 403, 20403, ""}));
  EXPECT_FALSE(model::is_live(Verification{VerificationStatus::kInvalid, 401, 20003, ""}));
  EXPECT_FALSE(model::is_live(Verification{VerificationStatus::kIndeterminate, 429, 0, ""}));
  EXPECT_EQ(model::describe(Verification{VerificationStatus::kLive, 200, 0, ""}), "live (HTTP 200)");
  EXPECT_EQ(model::describe(Verification{VerificationStatus::kIndeterminate, 0, 0, "interrupted"}),
            "indeterminate: interrupted");
}

TEST(Verify, ConnectionRefusedIsIndeterminate) {
  int port = 0;
  {
    FakeTwilio closed(twilio_like({}));
    port = closed.port();
  }  // nothing listens there any more
  verify::VerifyOptions options;
  options.endpoints.twilio = "http://127.0.0.1:" + std::to_string(port);
  Verification v = verify_one(auth_token(token(3)), options);
  EXPECT_EQ(v.status, VerificationStatus::kIndeterminate);
  EXPECT_EQ(v.http_status, 0);
  EXPECT_NE(v.detail.find("request failed"), std::string::npos) << v.detail;
}

TEST(Verify, TlsFailureIsIndeterminate) {
  // https:// to a server that speaks plain HTTP: the TLS handshake fails.
  FakeTwilio server(twilio_like({{token(4), reply(200, kAccountJson)}}));
  verify::VerifyOptions options = options_for(server);
  options.endpoints.twilio = "https://127.0.0.1:" + std::to_string(server.port());
  Verification v = verify_one(auth_token(token(4)), options);
  EXPECT_EQ(v.status, VerificationStatus::kIndeterminate);
  EXPECT_EQ(v.http_status, 0);
  EXPECT_EQ(server.request_count(), 0u) << "no HTTP request may go out without TLS";
}

// ---- What is sent

TEST(Verify, AuthTokenProbeIsOneGetOnTheAccountWithBasicAuth) {
  FakeTwilio server(twilio_like({{token(5), reply(200, kAccountJson)}}));
  Verification v = verify_one(auth_token(token(5)), options_for(server));
  EXPECT_EQ(v.status, VerificationStatus::kLive);
  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const FakeRequest& r = requests[0];
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/2010-04-01/Accounts/" + kAccount + ".json");
  EXPECT_EQ(r.user, kAccount);
  EXPECT_EQ(r.password, token(5));
  EXPECT_EQ(r.body_bytes, 0u);
  EXPECT_EQ(r.headers.at("user-agent"), "twilint/test");
  EXPECT_EQ(r.headers.at("accept"), "application/json");
}

TEST(Verify, ApiKeyProbeReadsOneMessageNotAccounts) {
  FakeTwilio server(twilio_like({{key_secret(5), reply(200, kMessagesJson)}}));
  Verification v = verify_one(api_key(key_secret(5)), options_for(server));
  EXPECT_EQ(v.status, VerificationStatus::kLive);
  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/2010-04-01/Accounts/" + kAccount + "/Messages.json?PageSize=1");
  EXPECT_EQ(requests[0].user, kKey);
  EXPECT_EQ(requests[0].password, key_secret(5));
  EXPECT_EQ(requests[0].body_bytes, 0u);
}

TEST(Verify, EndpointPathPrefixIsKept) {
  FakeTwilio server([](const FakeRequest& r) {
    return r.target.rfind("/proxy/twilio/2010-04-01/", 0) == 0 ? reply(200, "{}") : reply(404, "{}");
  });
  verify::VerifyOptions options = options_for(server);
  options.endpoints.twilio = server.url() + "/proxy/twilio";
  EXPECT_EQ(verify_one(auth_token(token(6)), options).status, VerificationStatus::kLive);
}

TEST(Verify, MissingPartnerSidsSendNothing) {
  FakeTwilio server(twilio_like({}));
  std::vector<CredentialCandidate> candidates = {auth_token(token(7), "a", ""), api_key(key_secret(7), "b", "", kAccount),
                                                 api_key(key_secret(8), "c", kKey, "")};
  verify::VerifyResult r = verify::verify_all(candidates, options_for(server));
  EXPECT_EQ(server.connection_count(), 0u);
  EXPECT_EQ(r.requests_sent, 0u);
  EXPECT_EQ(r.outcomes["a"].status, VerificationStatus::kIndeterminate);
  EXPECT_EQ(r.outcomes["a"].detail, "no account SID found to probe with");
  EXPECT_EQ(r.outcomes["b"].detail, "no API key SID found to probe with");
  EXPECT_EQ(r.outcomes["c"].detail, "no account SID found to probe with");
}

TEST(Verify, UnpairedReasonIsTheDetailAndStaysPerCandidate) {
  FakeTwilio server(twilio_like({}));
  CredentialCandidate several = auth_token(token(9), "several", "");
  several.unpaired_reason = "no account SID in the same file and 2 different ones in commit 0123456789ab";
  CredentialCandidate none = auth_token(token(9), "none", "");  // the same token, unpaired elsewhere
  verify::VerifyResult r = verify::verify_all({several, none}, options_for(server));
  EXPECT_EQ(server.connection_count(), 0u);
  EXPECT_EQ(r.outcomes["several"].status, VerificationStatus::kIndeterminate);
  EXPECT_EQ(r.outcomes["several"].detail, several.unpaired_reason);
  EXPECT_EQ(r.outcomes["none"].detail, "no account SID found to probe with");
}

// ---- Bounds

TEST(Verify, OneRequestPerUniqueCredential) {
  FakeTwilio server(twilio_like({{token(8), reply(200, kAccountJson)}}));
  std::vector<CredentialCandidate> candidates;
  for (int i = 0; i < 5; ++i) candidates.push_back(auth_token(token(8), "copy" + std::to_string(i)));
  candidates.push_back(auth_token(token(9), "other"));                          // another token
  candidates.push_back(auth_token(token(8), "elsewhere", kOtherAccount));       // same token, other account
  verify::VerifyResult r = verify::verify_all(candidates, options_for(server));
  EXPECT_EQ(r.unique_credentials, 3u);
  EXPECT_EQ(r.requests_sent, 3u);
  EXPECT_EQ(server.request_count(), 3u);
  ASSERT_EQ(r.outcomes.size(), candidates.size());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(r.outcomes["copy" + std::to_string(i)].status, VerificationStatus::kLive);
  EXPECT_EQ(r.outcomes["other"].status, VerificationStatus::kInvalid);
  std::set<std::string> users;
  for (const FakeRequest& request : server.requests()) users.insert(request.user + ":" + request.password);
  EXPECT_EQ(users, (std::set<std::string>{kAccount + ":" + token(8), kAccount + ":" + token(9),
                                          kOtherAccount + ":" + token(8)}));
}

void expect_concurrency_bound(unsigned concurrency, size_t credentials) {
  std::map<std::string, FakeReply> answers;
  std::vector<CredentialCandidate> candidates;
  for (size_t i = 0; i < credentials; ++i) {
    FakeReply slow = reply(200, kAccountJson);
    slow.delay = 150ms;
    answers[token(100 + static_cast<int>(i))] = slow;
    candidates.push_back(auth_token(token(100 + static_cast<int>(i))));
  }
  FakeTwilio server(twilio_like(answers));
  verify::VerifyOptions options = options_for(server);
  options.concurrency = concurrency;
  verify::VerifyResult r = verify::verify_all(candidates, options);
  EXPECT_EQ(server.request_count(), credentials);
  for (const auto& [key, v] : r.outcomes) EXPECT_EQ(v.status, VerificationStatus::kLive) << key;
  EXPECT_LE(server.max_in_flight(), static_cast<int>(concurrency));
  // Slow answers overlap, so the bound is reached, not just respected by running one at a time.
  EXPECT_EQ(server.max_in_flight(), static_cast<int>(std::min<size_t>(concurrency, credentials)));
}

TEST(Verify, ConcurrencyIsBoundedByTheLimit) { expect_concurrency_bound(3, 12); }
TEST(Verify, ConcurrencyOneIsSequential) { expect_concurrency_bound(1, 4); }
TEST(Verify, DefaultConcurrencyIsFour) {
  EXPECT_EQ(verify::VerifyOptions{}.concurrency, 4u);
  expect_concurrency_bound(verify::VerifyOptions{}.concurrency, 10);
}

TEST(Verify, PerRequestTimeoutCutsASlowAnswer) {
  FakeReply slow = reply(200, kAccountJson);
  slow.delay = 5s;
  FakeTwilio server(twilio_like({{token(10), slow}}));
  verify::VerifyOptions options = options_for(server);
  options.request_timeout = 300ms;
  auto started = std::chrono::steady_clock::now();
  Verification v = verify_one(auth_token(token(10)), options);
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(v.status, VerificationStatus::kIndeterminate);
  EXPECT_NE(v.detail.find("no answer in time"), std::string::npos) << v.detail;
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
  EXPECT_EQ(verify::VerifyOptions{}.request_timeout, 5s);
}

TEST(Verify, TimeBudgetStopsSendingAndNothingIsInvalid) {
  std::map<std::string, FakeReply> answers;
  std::vector<CredentialCandidate> candidates;
  for (int i = 0; i < 6; ++i) {
    FakeReply slow = reply(200, kAccountJson);
    slow.delay = 5s;
    answers[token(200 + i)] = slow;
    candidates.push_back(auth_token(token(200 + i)));
  }
  FakeTwilio server(twilio_like(answers));
  verify::VerifyOptions options = options_for(server);
  options.concurrency = 1;
  options.request_timeout = 5s;
  options.time_budget = 500ms;
  auto started = std::chrono::steady_clock::now();
  verify::VerifyResult r = verify::verify_all(candidates, options);
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, 2s);
  EXPECT_EQ(server.request_count(), 1u) << "after the budget is spent nothing more is sent";
  EXPECT_EQ(r.requests_sent, 1u);
  size_t not_checked = 0;
  for (const auto& [key, v] : r.outcomes) {
    EXPECT_EQ(v.status, VerificationStatus::kIndeterminate) << key;
    not_checked += v.detail.find("budget ran out") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(not_checked, 5u);
  EXPECT_EQ(verify::VerifyOptions{}.time_budget, 60s);
}

TEST(Verify, RetryAfterIsHonouredWithinTheBudget) {
  std::atomic<int> calls{0};
  std::vector<std::chrono::steady_clock::time_point> at;
  std::mutex at_mutex;
  FakeTwilio server([&](const FakeRequest&) {
    {
      std::lock_guard lock(at_mutex);
      at.push_back(std::chrono::steady_clock::now());
    }
    if (calls++ == 0) return reply(429, twilio_error(429, 20429, "Too Many Requests"), "1");
    return reply(200, kAccountJson);
  });
  verify::VerifyResult r = verify::verify_all({auth_token(token(11))}, options_for(server));
  EXPECT_EQ(r.outcomes.begin()->second.status, VerificationStatus::kLive);
  EXPECT_EQ(r.requests_sent, 2u);
  ASSERT_EQ(at.size(), 2u);
  EXPECT_GE(at[1] - at[0], 950ms) << "the second try waits for Retry-After";
}

TEST(Verify, RepeatedRateLimitGivesUpAfterMaxAttempts) {
  FakeTwilio server([](const FakeRequest&) { return reply(429, twilio_error(429, 20429, "Too Many Requests"), "1"); });
  verify::VerifyResult r = verify::verify_all({auth_token(token(12))}, options_for(server));
  const Verification& v = r.outcomes.begin()->second;
  EXPECT_EQ(v.status, VerificationStatus::kIndeterminate);
  EXPECT_EQ(v.http_status, 429);
  EXPECT_EQ(server.request_count(), static_cast<size_t>(verify::kMaxAttempts));
  EXPECT_NE(v.detail.find("gave up"), std::string::npos) << v.detail;
}

TEST(Verify, RetryAfterPastTheBudgetIsNotWaitedFor) {
  FakeTwilio server([](const FakeRequest&) { return reply(429, twilio_error(429, 20429, "Too Many Requests"), "30"); });
  verify::VerifyOptions options = options_for(server);
  options.time_budget = 3s;
  auto started = std::chrono::steady_clock::now();
  verify::VerifyResult r = verify::verify_all({auth_token(token(13))}, options);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  EXPECT_EQ(server.request_count(), 1u);
  EXPECT_NE(r.outcomes.begin()->second.detail.find("exceed the --verify-timeout budget"), std::string::npos);
}

TEST(Verify, CancelledSendsNothing) {
  FakeTwilio server(twilio_like({}));
  std::atomic<bool> cancel{true};
  verify::VerifyOptions options = options_for(server);
  options.cancel = &cancel;
  Verification v = verify_one(auth_token(token(14)), options);
  EXPECT_EQ(v.status, VerificationStatus::kIndeterminate);
  EXPECT_EQ(server.connection_count(), 0u);
}

TEST(Verify, NoCandidatesNoThreadsNoRequests) {
  verify::VerifyResult r = verify::verify_all({}, verify::VerifyOptions{});
  EXPECT_TRUE(r.outcomes.empty());
  EXPECT_EQ(r.requests_sent, 0u);
}

TEST(TwilioProbe, ErrorCodeOnlyFromTwilioJson) {
  EXPECT_EQ(verify::twilio_error_code(twilio_error(401, 20003, "Authenticate")), 20003);
  EXPECT_EQ(verify::twilio_error_code("{\"code\": \"20003\"}"), std::nullopt);
  EXPECT_EQ(verify::twilio_error_code("[20003]"), std::nullopt);
  EXPECT_EQ(verify::twilio_error_code("<html>"), std::nullopt);
  EXPECT_EQ(verify::twilio_error_code(""), std::nullopt);
}

// ---- The scan stage's pairing

class Pairing : public ::testing::Test {
 protected:
  Pairing() {
    auto set = rules::load_rules(rules::embedded_sources());
    if (!set) ADD_FAILURE() << set.errors().front().to_string();
    rules_ = std::move(*set);
    config_ = config::default_config();
  }
  std::vector<CredentialCandidate> candidates(const std::string& text, std::vector<model::Finding>* findings = nullptr) {
    scan::ScanOptions options;
    options.collect_credentials = true;
    scan::Scanner scanner(rules_, config_, options);
    model::ScanStats stats;
    std::vector<CredentialCandidate> out;
    std::vector<model::Finding> found = scanner.analyze(text, model::Origin{"app.py", "app.py", std::nullopt}, stats, &out);
    std::set<std::string> keys;
    for (const model::Finding& f : found) keys.insert(scan::finding_key(f));
    for (const CredentialCandidate& c : out) EXPECT_EQ(keys.count(c.finding_key), 1u) << "every candidate is a finding";
    if (findings) *findings = found;
    return out;
  }
  rules::RuleSet rules_;
  config::Config config_;
};

TEST_F(Pairing, AuthTokenTakesTheNearestAccountSid) {
  const std::string text = "# other account: " + kOtherAccount + "\n\n\n\n\n\n\n\n\naccount_sid = \"" + kAccount +
                           "\"\nauth_token = \"" + token(20) + "\"\n";
  std::vector<model::Finding> findings;
  std::vector<CredentialCandidate> c = candidates(text, &findings);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, CredentialKind::kAuthToken);
  EXPECT_EQ(c[0].account_sid, kAccount);
  EXPECT_EQ(c[0].secret, token(20));
  for (const model::Finding& f : findings) {
    EXPECT_EQ(f.secret.find(token(20)), std::string::npos) << "findings stay redacted";
    EXPECT_EQ(f.snippet.find(token(20)), std::string::npos);
  }
}

TEST_F(Pairing, ApiKeySecretTakesItsKeyAndAnAccount) {
  const std::string text = "TWILIO_ACCOUNT_SID=" + kAccount + "\nTWILIO_API_KEY=" + kKey +
                           "\nTWILIO_API_SECRET=" + key_secret(20) + "\n";
  std::vector<CredentialCandidate> c = candidates(text);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, CredentialKind::kApiKey);
  EXPECT_EQ(c[0].key_sid, kKey);
  EXPECT_EQ(c[0].account_sid, kAccount);
  EXPECT_EQ(c[0].secret, key_secret(20));
}

TEST_F(Pairing, ApiKeyWithoutAccountKeepsTheAccountEmpty) {
  std::vector<CredentialCandidate> c = candidates("TWILIO_API_KEY=" + kKey + "\nTWILIO_API_SECRET=" + key_secret(21) + "\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].key_sid, kKey);
  EXPECT_EQ(c[0].account_sid, "");
}

TEST_F(Pairing, CredentialUrlUsesItsOwnUser) {
  std::vector<CredentialCandidate> c = candidates(
      "other = \"" + kOtherAccount + "\"\nurl = 'https://" + kKey + ":" + key_secret(22) + "@api.twilio.com/2010-04-01/Accounts/" +
      kAccount + "/Calls.json'\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, CredentialKind::kApiKey);
  EXPECT_EQ(c[0].key_sid, kKey);
  EXPECT_EQ(c[0].account_sid, kAccount) << "the nearest account SID, the one in the URL";

  c = candidates("curl -s \"https://" + kOtherAccount + ":" + token(22) + "@api.twilio.com/2010-04-01/Accounts/" + kAccount +
                 "/Messages.json\"\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, CredentialKind::kAuthToken);
  EXPECT_EQ(c[0].account_sid, kOtherAccount) << "the URL's user is the account the token belongs to";
}

TEST_F(Pairing, BasicAuthHeaderIsDecoded) {
  // base64("AC…:token") as an Authorization header value.
  const std::string pair = kAccount + ":" + token(23);
  static const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string encoded;
  for (size_t i = 0; i < pair.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(pair[i]) << 16;
    if (i + 1 < pair.size()) n |= static_cast<unsigned char>(pair[i + 1]) << 8;
    if (i + 2 < pair.size()) n |= static_cast<unsigned char>(pair[i + 2]);
    encoded += kB64[(n >> 18) & 63];
    encoded += kB64[(n >> 12) & 63];
    encoded += i + 1 < pair.size() ? kB64[(n >> 6) & 63] : '=';
    encoded += i + 2 < pair.size() ? kB64[n & 63] : '=';
  }
  std::vector<CredentialCandidate> c = candidates("headers = {\"Authorization\": \"Basic " + encoded + "\"}  # twilio\n");
  ASSERT_EQ(c.size(), 1u) << encoded;
  EXPECT_EQ(c[0].kind, CredentialKind::kAuthToken);
  EXPECT_EQ(c[0].account_sid, kAccount);
  EXPECT_EQ(c[0].secret, token(23));
}

TEST_F(Pairing, PlaceholderSidsAreNotPartners) {
  std::vector<CredentialCandidate> c = candidates("account_sid = \"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\nauth_token = \"" +
                                                  token(24) + "\"\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].account_sid, "");
}

TEST_F(Pairing, NothingCollectedUnlessAsked) {
  scan::Scanner scanner(rules_, config_, scan::ScanOptions{});
  model::ScanStats stats;
  std::vector<model::Finding> found =
      scanner.analyze("account_sid = \"" + kAccount + "\"\nauth_token = \"" + token(25) + "\"\n",
                      model::Origin{"app.py", "app.py", std::nullopt}, stats);
  EXPECT_FALSE(found.empty());
  for (const model::Finding& f : found) EXPECT_FALSE(f.verification.has_value());
}

// ---- Pairing across the blobs of one change (scan::ScopeSids)

CredentialCandidate in_scope(CredentialCandidate c, std::string scope) {
  c.scope = std::move(scope);
  return c;
}

const std::string kCommitA = "commit 0123456789abcdef0123456789abcdef01234567";
const std::string kCommitB = "commit 89abcdef0123456789abcdef0123456789abcdef";
const std::string kOtherKey = "SK3f1c9a2e7b6d4058c1e9f7a2b3d46e81";

TEST(ScopeSids, TheOnlySidOfTheChangeFillsAMissingOne) {
  scan::ScopeSids sids;
  sids.add_blob(kCommitA, "TWILIO_ACCOUNT_SID=" + kAccount + "\nTWILIO_API_KEY=" + kKey + "\n");
  sids.add_blob(kCommitA, "print('no SIDs here')\n");
  std::vector<CredentialCandidate> c = {in_scope(auth_token(token(30), "t", ""), kCommitA),
                                        in_scope(api_key(key_secret(30), "k", "", ""), kCommitA)};
  sids.pair(c);
  EXPECT_EQ(c[0].account_sid, kAccount);
  EXPECT_EQ(c[0].unpaired_reason, "");
  EXPECT_EQ(c[1].key_sid, kKey);
  EXPECT_EQ(c[1].account_sid, kAccount);
  EXPECT_EQ(c[1].unpaired_reason, "");
}

TEST(ScopeSids, TheSameFilesSidIsNeverReplaced) {
  scan::ScopeSids sids;
  sids.add_blob(kCommitA, "sid = " + kOtherAccount + "\n");
  std::vector<CredentialCandidate> c = {in_scope(auth_token(token(31), "t", kAccount), kCommitA)};
  sids.pair(c);
  EXPECT_EQ(c[0].account_sid, kAccount);
}

TEST(ScopeSids, SeveralDifferentSidsAreNotGuessedBetween) {
  scan::ScopeSids sids;
  sids.add_blob(kCommitA, "prod = " + kAccount + "\n");
  sids.add_blob(kCommitA, "staging = " + kOtherAccount + "\nprod = " + kAccount + "\n");
  sids.add_blob(kCommitA, "key = " + kKey + "\n");
  std::vector<CredentialCandidate> c = {in_scope(auth_token(token(32), "t", ""), kCommitA),
                                        in_scope(api_key(key_secret(32), "k", "", ""), kCommitA)};
  sids.pair(c);
  EXPECT_EQ(c[0].account_sid, "");
  EXPECT_EQ(c[0].unpaired_reason,
            "no account SID in the same file and 2 different ones in commit 0123456789ab: not guessing which");
  EXPECT_EQ(c[1].key_sid, kKey) << "the key SID is unambiguous even though the account is not";
  EXPECT_EQ(c[1].account_sid, "");
  EXPECT_EQ(c[1].unpaired_reason, c[0].unpaired_reason);
}

TEST(ScopeSids, OtherChangesAndUnscopedCandidatesLendNothing) {
  scan::ScopeSids sids;
  sids.add_blob(kCommitA, "sid = " + kAccount + "\nkey = " + kKey + "\n");
  sids.add_blob("", "sid = " + kOtherAccount + "\n");  // a working-tree file: recorded nowhere
  std::vector<CredentialCandidate> c = {in_scope(auth_token(token(33), "b", ""), kCommitB),
                                        in_scope(api_key(key_secret(33), "k", "", ""), kCommitB),
                                        auth_token(token(34), "tree", "")};
  sids.pair(c);
  EXPECT_EQ(c[0].account_sid, "");
  EXPECT_EQ(c[0].unpaired_reason, "no account SID in the same file and none elsewhere in commit 89abcdef0123");
  EXPECT_EQ(c[1].unpaired_reason,
            "no account SID in the same file and none elsewhere in commit 89abcdef0123; "
            "no API key SID in the same file and none elsewhere in commit 89abcdef0123");
  EXPECT_EQ(c[2].account_sid, "");
  EXPECT_EQ(c[2].unpaired_reason, "") << "no scope: the default detail";
}

TEST(ScopeSids, PlaceholdersAndRepeatsDoNotCountAsDifferentSids) {
  scan::ScopeSids sids;
  sids.add_blob("the staged change", "example = ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nreal = " + kAccount + "\n");
  sids.add_blob("the staged change", "again = " + kAccount + "\nzero = AC00000000000000000000000000000000\n");
  std::vector<CredentialCandidate> c = {in_scope(auth_token(token(35), "t", ""), "the staged change")};
  sids.pair(c);
  EXPECT_EQ(c[0].account_sid, kAccount);
}

TEST(ScopeSids, MergeCombinesWhatEachWorkerSaw) {
  scan::ScopeSids one, two, all;
  one.add_blob(kCommitA, "sid = " + kAccount + "\n");
  two.add_blob(kCommitA, "sid = " + kOtherAccount + "\n");
  two.add_blob(kCommitB, "key = " + kOtherKey + "\nsid = " + kAccount + "\n");
  all.merge(one);
  all.merge(two);
  std::vector<CredentialCandidate> c = {in_scope(auth_token(token(36), "a", ""), kCommitA),
                                        in_scope(api_key(key_secret(36), "b", "", ""), kCommitB)};
  all.pair(c);
  EXPECT_EQ(c[0].account_sid, "") << "two workers saw two different SIDs in commit A";
  EXPECT_EQ(c[1].key_sid, kOtherKey);
  EXPECT_EQ(c[1].account_sid, kAccount);
}

TEST(CredentialPairs, DistinctSidsAreSortedUniqueWholeWordsWithoutPlaceholders) {
  const std::string text = kOtherAccount + " " + kAccount + " " + kAccount + " x" + kAccount.substr(0, 33) + "f " +
                           kAccount + "0 ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa " + kKey;
  EXPECT_EQ(scan::distinct_sids(text, 'A'), (std::vector<std::string>{kAccount, kOtherAccount}));
  EXPECT_EQ(scan::distinct_sids(text, 'S'), (std::vector<std::string>{kKey}));
}

TEST(CredentialPairs, SidShape) {
  EXPECT_TRUE(scan::is_sid(kAccount, 'A'));
  EXPECT_TRUE(scan::is_sid(kKey, 'S'));
  EXPECT_FALSE(scan::is_sid(kKey, 'A'));
  EXPECT_FALSE(scan::is_sid("AC2B4E8C1D9F3A7B6C5D0E1F2A3B4C5D6E", 'A'));
  EXPECT_FALSE(scan::is_sid(kAccount.substr(0, 33), 'A'));
}

}  // namespace
}  // namespace twilint
