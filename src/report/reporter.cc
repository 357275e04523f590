#include "report/reporter.h"

#include <array>

#include "report/formats.h"

namespace twilint::report {
namespace {

struct FormatEntry {
  std::string_view name;
  std::unique_ptr<Reporter> (*make)();
};

// The first entry is the default format (--format text).
constexpr std::array<FormatEntry, 6> kFormats = {{
    {"text", &make_text_reporter},
    {"json", &make_json_reporter},
    {"sarif", &make_sarif_reporter},
    {"github", &make_github_reporter},
    {"junit", &make_junit_reporter},
    {"compact", &make_compact_reporter},
}};

}  // namespace

std::unique_ptr<Reporter> make_reporter(std::string_view format) {
  for (const FormatEntry& entry : kFormats) {
    if (entry.name == format) return entry.make();
  }
  return nullptr;
}

std::string tool_version(const ReportContext& context) {
  if (!context.tool_version.empty()) return context.tool_version;
#ifdef TWILINT_VERSION
  return TWILINT_VERSION;
#else
  return "unknown";
#endif
}

std::vector<std::string> format_names() {
  std::vector<std::string> names;
  names.reserve(kFormats.size());
  for (const FormatEntry& entry : kFormats) names.emplace_back(entry.name);
  return names;
}

}  // namespace twilint::report
