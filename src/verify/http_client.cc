#include "verify/http_client.h"

#include <dlfcn.h>

// Only the types and constants: the functions are looked up at run time (see CurlApi).
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace twilint::verify {
namespace {

// libcurl, loaded on the first verification rather than linked: linking it made every twilint
// process (a pre-commit `staged` run included) load its ~40 dependent libraries at start-up,
// though only --verify uses it.
struct CurlApi {
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  std::string error;  // why it could not be loaded; empty when loaded
};

template <class F>
void bind(void* library, const char* name, F& into, std::string& error) {
  into = reinterpret_cast<F>(dlsym(library, name));
  if (into == nullptr && error.empty()) error = std::string("libcurl.so.4 lacks ") + name;
}

// Loads libcurl once per process (thread-safe) and initialises it.
const CurlApi& curl_api() {
  static const CurlApi api = [] {
    CurlApi a;
    void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* why = dlerror();
      a.error = std::string("cannot load libcurl (needed by --verify): ") + (why != nullptr ? why : "libcurl.so.4");
      return a;
    }
    bind(library, "curl_global_init", a.global_init, a.error);
    bind(library, "curl_easy_init", a.easy_init, a.error);
    bind(library, "curl_easy_setopt", a.easy_setopt, a.error);
    bind(library, "curl_easy_perform", a.easy_perform, a.error);
    bind(library, "curl_easy_getinfo", a.easy_getinfo, a.error);
    bind(library, "curl_easy_cleanup", a.easy_cleanup, a.error);
    bind(library, "curl_easy_strerror", a.easy_strerror, a.error);
    bind(library, "curl_slist_append", a.slist_append, a.error);
    bind(library, "curl_slist_free_all", a.slist_free_all, a.error);
    if (a.error.empty() && a.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) a.error = "could not initialise libcurl";
    return a;  // the library stays loaded for the life of the process
  }();
  return api;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  size_t n = size * count;
  if (body->size() < kMaxBody) body->append(data, std::min(n, kMaxBody - body->size()));
  return n;  // the rest is read and dropped: a long body is no reason to fail
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel != nullptr && cancel->load() ? 1 : 0;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_api().easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_api().slist_free_all(list); }
};

}  // namespace

void http_global_init() { curl_api(); }

HttpResponse http_get(const HttpRequest& request) {
  HttpResponse response;
  const CurlApi& api = curl_api();
  if (!api.error.empty()) {
    response.error = api.error;
    return response;
  }
  auto curl_easy_setopt = api.easy_setopt;
  auto curl_easy_getinfo = api.easy_getinfo;
  std::unique_ptr<CURL, CurlDeleter> curl(api.easy_init());
  if (!curl) {
    response.error = "could not initialise libcurl";
    return response;
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers(api.slist_append(nullptr, "Accept: application/json"));
  char error[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  if (request.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.form.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.form.size()));
  } else {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  if (!request.bearer.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BEARER));
    curl_easy_setopt(h, CURLOPT_XOAUTH2_BEARER, request.bearer.c_str());
  } else if (!request.user.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(h, CURLOPT_USERNAME, request.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, request.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_USERAGENT, request.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout.count()));
  // Worker threads: no SIGALRM-based DNS timeouts.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(request.cancel));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);

  CURLcode rc = api.easy_perform(h);
  if (rc != CURLE_OK) {
    response.body.clear();
    response.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    response.cancelled = rc == CURLE_ABORTED_BY_CALLBACK;
    response.error = error[0] != '\0' ? std::string(error) : std::string(api.easy_strerror(rc));
    return response;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
    response.retry_after_seconds = static_cast<long>(retry_after);
  }
  response.complete = true;
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace twilint::verify
