#include "monitor/cli/validate_command.h"

#include <iostream>

#include "monitor/cli/config_arg.h"

namespace sitewatch::cli {

int validate_command(const Arguments& args) {
    auto cfg = load_config_arg(args, "validate");
    if (!cfg) return 2;
    std::size_t sites = cfg->sites().size();
    std::cout << cfg->path << ": valid (" << cfg->clients.size() << " client"
              << (cfg->clients.size() == 1 ? "" : "s") << ", " << sites << " site"
              << (sites == 1 ? "" : "s") << ")\n";
    return 0;
}

}  // namespace sitewatch::cli
