#pragma once
#include <optional>
#include <string>

#include "monitor/cli/arguments.h"
#include "monitor/config/config.h"

namespace sitewatch::cli {

// Loads --config, printing every error as FILE:LINE:COLUMN: message to stderr.
// nullopt means exit 2.
std::optional<config::Config> load_config_arg(const Arguments& args, const char* command);

}  // namespace sitewatch::cli
