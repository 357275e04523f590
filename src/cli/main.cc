#include "cli/app.h"

int main(int argc, char** argv) { return twilint::cli::run_app(argc, argv); }
