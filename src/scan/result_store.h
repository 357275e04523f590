// What the scanner needs of an incremental cache: the results of (blob, path) pairs scanned by an
// earlier run, and a place for the new ones. app/history_cache.h provides it over the SQLite
// cache; the scanner knows nothing of how or where results are kept.
#pragma once

#include <string_view>

#include "model/blob_result.h"

namespace twilint::scan {

class ResultStore {
 public:
  virtual ~ResultStore() = default;
  // The stored result for blob `oid` scanned at `path`, or nullptr. Called on the enumerating
  // thread; the pointer stays valid while the store lives.
  virtual const model::BlobResult* find(std::string_view oid, std::string_view path) const = 0;
  // Keeps a new result. Thread-safe.
  virtual void add(std::string_view oid, std::string_view path, model::BlobResult result) = 0;
};

}  // namespace twilint::scan
