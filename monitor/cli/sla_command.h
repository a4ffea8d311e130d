#pragma once
#include "monitor/cli/arguments.h"

namespace sitewatch::cli {

// `sitewatch sla --config FILE --client NAME [--month YYYY-MM] [--format md|html]`: prints the
// client's monthly SLA report from the store of the config (incidents, first checks, latest
// certificate) and the config's maintenance windows. Read-only, so it is safe next to a
// running daemon. 0 printed; 1 no such client; 2 bad usage, config or store.
int sla_command(const Arguments& args);

}  // namespace sitewatch::cli
