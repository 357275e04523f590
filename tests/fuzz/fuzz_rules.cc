// libFuzzer target: loading a rule file (TOML parsing, validation, regex and glob compilation).
// Any input must give a rule set or diagnostics, never a crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string>

#include "rules/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto loaded = twilint::rules::load_rules({{"fuzz.toml", text}});
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors()) (void)d.to_string();
  }
  return 0;
}
