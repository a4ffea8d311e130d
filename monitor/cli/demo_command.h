#pragma once
#include "monitor/cli/arguments.h"

namespace sitewatch::cli {

// `sitewatch demo [--listen HOST:PORT] [--db FILE] [--dir DIR]`: starts the bundled demo sites
// on loopback, plays their story (demo_timeline.h) and runs the daemon on them until SIGINT.
// DIR [./sitewatch-demo] receives the generated config, certificates and database.
int demo_command(const Arguments& args);

}  // namespace sitewatch::cli
