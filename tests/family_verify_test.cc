// --verify for SendGrid API keys and Twilio OAuth app credentials: the request each one sends (to a
// fake server on 127.0.0.1) and how every answer maps to an outcome. A wrong mapping is the costly
// mistake: "invalid" tells the user a leaked key is harmless, so only the service's own error body
// may say it.
#include <gtest/gtest.h>

#include <string>

#include "model/verification.h"
#include "support/fake_twilio.h"
#include "support/test_support.h"
#include "verify/family_probe.h"
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
using namespace std::chrono_literals;

class NoProxy : public ::testing::Environment {
 public:
  void SetUp() override { testing::bypass_proxies(); }
};
const auto* const kNoProxy = ::testing::AddGlobalTestEnvironment(new NoProxy);

const std::string kSendgridKey = "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";
const std::string kClientId = "OQ503b99196c1710e9ca0617fbe323eaa0";
const std::string kClientSecret = "VeX53NzCTNI42hPpnxA1bRsqvAvArLzAzBWQ8IhxpdbjvxQ011OGUt96eR3W1EuK";

CredentialCandidate sendgrid_key(const std::string& secret = kSendgridKey) {
  CredentialCandidate c;
  c.finding_key = "sendgrid:" + secret;
  c.kind = CredentialKind::kSendgridKey;
  c.secret = secret;
  return c;
}

CredentialCandidate oauth_client(const std::string& client_id = kClientId) {
  CredentialCandidate c;
  c.finding_key = "oauth:" + client_id;
  c.kind = CredentialKind::kOAuthClient;
  c.key_sid = client_id;
  c.secret = kClientSecret;
  return c;
}

verify::HttpResponse answer(int status, std::string body) {
  verify::HttpResponse r;
  r.complete = true;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// ---- SendGrid: what each answer means

struct Case {
  std::string name;
  int status;
  std::string body;
  VerificationStatus expected;
  std::string detail_has;
};

// `classify` maps the case's answer as the case expects.
void expect_mapping(const Case& c, Verification (*classify)(const verify::HttpResponse&)) {
  Verification v = classify(answer(c.status, c.body));
  EXPECT_EQ(v.status, c.expected) << model::describe(v);
  EXPECT_EQ(v.http_status, c.status);
  EXPECT_NE(v.detail.find(c.detail_has), std::string::npos) << v.detail;
}

class SendgridMapping : public ::testing::TestWithParam<Case> {};

TEST_P(SendgridMapping, MapsTheAnswer) { expect_mapping(GetParam(), verify::classify_sendgrid); }

const std::string kSendgridErrors = R"({"errors":[{"field":null,"message":"authorization required"}]})";

INSTANTIATE_TEST_SUITE_P(
    Answers, SendgridMapping,
    ::testing::Values(
        Case{"ScopesListIsLive", 200, R"({"scopes":["mail.send","alerts.read"]})", VerificationStatus::kLive,
             "2 scopes"},
        Case{"OkWithoutScopesIsNotSendgrid", 200, "<html>portal</html>", VerificationStatus::kIndeterminate,
             "without SendGrid's JSON body"},
        Case{"OkWithOtherJsonIsNotSendgrid", 200, R"({"status":"ok"})", VerificationStatus::kIndeterminate,
             "without SendGrid's JSON body"},
        Case{"UnauthorizedWithErrorsIsInvalid", 401, kSendgridErrors, VerificationStatus::kInvalid, "rejected"},
        Case{"UnauthorizedFromAProxyIsIndeterminate", 401, "Unauthorized", VerificationStatus::kIndeterminate,
             "proxy"},
        Case{"ForbiddenWithErrorsIsRestricted", 403, kSendgridErrors, VerificationStatus::kRestricted,
             "restricted"},
        Case{"ForbiddenFromAFirewallIsIndeterminate", 403, "{}", VerificationStatus::kIndeterminate, "proxy"},
        Case{"RateLimitIsIndeterminate", 429, kSendgridErrors, VerificationStatus::kIndeterminate, "rate limited"},
        Case{"ServerErrorIsIndeterminate", 503, "", VerificationStatus::kIndeterminate, "SendGrid server error"},
        Case{"NotFoundIsIndeterminate", 404, kSendgridErrors, VerificationStatus::kIndeterminate,
             "unexpected HTTP status 404"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// ---- Twilio OAuth: what each answer means

class OAuthMapping : public ::testing::TestWithParam<Case> {};

TEST_P(OAuthMapping, MapsTheAnswer) { expect_mapping(GetParam(), verify::classify_oauth); }

INSTANTIATE_TEST_SUITE_P(
    Answers, OAuthMapping,
    ::testing::Values(
        Case{"AccessTokenIsLive", 200, R"({"access_token":"eyJ.x.y","token_type":"Bearer","expires_in":3600})",
             VerificationStatus::kLive, "discarded"},
        Case{"OkWithoutATokenIsNotTwilio", 200, R"({"ok":true})", VerificationStatus::kIndeterminate,
             "without Twilio OAuth's JSON body"},
        Case{"InvalidClientIsInvalid", 400, R"({"error":"invalid_client"})", VerificationStatus::kInvalid,
             "rejected"},
        Case{"OtherBadRequestIsIndeterminate", 400, R"({"error":"unsupported_grant_type"})",
             VerificationStatus::kIndeterminate, "unexpected HTTP status 400"},
        Case{"UnauthorizedWithTwilioCodeIsInvalid", 401, R"({"code":20003,"message":"Authenticate","status":401})",
             VerificationStatus::kInvalid, "rejected"},
        Case{"UnauthorizedWithOAuthErrorIsInvalid", 401, R"({"error":"invalid_client"})",
             VerificationStatus::kInvalid, "rejected"},
        Case{"UnauthorizedFromAProxyIsIndeterminate", 401, "denied", VerificationStatus::kIndeterminate, "proxy"},
        Case{"RateLimitIsIndeterminate", 429, "{}", VerificationStatus::kIndeterminate, "rate limited"},
        Case{"ServerErrorIsIndeterminate", 500, "{}", VerificationStatus::kIndeterminate,
             "Twilio OAuth server error"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(FamilyProbe, IncompleteExchangesAreIndeterminate) {
  verify::HttpResponse timed_out;
  timed_out.timed_out = true;
  timed_out.error = "timeout";
  EXPECT_EQ(verify::classify_sendgrid(timed_out).status, VerificationStatus::kIndeterminate);
  EXPECT_EQ(verify::classify_oauth(timed_out).status, VerificationStatus::kIndeterminate);
  verify::HttpResponse cancelled;
  cancelled.cancelled = true;
  EXPECT_EQ(verify::classify_oauth(cancelled).detail, "interrupted");
}

// ---- What is planned

TEST(FamilyProbe, FormEncodeEscapesAllButUnreservedCharacters) {
  EXPECT_EQ(verify::form_encode("abcXYZ019-_.~"), "abcXYZ019-_.~");
  EXPECT_EQ(verify::form_encode("a b&c=d+e/f%"), "a%20b%26c%3Dd%2Be%2Ff%25");
  EXPECT_EQ(verify::form_encode("\xff"), "%FF");
}

TEST(FamilyProbe, OAuthSecretWithoutAClientIdSendsNothing) {
  verify::ProbePlan plan = verify::plan_oauth_probe(oauth_client(""), "https://oauth.example");
  EXPECT_FALSE(plan.probe);
  EXPECT_EQ(plan.outcome.status, VerificationStatus::kIndeterminate);
  EXPECT_NE(plan.outcome.detail.find("client id"), std::string::npos) << plan.outcome.detail;
}

TEST(FamilyProbe, PlanProbeSendsEachKindToItsOwnService) {
  verify::Endpoints endpoints{"https://twilio.example", "https://sendgrid.example", "https://oauth.example"};
  verify::ProbePlan sendgrid = verify::plan_probe(sendgrid_key(), endpoints);
  ASSERT_TRUE(sendgrid.probe);
  EXPECT_EQ(sendgrid.probe->url, "https://sendgrid.example/v3/scopes");
  EXPECT_EQ(sendgrid.probe->bearer, kSendgridKey);
  EXPECT_TRUE(sendgrid.probe->user.empty());
  verify::ProbePlan oauth = verify::plan_probe(oauth_client(), endpoints);
  ASSERT_TRUE(oauth.probe);
  EXPECT_EQ(oauth.probe->method, "POST");
  EXPECT_EQ(oauth.probe->url, "https://oauth.example/v2/token");
  EXPECT_TRUE(oauth.probe->bearer.empty());
}

// ---- What goes over the wire

verify::VerifyOptions options_for(const FakeTwilio& server) {
  verify::VerifyOptions o;
  o.endpoints.twilio = server.url() + "/twilio";
  o.endpoints.sendgrid = server.url() + "/sendgrid";
  o.endpoints.twilio_oauth = server.url() + "/oauth";
  o.user_agent = "twilint/test";
  o.request_timeout = 2s;
  o.time_budget = 20s;
  return o;
}

FakeReply reply(int status, std::string body) {
  FakeReply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(FamilyVerify, SendgridKeyIsOneGetWithTheKeyAsBearer) {
  FakeTwilio server([](const FakeRequest& r) {
    return r.bearer == kSendgridKey ? reply(200, R"({"scopes":["mail.send"]})") : reply(401, kSendgridErrors);
  });
  verify::VerifyResult result = verify::verify_all({sendgrid_key()}, options_for(server));
  EXPECT_EQ(result.outcomes.at("sendgrid:" + kSendgridKey).status, VerificationStatus::kLive);
  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/sendgrid/v3/scopes");
  EXPECT_EQ(requests[0].headers.at("authorization"), "Bearer " + kSendgridKey);
  EXPECT_EQ(requests[0].body_bytes, 0u);
}

TEST(FamilyVerify, OAuthClientIsOnePostOfTheClientCredentialsGrant) {
  FakeTwilio server([](const FakeRequest&) { return reply(200, R"({"access_token":"eyJhbGciOi.e30.sig"})"); });
  verify::VerifyResult result = verify::verify_all({oauth_client()}, options_for(server));
  const Verification& v = result.outcomes.at("oauth:" + kClientId);
  EXPECT_EQ(v.status, VerificationStatus::kLive);
  EXPECT_EQ(v.detail.find("eyJhbGciOi"), std::string::npos) << "the issued token is never kept: " << v.detail;
  std::vector<FakeRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const FakeRequest& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/oauth/v2/token");
  EXPECT_FALSE(r.has_authorization) << "client credentials go in the form, not a header";
  EXPECT_EQ(r.headers.at("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(r.body, "grant_type=client_credentials&client_id=" + kClientId + "&client_secret=" + kClientSecret);
}

TEST(FamilyVerify, EachServiceHasItsOwnEndpointAndNothingCrosses) {
  FakeTwilio server([](const FakeRequest& r) {
    if (r.target.rfind("/sendgrid/", 0) == 0) return reply(401, kSendgridErrors);
    if (r.target.rfind("/oauth/", 0) == 0) return reply(400, R"({"error":"invalid_client"})");
    return reply(404, "{}");
  });
  verify::VerifyResult result = verify::verify_all({sendgrid_key(), oauth_client()}, options_for(server));
  EXPECT_EQ(result.outcomes.at("sendgrid:" + kSendgridKey).status, VerificationStatus::kInvalid);
  EXPECT_EQ(result.outcomes.at("oauth:" + kClientId).status, VerificationStatus::kInvalid);
  EXPECT_EQ(server.request_count(), 2u);
  for (const FakeRequest& r : server.requests()) EXPECT_EQ(r.target.find("/twilio/"), std::string::npos) << r.target;
}

}  // namespace
}  // namespace twilint
