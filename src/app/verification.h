// The application side of --verify: turns the flags into verify::VerifyOptions, checks the scan's
// credentials, attaches each outcome to its finding (a live credential becomes critical), and
// applies --only-verified. Nothing is sent unless Settings::verify is set.
#pragma once

#include <atomic>
#include <string>

#include "app/request.h"
#include "config/config.h"
#include "util/status.h"
#include "scan/scanner.h"
#include "verify/verifier.h"

namespace twilint::app {

// Fills `out` from the flags and the config; returns one error for each bad --verify-endpoint and
// for --verify where it does not apply (empty = fine).
util::Diagnostics resolve_verify_options(const Request& request, const config::Config& config,
                                         const std::atomic<bool>* cancel, verify::VerifyOptions& out);

// Verifies result.credentials (then drops them: they hold unredacted secrets), sets each checked
// finding's `verification`, raises live ones to critical, and with --only-verified keeps only live
// findings (counting the others in a note). Returns the one-line summary for the user.
std::string verify_findings(const verify::VerifyOptions& verify_options, bool only_verified, scan::ScanResult& result);

}  // namespace twilint::app
