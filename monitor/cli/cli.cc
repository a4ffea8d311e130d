#include "monitor/cli/cli.h"

#include <iostream>
#include <string>
#include <string_view>

#include "monitor/cli/arguments.h"
#include "monitor/cli/baseline_command.h"
#include "monitor/cli/check_command.h"
#include "monitor/cli/demo_command.h"
#include "monitor/cli/report_command.h"
#include "monitor/cli/run_command.h"
#include "monitor/cli/sla_command.h"
#include "monitor/cli/validate_command.h"
#include "sitewatch_version.h"

namespace sitewatch::cli {

namespace {

constexpr const char* kUsage = R"(sitewatch — website monitoring for agencies

usage:
  sitewatch run --config FILE        the daemon: scheduler, checks, API, web UI, /metrics
  sitewatch check --config FILE [--site NAME] [--json]
                                     every check once; exit 0 healthy, 1 any critical finding
  sitewatch validate --config FILE   parse and validate only; exit 0 valid, 2 invalid
  sitewatch baseline --config FILE SITE
                                     the running daemon takes SITE's current content as
                                     its known-good baseline; exit 0 accepted, 1 refused
  sitewatch report --config FILE ID [--audience client|internal] [--format md|html]
                                     the incident report (the agency's template)
  sitewatch sla --config FILE --client NAME [--month YYYY-MM] [--format md|html]
                                     the client's monthly SLA report (extension)
  sitewatch demo [--listen HOST:PORT] [--db FILE] [--dir DIR]
                                     bundled demo sites on loopback, healthy and broken on a
                                     timer, monitored live with the UI and /metrics; listens
                                     on 127.0.0.1:9090 unless told (port 0: any free port);
                                     writes its config, certificates and database to DIR
                                     [./sitewatch-demo]; exit 0 after Ctrl-C
  sitewatch --version | --help

Configuration errors are printed as FILE:LINE:COLUMN: message, with exit code 2.
)";

struct Command {
    std::string_view name;
    ArgumentSpec spec;
    int (*run)(const Arguments&);
};

const Command kCommands[] = {
    {"run", {{"config"}, {}, 0}, run_command},
    {"check", {{"config", "site"}, {"json"}, 0}, check_command},
    {"validate", {{"config"}, {}, 0}, validate_command},
    {"baseline", {{"config"}, {}, 1}, baseline_command},
    {"report", {{"config", "audience", "format"}, {}, 1}, report_command},
    {"sla", {{"config", "client", "month", "format"}, {}, 0}, sla_command},
    {"demo", {{"listen", "db", "dir"}, {}, 0}, demo_command},
};

}  // namespace

int run(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    std::string_view first = argv[1];
    if (first == "--version" || first == "version") {
        std::cout << "sitewatch " << SITEWATCH_VERSION << "\n";
        return 0;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        std::cout << kUsage;
        return 0;
    }
    for (const auto& c : kCommands) {
        if (c.name != first) continue;
        auto parsed = parse_arguments(argc, argv, 2, c.spec);
        if (!parsed.error.empty()) {
            std::cerr << "sitewatch " << c.name << ": " << parsed.error << "\n\n" << kUsage;
            return 2;
        }
        return c.run(parsed.args);
    }
    std::cerr << "sitewatch: unknown command '" << first << "'\n\n" << kUsage;
    return 2;
}

}  // namespace sitewatch::cli
