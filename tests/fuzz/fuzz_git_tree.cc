// libFuzzer target: the raw git tree parser (git/tree_parse): entries are parsed until the
// end or the first malformed one, and every parsed name must lie inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "git/tree_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* bytes = reinterpret_cast<const char*>(data);
  size_t pos = 0;
  twilint::git::TreeEntry entry;
  while (pos < size) {
    size_t before = pos;
    if (!twilint::git::next_tree_entry(bytes, size, pos, entry)) break;
    if (pos <= before || pos > size) std::abort();  // must advance and stay in bounds
    if (entry.name.data() < bytes || entry.name.data() + entry.name.size() > bytes + size) std::abort();
  }
  return 0;
}
