#pragma once
#include "monitor/cli/arguments.h"
#include "monitor/config/config.h"

namespace sitewatch::cli {

// `sitewatch run --config FILE`: the daemon. 0 after SIGINT/SIGTERM, 2 for a bad config,
// 1 when it cannot start (store, listen address).
int run_command(const Arguments& args);

// The daemon on an already loaded config; SIGHUP reloads from `config.path`.
int run_daemon(config::Config config);

}  // namespace sitewatch::cli
