// A source enumerates what to scan (files on disk, unique git blobs, staged index entries) and
// loads each item's bytes on demand, from any worker thread. Sources never match.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/origin.h"
#include "model/stats.h"

namespace twilint::source {

// Inclusive 1-based line range.
struct LineRange {
  int first = 0;
  int last = 0;
};

struct Item {
  model::Origin origin;
  std::string locator;   // how load() finds the bytes: a filesystem path, or a blob id (hex)
  uint64_t size = 0;     // known size in bytes (0 when unknown)
  // When set, only findings on these lines count (staged mode: lines the staged diff adds).
  std::optional<std::vector<LineRange>> only_lines;
  // Items with the same non-empty scope make up one change (staged mode: "the staged change"), and
  // --verify pairs a credential with a partner SID from any of them. Empty: no pairing across
  // items. History items leave it empty: their change is origin.commit. (The `{}` spares the
  // positional Item{…} initialisers -Wmissing-field-initializers.)
  std::string pairing_scope{};
  // History only: handed out again from an earlier run's walk (HistoryCheckpoint) rather than
  // found by this walk. The source has already counted what scanning it adds to the stats (the
  // checkpoint's blob_stats), so only its findings count.
  bool replayed{};
  // Named by the user (a file given on the command line, or `-`): scanned even if it looks
  // binary, and an error, not a policy skip, when it cannot be read.
  bool named{};
};

// Bytes read in order, a window at a time: a file too large to hold whole, or a pipe.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to `n` bytes into `into`: the count read, 0 at the end; on an error, nullopt with
  // `error` set.
  virtual std::optional<size_t> read(char* into, size_t n, std::string& error) = 0;
};

struct Loaded {
  std::string bytes;
  std::optional<model::Skipped> skipped;  // set when the item could not (or should not) be read
  // Set instead of `bytes` when the item is to be scanned in windows (scan/window_scan.h).
  std::unique_ptr<ByteStream> stream;
};

class Source {
 public:
  virtual ~Source() = default;

  // Calls `sink` once per item, on the calling thread, and returns when enumeration ends.
  // Items skipped during enumeration (unreadable directories, too-large files, submodules) are
  // recorded in `stats` (skipped / notes / files_skipped); `sink` may block (bounded queue).
  virtual void enumerate(const std::function<void(Item&&)>& sink, model::ScanStats& stats) = 0;

  // Loads one item's bytes. Called concurrently from several worker threads.
  virtual Loaded load(const Item& item) = 0;

  // History only: the bytes of the item's path in each parent of the commit it is attributed to
  // (origin.commit), for telling a line the commit added from one it carried forward. Parents
  // that lack the path, hold something else there (a tree, a submodule), or whose version cannot
  // be read or is above the size limit, give nothing. Empty for every other source and item.
  // Called concurrently from several worker threads.
  virtual std::vector<std::string> parent_versions(const Item& /*item*/) { return {}; }
};

}  // namespace twilint::source
