// The one-line error a mistyped command line gets: CLI11's message, the nearest subcommand or
// option when a word is a near miss (`twilint scna` -> 'scan'), and the --help of the subcommand
// the mistake is in (`see 'twilint rules --help'`).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace twilint::cli {

std::string describe_parse_error(const CLI::App& app, int argc, const char* const* argv, const CLI::ParseError& e);

}  // namespace twilint::cli
