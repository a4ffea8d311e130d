#pragma once

namespace sitewatch::cli {

// Parses argv and runs the chosen command. Returns the process exit code (CONTRACT.md).
int run(int argc, char** argv);

}  // namespace sitewatch::cli
