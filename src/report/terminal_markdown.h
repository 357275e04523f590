// Rule guidance (Markdown) rendered for a terminal by `twilint explain`: **bold** lead-ins as
// bold (or plain) text, fenced code blocks indented four spaces without their fences (the guidance
// names the language before each), inline `code` kept, and every link shown once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace twilint::report {

std::string render_guidance(std::string_view markdown, bool color);

// The http(s) links in `text`, in order of first appearance, each once.
std::vector<std::string> links_in(std::string_view text);

}  // namespace twilint::report
