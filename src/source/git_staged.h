// What the next commit would add: index entries that differ from HEAD (or every entry before the
// first commit), read from the index's blobs, never the work tree. Each item carries the line
// ranges the staged diff adds or changes, so only findings there are reported.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "source/source.h"
#include "util/status.h"

namespace twilint::source {

// `jobs`: the scan's threads (0 = all cores), for the blob loader.
util::Expected<std::unique_ptr<Source>> open_staged(const std::string& repo, uint64_t max_file_size,
                                                    unsigned jobs = 0);

}  // namespace twilint::source
