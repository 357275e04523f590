// Scanning what is too large to hold (a multi-GiB log, a pipe) in bounded memory: the stream is
// read in windows of `window` bytes, each overlapping the previous one by `overlap` bytes so a
// secret cut by a window's end is whole in the next. Each finding is reported by exactly one
// window (the one its secret starts in outside the overlap carried forward), with its line and
// column in the whole stream, so the result is the same as scanning the stream at once as long
// as no match (secret with its context) is longer than `overlap`. (A twilint:allow or allowlist
// hit inside an overlap is counted by both windows that see it.) UTF-16 is not decoded here.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/stats.h"
#include "model/verification.h"
#include "source/source.h"

namespace twilint::scan {

constexpr size_t kWindowBytes = 8 * 1024 * 1024;
constexpr size_t kWindowOverlap = 64 * 1024;

// Findings for one window's bytes (lines and columns within the window); counts suppressed and
// allowlisted findings into `stats` and appends --verify candidates to `credentials` when given.
using WindowAnalyzer = std::function<std::vector<model::Finding>(
    std::string_view window, model::ScanStats& stats, std::vector<model::CredentialCandidate>* credentials)>;

struct WindowScanOptions {
  size_t window = kWindowBytes;
  size_t overlap = kWindowOverlap;  // must be smaller than `window`
  bool skip_binary = true;          // stop after the first window when it looks binary
  std::function<bool()> cancelled;  // polled between windows; may be empty
};

struct WindowScanResult {
  std::vector<model::Finding> findings;
  uint64_t bytes = 0;                // bytes read
  bool binary = false;               // the first window looked binary: nothing was matched
  std::optional<std::string> error;  // a read error: what was read before it was scanned
};

WindowScanResult scan_in_windows(source::ByteStream& stream, const WindowAnalyzer& analyze,
                                 const WindowScanOptions& options, model::ScanStats& stats,
                                 std::vector<model::CredentialCandidate>* credentials);

}  // namespace twilint::scan
