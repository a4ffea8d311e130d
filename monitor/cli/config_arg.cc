#include "monitor/cli/config_arg.h"

#include <iostream>

#include "monitor/config/config_loader.h"

namespace sitewatch::cli {

std::optional<config::Config> load_config_arg(const Arguments& args, const char* command) {
    auto path = args.value("config");
    if (!path) {
        std::cerr << "sitewatch " << command << ": --config FILE is required\n";
        return std::nullopt;
    }
    auto result = config::load_config_file(*path);
    if (!result.ok()) {
        for (const auto& e : result.errors) std::cerr << e.to_string() << "\n";
        return std::nullopt;
    }
    return std::move(result.config);
}

}  // namespace sitewatch::cli
