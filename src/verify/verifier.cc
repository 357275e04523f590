#include "verify/verifier.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include "verify/http_client.h"
#include "verify/twilio_probe.h"

namespace twilint::verify {
namespace {

using Clock = std::chrono::steady_clock;
using model::Verification;
using model::VerificationStatus;

// With no Retry-After on a 429, wait this long before the next try.
constexpr std::chrono::seconds kDefaultRetryWait{1};

Verification budget_spent(std::string why) {
  return Verification{VerificationStatus::kIndeterminate, 0, 0, std::move(why)};
}

bool cancelled(const VerifyOptions& options) { return options.cancel != nullptr && options.cancel->load(); }

// Sleeps until `until`, waking early when cancelled. Returns false when cancelled.
bool sleep_until(Clock::time_point until, const VerifyOptions& options) {
  while (Clock::now() < until) {
    if (cancelled(options)) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(50)));
  }
  return !cancelled(options);
}

class Run {
 public:
  explicit Run(const VerifyOptions& options) : options_(options), deadline_(Clock::now() + options.time_budget) {}

  Verification check(const model::CredentialCandidate& credential) {
    ProbePlan plan = plan_probe(credential, options_.endpoints);
    if (!plan.probe) return plan.outcome;
    Verification last;
    for (int attempt = 1;; ++attempt) {
      if (cancelled(options_)) return budget_spent("interrupted");
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
      if (left.count() <= 0) {
        return attempt == 1 ? budget_spent("not checked: the --verify-timeout budget ran out") : last;
      }
      const Probe& probe = *plan.probe;
      HttpRequest request{probe.url,     probe.user,   probe.password, options_.user_agent,
                          std::min(options_.request_timeout, left), options_.cancel, probe.method,
                          probe.bearer,  probe.form};
      ++requests_;
      HttpResponse response = http_get(request);
      last = classify(credential.kind, response);
      if (!response.complete || response.status != 429) return last;
      if (attempt == kMaxAttempts) {
        last.detail += "; gave up after " + std::to_string(kMaxAttempts) + " tries";
        return last;
      }
      auto wait = response.retry_after_seconds > 0 ? std::chrono::seconds(response.retry_after_seconds)
                                                   : kDefaultRetryWait;
      // Waiting only to find the budget gone would waste the run's time: give up now instead.
      if (Clock::now() + wait >= deadline_) {
        last.detail += "; waiting would exceed the --verify-timeout budget";
        return last;
      }
      if (!sleep_until(Clock::now() + wait, options_)) return budget_spent("interrupted");
    }
  }

  size_t requests() const { return requests_.load(); }

 private:
  const VerifyOptions& options_;
  const Clock::time_point deadline_;
  std::atomic<size_t> requests_{0};
};

}  // namespace

std::string_view service_name(model::CredentialKind kind) {
  switch (kind) {
    case model::CredentialKind::kSendgridKey: return "SendGrid";
    case model::CredentialKind::kOAuthClient: return "Twilio's OAuth server";
    default: return "Twilio";
  }
}

VerifyResult verify_all(const std::vector<model::CredentialCandidate>& candidates, const VerifyOptions& options) {
  VerifyResult result;
  // One probe per unique credential; every candidate points at its probe.
  using Identity = std::tuple<model::CredentialKind, std::string, std::string, std::string>;
  std::map<Identity, size_t> index_of;
  std::vector<const model::CredentialCandidate*> unique;
  std::vector<size_t> probe_of(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    const model::CredentialCandidate& c = candidates[i];
    auto [it, inserted] = index_of.try_emplace(Identity{c.kind, c.account_sid, c.key_sid, c.secret}, unique.size());
    if (inserted) unique.push_back(&c);
    probe_of[i] = it->second;
  }
  result.unique_credentials = unique.size();
  for (const model::CredentialCandidate* c : unique) {
    ProbePlan plan = plan_probe(*c, options.endpoints);
    if (!plan.probe) continue;
    const std::string& base = c->kind == model::CredentialKind::kSendgridKey   ? options.endpoints.sendgrid
                              : c->kind == model::CredentialKind::kOAuthClient ? options.endpoints.twilio_oauth
                                                                               : options.endpoints.twilio;
    if (std::find(result.endpoints_used.begin(), result.endpoints_used.end(), base) == result.endpoints_used.end()) {
      result.endpoints_used.push_back(base);
    }
  }

  std::vector<Verification> outcomes(unique.size());
  if (!unique.empty()) {
    http_global_init();
    Run run(options);
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next++; i < unique.size(); i = next++) outcomes[i] = run.check(*unique[i]);
    };
    // Each worker has at most one request in flight, so the worker count is the concurrency bound.
    size_t workers = std::min<size_t>(std::max(1u, options.concurrency), unique.size());
    std::vector<std::thread> threads;
    for (size_t w = 0; w < workers; ++w) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
    result.requests_sent = run.requests();
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    const model::CredentialCandidate& c = candidates[i];
    // An unpaired candidate shares its identity (empty SID) with others unpaired for other reasons
    // (another commit): each keeps its own detail. Nothing is sent for it either way.
    ProbePlan plan = plan_probe(c, options.endpoints);
    result.outcomes[c.finding_key] = plan.probe ? outcomes[probe_of[i]] : std::move(plan.outcome);
  }
  return result;
}

}  // namespace twilint::verify
