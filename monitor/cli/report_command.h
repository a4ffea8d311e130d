#pragma once
#include "monitor/cli/arguments.h"

namespace sitewatch::cli {

// `sitewatch report --config FILE ID [--audience client|internal] [--format md|html]`: prints
// the incident report (the seeds' template) read from the store of the config. Read-only, so
// it is safe next to a running daemon. 0 printed; 1 no such incident; 2 bad usage or config.
int report_command(const Arguments& args);

}  // namespace sitewatch::cli
