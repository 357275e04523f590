// The documented exit codes (README "Exit codes").
#pragma once

namespace twilint::cli {

constexpr int kExitClean = 0;         // no finding at or above --fail-on
constexpr int kExitFindings = 1;      // findings at or above --fail-on
constexpr int kExitUsage = 2;         // usage, rule or config error (one line per problem on stderr)
constexpr int kExitIncomplete = 3;    // something asked for could not be read; the report says what
constexpr int kExitInterrupted = 130; // Ctrl-C

}  // namespace twilint::cli
