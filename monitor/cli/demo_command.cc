#include "monitor/cli/demo_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>

#include "monitor/cli/run_command.h"
#include "monitor/config/config_loader.h"
#include "monitor/daemon/signal_watcher.h"
#include "monitor/demo/demo_sites.h"

namespace sitewatch::cli {

namespace {

// Where a browser on this machine reaches a server bound to `host`.
std::string browsable_host(const std::string& host) {
    if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") return "127.0.0.1";
    if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
    return host;
}

void print_sites_and_story(const demo::DemoSites& sites) {
    std::cout << "sitewatch demo: " << sites.sites().size()
              << " demo sites on 127.0.0.1, checked every 3 s\n";
    for (const auto& s : sites.sites())
        std::cout << "  " << s.client << "/" << s.name << "  " << s.url << "  " << s.description
                  << "\n";
    std::cout << "\nWhat you will see (from the moment monitoring starts):\n"
              << "  at once   hooli-blog: certificate expiring in 9 days (security warning)\n";
    for (const auto& e : demo::demo_timeline())
        std::cout << "  at +" << e.at.count() << " s" << (e.at.count() < 100 ? " " : "") << "  "
                  << e.what << " -> " << e.condition << "\n";
    std::cout << "  every incident opens by itself about 4 s after its break; escalation steps\n"
              << "  (Strategist, PM, lead developer) show in its timeline, nothing is sent.\n";
}

void print_where_to_look(const std::string& base, const std::filesystem::path& config_path) {
    std::cout << "\nsitewatch is monitoring them now. Look at:\n"
              << "  web UI:       " << base << "/\n"
              << "  incidents:    " << base << "/ui/incidents\n"
              << "  status page:  " << base
              << "/status/acme  (also globex, initech, umbrella, hooli)\n"
              << "  incidents API " << base << "/api/v1/incidents?state=open\n"
              << "  sites API:    " << base << "/api/v1/sites\n"
              << "  metrics:      " << base << "/metrics\n"
              << "  blackbox:     " << base << "/probe?target=acme-home\n"
              << "  config:       " << config_path.string() << "\n"
              << "Press Ctrl-C to stop.\n\n"
              << std::flush;
}

}  // namespace

int demo_command(const Arguments& args) {
    const std::string listen = args.value("listen").value_or("127.0.0.1:9090");
    const auto dir = std::filesystem::absolute(args.value("dir").value_or("sitewatch-demo"));
    const auto default_db = dir / "sitewatch-demo.db";
    const std::string db = args.value("db").value_or(default_db.string());
    // The demo servers start threads before the daemon's signal watcher exists.
    SignalWatcher::block_signals();
    try {
        std::filesystem::create_directories(dir);
        // The story starts afresh each time: the demo's own database from a previous run
        // (other ports, old incidents) is removed. A --db given by the user is kept.
        if (!args.value("db"))
            for (const char* suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(default_db.string() + suffix);

        std::mutex out_mu;  // the timeline's thread and the daemon's both print; outlives both
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
        print_sites_and_story(sites);
        std::cout << std::flush;

        return run_daemon(std::move(*loaded.config), [&](const std::string& host, int port) {
            const std::string base = "http://" + browsable_host(host) + ":" + std::to_string(port);
            {
                std::lock_guard lock(out_mu);
                print_where_to_look(base, config_path);
            }
            sites.start_timeline([&out_mu](const demo::DemoEvent& e) {
                std::lock_guard lock(out_mu);
                std::cout << "sitewatch demo: +" << e.at.count() << " s: " << e.what << "\n"
                          << std::flush;
            });
        });
    } catch (const std::exception& e) {
        std::cerr << "sitewatch demo: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace sitewatch::cli
