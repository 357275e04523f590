// libFuzzer target: the fast loose-object reader (git/object_reader). Each input becomes
// the loose object file of a fixed id: the bytes after the first as given (exercising zlib error
// handling) when the first byte is odd, else zlib-compressed by the harness (exercising the object
// header parser and size checks on whatever the inflated bytes say).
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <git2/oid.h>

#include "git/object_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string objects = [] {
    std::string tmpl = "/tmp/twilint-fuzz-objects-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    std::filesystem::create_directories(tmpl + "/objects/ab");
    return tmpl + "/objects";
  }();
  const char* kId = "ab0123456789abcdef0123456789abcdef012345";
  if (size == 0) return 0;
  std::string file(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 1) == 0) {
    uLongf bound = compressBound(file.size());
    std::string packed(bound, '\0');
    if (compress(reinterpret_cast<Bytef*>(packed.data()), &bound, reinterpret_cast<const Bytef*>(file.data()),
                 file.size()) != Z_OK) {
      return 0;
    }
    packed.resize(bound);
    file = std::move(packed);
  }
  {
    std::ofstream out(objects + "/ab/" + std::string(kId + 2), std::ios::binary | std::ios::trunc);
    out.write(file.data(), static_cast<std::streamsize>(file.size()));
  }
  git_oid oid;
  if (git_oid_fromstr(&oid, kId) != 0) std::abort();
  twilint::git::ObjectReader reader(twilint::git::ObjectStore::open(objects), 1 << 20);
  git_object_t type = GIT_OBJECT_INVALID;
  std::string out, error;
  uint64_t object_size = 0;
  (void)reader.read(oid, 1 << 20, &type, &out, &object_size, &error);
  return 0;
}
