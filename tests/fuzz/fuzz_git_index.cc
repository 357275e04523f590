// libFuzzer target: the git index reader (git/index_file) on arbitrary .git/index bytes.
// The reader takes a path, so each input is written to a private temp directory first.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "git/index_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string dir = [] {
    std::string tmpl = "/tmp/twilint-fuzz-index-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    return tmpl;
  }();
  const std::string path = dir + "/index";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::string why;
  auto snapshot = twilint::git::read_index_file(path, dir, &why);
  if (snapshot) {
    for (const auto& e : snapshot->entries) {
      if (static_cast<size_t>(e.path_offset) + e.path_size > snapshot->paths.size()) std::abort();
      (void)snapshot->path(e);
    }
  }
  return 0;
}
