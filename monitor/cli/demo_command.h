#pragma once
#include "monitor/cli/arguments.h"

namespace sitewatch::cli {

// `sitewatch demo [--listen HOST:PORT] [--db FILE]`: starts the bundled demo sites on
// loopback and runs the daemon on them until SIGINT.
int demo_command(const Arguments& args);

}  // namespace sitewatch::cli
