// One HTTP request through libcurl, with HTTP basic auth or a bearer token: a read-only GET
// (--verify), the form POST that asks Twilio's OAuth server for a token (--verify of an OAuth app's
// client credentials), or the one DELETE `twilint revoke --yes` sends. TLS certificates and host names are
// always verified; redirects are not followed; only http:// and https:// are allowed. Proxies come
// from the usual environment variables (https_proxy, no_proxy), as for curl itself.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

namespace twilint::verify {

struct HttpRequest {
  std::string url;
  std::string user;      // basic auth; never logged
  std::string password;  // basic auth; never logged
  std::string user_agent;
  std::chrono::milliseconds timeout{5000};  // the whole exchange: connect, TLS, request, response
  const std::atomic<bool>* cancel = nullptr;  // aborts the transfer when it becomes true
  std::string method = "GET";  // "GET", "DELETE", or "POST" (with `form`)
  std::string bearer;          // when set: "Authorization: Bearer …" instead of basic auth; never logged
  std::string form;            // POST only: an application/x-www-form-urlencoded body; never logged
};

struct HttpResponse {
  bool complete = false;   // a whole HTTP response arrived; when false, see `error`
  bool timed_out = false;  // !complete because `timeout` passed
  bool cancelled = false;  // !complete because `cancel` was set
  std::string error;       // !complete: what went wrong (DNS, connect, TLS, connection dropped…)
  int status = 0;          // complete: the HTTP status
  std::string body;        // complete: the first kMaxBody bytes of the body
  long retry_after_seconds = 0;  // complete: the Retry-After header (delta or date), 0 when absent
};

inline constexpr size_t kMaxBody = 64 * 1024;

// Loads libcurl (libcurl.so.4, at run time: the binary does not link it, so only --verify pays
// for its start-up) and initialises it for the process. Call once before any thread calls
// http_get. When it cannot be loaded, every http_get answers with that error.
void http_global_init();

// Sends the request (no body) and waits for the answer. Thread-safe once http_global_init ran.
HttpResponse http_get(const HttpRequest& request);

}  // namespace twilint::verify
