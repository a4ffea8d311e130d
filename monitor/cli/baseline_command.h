#pragma once
#include "monitor/cli/arguments.h"

namespace sitewatch::cli {

// `sitewatch baseline --config FILE SITE`: asks the running daemon (at server.listen, with
// the token of server.api_token_file) to accept SITE's current content as its known-good
// baseline. 0 accepted; 1 refused by the daemon (its error is printed) or no daemon
// listening; 2 bad usage or config.
int baseline_command(const Arguments& args);

}  // namespace sitewatch::cli
