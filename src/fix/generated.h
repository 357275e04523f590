// Files fix never rewrites: generated or vendored code (a fix there is lost on the next build or
// belongs upstream) and minified bundles.
#pragma once

#include <string_view>

namespace twilint::fix {

// `path` is '/'-separated and relative to the scan root; `content` is the file's bytes.
bool is_generated(std::string_view path, std::string_view content);

}  // namespace twilint::fix
