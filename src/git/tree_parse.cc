#include "git/tree_parse.h"

#include <cstring>

namespace twilint::git {

bool next_tree_entry(const char* data, size_t size, size_t& pos, TreeEntry& entry) {
  const char* end = data + size;
  const char* p = data + pos;
  unsigned mode = 0;
  int digits = 0;
  for (; p < end && *p != ' '; ++p, ++digits) {
    if (*p < '0' || *p > '7' || digits >= 7) return false;
    mode = mode * 8 + static_cast<unsigned>(*p - '0');
  }
  if (p == end || digits == 0) return false;
  const char* name = p + 1;
  const char* nul = static_cast<const char*>(std::memchr(name, '\0', static_cast<size_t>(end - name)));
  if (nul == nullptr || nul == name || end - (nul + 1) < GIT_OID_RAWSZ) return false;
  entry.mode = mode;
  entry.name = std::string_view(name, static_cast<size_t>(nul - name));
  std::memcpy(entry.oid.id, nul + 1, GIT_OID_RAWSZ);
  pos = static_cast<size_t>(nul + 1 + GIT_OID_RAWSZ - data);
  return true;
}

}  // namespace twilint::git
