#pragma once
#include "monitor/cli/arguments.h"

namespace sitewatch::cli {

// `sitewatch validate --config FILE`: 0 valid, 2 with every error printed.
int validate_command(const Arguments& args);

}  // namespace sitewatch::cli
