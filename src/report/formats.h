// The reporter for each format, one per file; reporter.cc maps format names to these.
#pragma once

#include <memory>
#include <string>

#include "report/reporter.h"

namespace twilint::report {

std::unique_ptr<Reporter> make_text_reporter();
std::unique_ptr<Reporter> make_json_reporter();
std::unique_ptr<Reporter> make_sarif_reporter();
std::unique_ptr<Reporter> make_github_reporter();
std::unique_ptr<Reporter> make_junit_reporter();
std::unique_ptr<Reporter> make_compact_reporter();

// context.tool_version, or the version this library was built as when the caller left it empty.
std::string tool_version(const ReportContext& context);

// The tool name in every machine-readable format.
inline constexpr std::string_view kToolName = "twilint";

}  // namespace twilint::report
