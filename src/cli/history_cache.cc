#include "cli/history_cache.h"

#include <cstdio>

#include "source/git_common.h"
#include "util/sha256.h"

#ifndef TWILINT_VERSION
#define TWILINT_VERSION "0.0.0"
#endif

namespace twilint::cli {
namespace {

void warn(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::fprintf(stderr, "twilint: warning: %s\n", w.c_str());
}

}  // namespace

void add_cache_options(CLI::App* command, CommonOptions& options) {
  command->add_option("--cache-dir", options.cache_dir,
                      "Directory of the incremental history cache (default: $XDG_CACHE_HOME/twilint)");
  command->add_flag("--no-cache", options.no_cache, "Neither read nor write the history cache");
}

std::unique_ptr<cache::BlobCache> open_history_cache(const CommonOptions& options, const Loaded& loaded,
                                                     const std::string& repo, uint64_t max_file_size) {
  if (options.no_cache || options.show_secrets || options.verify) return nullptr;
  std::optional<std::string> identity = source::repository_identity(repo);
  if (!identity) return nullptr;  // the history source reports the error itself
  std::string dir = !options.cache_dir.empty()        ? options.cache_dir
                    : !loaded.config.cache_dir.empty() ? loaded.config.cache_dir
                                                       : cache::default_cache_dir();
  // Everything that decides what a (blob, path) yields: the rule pack (built-in and extra files),
  // the config text, the tool version and the size limit.
  std::string settings = std::string("version=") + TWILINT_VERSION + "\nrules=" + loaded.rules.digest +
                         "\nconfig=" + loaded.config.digest + "\nmax_file_size=" + std::to_string(max_file_size);
  std::vector<std::string> warnings;
  std::unique_ptr<cache::BlobCache> cache = cache::BlobCache::open(dir, *identity, util::sha256_hex(settings), warnings);
  warn(warnings);
  return cache;
}

void save_history_cache(cache::BlobCache& cache) {
  std::vector<std::string> warnings;
  cache.save(warnings);
  warn(warnings);
}

}  // namespace twilint::cli
