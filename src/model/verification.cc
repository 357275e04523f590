#include "model/verification.h"

#include <string>

namespace twilint::model {

std::string_view to_string(VerificationStatus status) {
  switch (status) {
    case VerificationStatus::kLive: return "live";
    case VerificationStatus::kRestricted: return "restricted";
    case VerificationStatus::kInvalid: return "invalid";
    case VerificationStatus::kIndeterminate: return "indeterminate";
    case VerificationStatus::kConfirmedOffline: return "confirmed-offline";
  }
  return "indeterminate";
}

bool is_live(const Verification& v) {
  return v.status == VerificationStatus::kLive || v.status == VerificationStatus::kRestricted;
}

std::string describe(const Verification& v) {
  std::string out(to_string(v.status));
  if (v.http_status != 0) {
    out += " (HTTP " + std::to_string(v.http_status);
    if (v.twilio_code != 0) out += ", Twilio error " + std::to_string(v.twilio_code);
    out += ")";
  }
  if (!v.detail.empty()) out += ": " + v.detail;
  return out;
}

}  // namespace twilint::model
