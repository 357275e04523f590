// What scanning one blob at one path gave: what the history cache stores and the scanner takes
// back instead of scanning the blob again.
#pragma once

#include <cstdint>
#include <vector>

#include "model/finding.h"

namespace twilint::model {

struct BlobResult {
  bool binary = false;    // skipped as binary (nothing matched)
  uint64_t bytes = 0;     // bytes scanned (0 for binary)
  uint64_t suppressed = 0;
  uint64_t allowlisted = 0;
  std::vector<Finding> findings;  // origin left empty: the caller supplies it
};

}  // namespace twilint::model
