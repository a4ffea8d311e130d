#include "monitor/cli/cli.h"

#include <iostream>
#include <string_view>

#include "sitewatch_version.h"

namespace sitewatch::cli {

int run(int argc, char** argv) {
    if (argc >= 2 && std::string_view(argv[1]) == "--version") {
        std::cout << "sitewatch " << SITEWATCH_VERSION << "\n";
        return 0;
    }
    std::cerr << "usage: sitewatch --version\n";
    return 2;
}

}  // namespace sitewatch::cli
