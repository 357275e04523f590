// Where a misuse rule's evidence may come from. Misuse rules judge code that runs: a generated API
// reference, a coverage report, a minified bundle or the prose and markup of a page is not code,
// however often it names `authToken` (ARCHITECTURE.md, "Misuse rules fire on evidence in code
// that runs"). Secrets are not judged here: a live token in a generated page is still a leak.
#pragma once

#include <string_view>

namespace twilint::scan {

enum class BlobClass {
  kCode,       // ordinary source, config or text
  kGenerated,  // output of a documentation or coverage generator, or a docs build tree
  kMinified,   // a minified or bundled file: one long line after another
};

// Classifies a blob once from its path and its first bytes (generator markers, line lengths).
BlobClass classify_blob(std::string_view path, std::string_view bytes);

// True when `path` is markup (HTML and the like) whose code is only the content of its
// <script> elements.
bool is_markup(std::string_view path);

// For markup: whether byte `offset` lies inside a <script>…</script> element's content.
bool inside_script(std::string_view bytes, size_t offset);

// Whether byte `offset` lies on a line that is a comment in the common languages (it starts,
// after indentation, with #, //, /*, * or <!--): a commented-out call does not run.
bool on_comment_line(std::string_view bytes, size_t offset);

}  // namespace twilint::scan
