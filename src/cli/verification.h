// The CLI side of --verify: turns the flags into verify::VerifyOptions, checks the scan's
// credentials, attaches each outcome to its finding (a live credential becomes critical), and
// applies --only-verified. Nothing is sent unless CommonOptions::verify is set.
#pragma once

#include <optional>
#include <string>

#include "cli/scan_pipeline.h"
#include "config/config.h"
#include "scan/scanner.h"
#include "verify/verifier.h"

namespace twilint::cli {

// The verification settings from the flags and config; a usage error is printed and nullopt
// returned for a bad --verify-endpoint or a flag that does not apply.
std::optional<verify::VerifyOptions> verify_options(const CommonOptions& options, const config::Config& config);

// Verifies result.credentials (then drops them: they hold unredacted secrets), sets each checked
// finding's `verification`, raises live ones to critical, and with --only-verified keeps only live
// findings (counting the others in a note). Prints one summary line on stderr.
void verify_findings(const CommonOptions& options, const verify::VerifyOptions& verify_options,
                     scan::ScanResult& result);

}  // namespace twilint::cli
