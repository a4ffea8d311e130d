#pragma once
#include <functional>
#include <string>

#include "monitor/cli/arguments.h"
#include "monitor/config/config.h"

namespace sitewatch::cli {

// `sitewatch run --config FILE`: the daemon. 0 after SIGINT/SIGTERM, 2 for a bad config,
// 1 when it cannot start (store, listen address).
int run_command(const Arguments& args);

// The daemon on an already loaded config; SIGHUP reloads from `config.path`. `on_serving`, if
// set, is called once the HTTP server accepts connections, with its bound host and real port.
int run_daemon(config::Config config,
               std::function<void(const std::string& host, int port)> on_serving = {});

}  // namespace sitewatch::cli
