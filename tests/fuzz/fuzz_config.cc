// libFuzzer target: parsing and validating a .twilint.toml.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto config = twilint::config::parse_config(text, "/fuzz/.twilint.toml");
  if (!config.ok()) {
    for (const auto& d : config.errors()) (void)d.to_string();
  }
  return 0;
}
