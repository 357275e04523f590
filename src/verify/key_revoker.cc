#include "verify/key_revoker.h"

#include "verify/http_client.h"
#include "verify/twilio_probe.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0"
#endif

namespace twilint::verify {
namespace {

std::string with_code(std::string text, int code) {
  return code != 0 ? text + " (Twilio error " + std::to_string(code) + ")" : text;
}

RevokeResult classify_revoke(const HttpResponse& r, const RevokeRequest& request) {
  RevokeResult out;
  if (!r.complete) {
    out.status = r.timed_out ? RevokeStatus::kTimedOut : RevokeStatus::kFailed;
    out.detail = r.timed_out ? "no answer within the timeout; the key may or may not be deleted: run again to check"
                             : "request failed: " + r.error;
    return out;
  }
  out.http_status = r.status;
  out.twilio_code = twilio_error_code(r.body).value_or(0);
  out.retry_after_seconds = r.retry_after_seconds;
  switch (r.status) {
    case 200:
    case 204:
      out.status = RevokeStatus::kDeleted;
      out.detail = "deleted " + request.key_sid + ": it no longer authenticates anything";
      break;
    case 401:
      out.status = RevokeStatus::kUnauthorized;
      out.detail = with_code("the credentials were rejected; a Standard API key cannot manage /Keys: use the Auth Token "
                             "(TWILIO_AUTH_TOKEN) or a Main key", out.twilio_code);
      break;
    case 403:
      out.status = RevokeStatus::kForbidden;
      out.detail = with_code("not allowed to delete keys with these credentials", out.twilio_code);
      break;
    case 404:
      out.status = RevokeStatus::kNotFound;
      out.detail = with_code("no key " + request.key_sid + " in account " + request.account_sid +
                             ": already deleted, or it belongs to another account", out.twilio_code);
      break;
    case 429:
      out.status = RevokeStatus::kRateLimited;
      out.detail = "rate limited by Twilio; nothing deleted: retry" +
                   (r.retry_after_seconds > 0 ? " after " + std::to_string(r.retry_after_seconds) + " s" : std::string(" later"));
      break;
    default:
      out.status = r.status >= 500 ? RevokeStatus::kServerError : RevokeStatus::kFailed;
      out.detail = with_code("unexpected answer HTTP " + std::to_string(r.status) + "; nothing known to be deleted: retry later",
                             out.twilio_code);
  }
  return out;
}

}  // namespace

std::string revoke_url(const RevokeRequest& request) {
  return request.endpoint + "/2010-04-01/Accounts/" + request.account_sid + "/Keys/" + request.key_sid + ".json";
}

RevokeResult revoke_key(const RevokeRequest& request) {
  HttpRequest http;
  http.method = "DELETE";
  http.url = revoke_url(request);
  http.user = request.user;
  http.password = request.password;
  http.user_agent = "twilint/" TWILINT_VERSION " (revoke)";
  http.timeout = request.timeout;
  return classify_revoke(http_get(http), request);
}

}  // namespace twilint::verify
