// libFuzzer target: the Twilio Access Token (JWT) decoder and base64url.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "match/validators.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)twilint::match::base64url_decode(text);
  if (auto token = twilint::match::decode_twilio_access_token(text)) (void)twilint::match::describe(*token);
  return 0;
}
