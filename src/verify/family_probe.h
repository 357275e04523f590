// --verify for the rest of the Twilio family: what twilint asks SendGrid and Twilio's OAuth
// server, and what their answers mean. Pure: no I/O. (The Twilio REST probes: twilio_probe.h.)
//
//   SendGrid API key: GET {sendgrid}/v3/scopes, the key as a bearer token. 200 live (the scopes it
//     lists are the key's own); 401 invalid; 403 restricted (authenticated, no access to scopes).
//   OAuth app: POST {oauth}/v2/token, grant_type=client_credentials with the client id and secret
//     as form fields. 200 with an access_token: live (the token is dropped unread); 401, or 400
//     with "invalid_client": invalid.
// Anything else, and any answer without the service's JSON body, is indeterminate, never invalid.
#pragma once

#include <string_view>

#include "model/verification.h"
#include "verify/http_client.h"
#include "verify/twilio_probe.h"

namespace twilint::verify {

ProbePlan plan_sendgrid_probe(const model::CredentialCandidate& credential, std::string_view endpoint);
ProbePlan plan_oauth_probe(const model::CredentialCandidate& credential, std::string_view endpoint);

model::Verification classify_sendgrid(const HttpResponse& response);
model::Verification classify_oauth(const HttpResponse& response);

// `value` percent-encoded for an application/x-www-form-urlencoded body.
std::string form_encode(std::string_view value);

}  // namespace twilint::verify
