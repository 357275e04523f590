// The twilint command line: builds the subcommands and runs the one the user chose.
#pragma once

namespace twilint::cli {

// Returns the process exit code (see exit_codes.h).
int run_app(int argc, char** argv);

}  // namespace twilint::cli
