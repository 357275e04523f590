// How far a long scan has come, for a progress display the caller draws (scan::ScanOptions::
// progress hands one over about every quarter second).
#pragma once

#include <cstdint>

namespace twilint::model {

struct ProgressSnapshot {
  uint64_t done = 0;         // blobs finished
  uint64_t total = 0;        // blobs found so far
  bool total_known = false;  // the walk has finished: `total` is final
  uint64_t bytes = 0;        // bytes scanned so far
  double seconds = 0;        // since the scan started
  bool finished = false;     // the scan is over: the display should go away
};

}  // namespace twilint::model
