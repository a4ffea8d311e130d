#include "monitor/cli/demo_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "monitor/cli/run_command.h"
#include "monitor/config/config_loader.h"
#include "monitor/daemon/signal_watcher.h"
#include "monitor/demo/demo_sites.h"

namespace sitewatch::cli {

int demo_command(const Arguments& args) {
    const std::string listen = args.value("listen").value_or("127.0.0.1:9090");
    const auto dir = std::filesystem::absolute("sitewatch-demo");
    const std::string db = args.value("db").value_or((dir / "sitewatch-demo.db").string());
    // The demo servers start threads before the daemon's signal watcher exists.
    SignalWatcher::block_signals();
    try {
        demo::DemoSites sites(dir);
        const auto config_path = dir / "sitewatch.yml";
        {
            std::ofstream out(config_path);
            out << sites.config_yaml(listen, db);
            if (!out) throw std::runtime_error("cannot write " + config_path.string());
        }
        auto loaded = config::load_config_file(config_path.string());
        if (!loaded.ok()) {
            for (const auto& e : loaded.errors) std::cerr << e.to_string() << "\n";
            return 2;
        }
        std::cout << "sitewatch demo: monitoring " << sites.sites().size()
                  << " demo sites on loopback\n";
        for (const auto& s : sites.sites())
            std::cout << "  " << s.name << "  " << s.url << "  — " << s.description << "\n";
        std::cout << "\n  sites API: http://" << listen << "/api/v1/sites\n"
                  << "  metrics:   http://" << listen << "/metrics\n"
                  << "  blackbox:  http://" << listen << "/probe?target=acme-home\n"
                  << "  config:    " << config_path.string() << "\n"
                  << "Press Ctrl-C to stop.\n"
                  << std::flush;
        return run_daemon(std::move(*loaded.config));
    } catch (const std::exception& e) {
        std::cerr << "sitewatch demo: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace sitewatch::cli
