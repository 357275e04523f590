// The progress line a long history scan shows on a terminal:
//   "twilint history: 1234/5678 blobs (22%), 48.0 MB/s, about 1m20s left"
// Before the walk has found every blob the total is a lower bound ("5678+") and so is the
// estimate ("at least 1m20s left"); before the first blob is done there is no rate yet.
#pragma once

#include <cstdint>
#include <string>

namespace twilint::scan {

struct ProgressSnapshot {
  uint64_t done = 0;      // blobs finished
  uint64_t total = 0;     // blobs found so far
  bool total_known = false;  // the walk has finished: `total` is final
  uint64_t bytes = 0;     // bytes scanned so far
  double seconds = 0;     // since the scan started
};

std::string progress_line(const ProgressSnapshot& p);

}  // namespace twilint::scan
