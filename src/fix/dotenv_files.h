// The files that go with moving credentials to the environment: `.env.example` lists the names
// (never values) so the next developer knows what to set, and `.env` (where the values go) is
// ignored by git.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "fix/edit.h"

namespace twilint::fix {

// The text to append to an existing (or empty, when absent) `.env.example` so that it names
// every variable of `vars`; nullopt when it already does.
std::optional<Edit> env_example_additions(std::string_view existing, const std::set<std::string>& vars);

// The edit that adds `.env` to a `.gitignore` (existing or empty); nullopt when one of its lines
// already ignores it (.env, /.env, .env*, *.env). Used when git cannot be asked.
std::optional<Edit> gitignore_add_env(std::string_view existing);

// The edit that appends `.env` to a .gitignore unconditionally (git said it is not ignored).
Edit gitignore_append_env(std::string_view existing);

}  // namespace twilint::fix
