// Opens the incremental history cache for one `twilint history` run (flags --cache-dir and
// --no-cache, config `cache_dir`), keyed by everything that decides a blob's findings.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "cache/blob_cache.h"
#include "cli/scan_pipeline.h"

namespace twilint::cli {

// Adds --cache-dir and --no-cache (history only).
void add_cache_options(CLI::App* command, CommonOptions& options);

// The cache to use for a history scan of the repository at `repo`, or nullptr: with --no-cache,
// --show-secrets or --verify (the cache never holds unredacted secrets), outside a repository, or
// when the cache cannot be used (a warning on stderr says why).
std::unique_ptr<cache::BlobCache> open_history_cache(const CommonOptions& options, const Loaded& loaded,
                                                     const std::string& repo, uint64_t max_file_size);

// Stores what the scan added; a failure is a warning on stderr only.
void save_history_cache(cache::BlobCache& cache);

}  // namespace twilint::cli
