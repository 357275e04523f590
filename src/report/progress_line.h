// The progress line a long history scan shows on a terminal:
//   "twilint history: 1234/5678 blobs (22%), 48.0 MB/s, about 1m20s left"
// Before the walk has found every blob the total is a lower bound ("5678+") and so is the
// estimate ("at least 1m20s left"); before the first blob is done there is no rate yet.
#pragma once

#include <string>

#include "model/progress.h"

namespace twilint::report {

std::string progress_line(const model::ProgressSnapshot& p);

}  // namespace twilint::report
