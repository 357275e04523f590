// The import an environment lookup needs: Python's `import os`, Go's "os". Each returns the one
// insertion to make, or nullopt when the file already imports it.
#pragma once

#include <optional>
#include <string_view>

#include "fix/edit.h"

namespace twilint::fix {

// Inserts `import os` after a shebang, encoding line, module docstring and `from __future__`
// imports (which must stay first), before the first other statement.
std::optional<Edit> python_import_os(std::string_view content);

// Adds "os" to the first import block in sorted position (gofmt's order), or an
// `import "os"` after the last single import, or after the package clause when there is none.
std::optional<Edit> go_import_os(std::string_view content);

// C#: `using System;` (for Environment) before the first using directive, unless present.
std::optional<Edit> csharp_using_system(std::string_view content);

}  // namespace twilint::fix
