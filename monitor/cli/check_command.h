#pragma once
#include "monitor/cli/arguments.h"

namespace sitewatch::cli {

// `sitewatch check --config FILE [--site NAME] [--json]`: every check once, critical
// findings confirmed by one re-check after confirm.retry_after. Exit 0 healthy, 1 any
// confirmed critical finding, 2 bad usage or config.
int check_command(const Arguments& args);

}  // namespace sitewatch::cli
