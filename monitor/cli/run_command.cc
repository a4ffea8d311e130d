#include "monitor/cli/run_command.h"

#include <atomic>
#include <iostream>

#include "monitor/cli/config_arg.h"
#include "monitor/config/config_loader.h"
#include "monitor/daemon/daemon.h"
#include "monitor/daemon/heap_policy.h"
#include "monitor/daemon/signal_watcher.h"

namespace sitewatch::cli {

namespace {

// A reload may change sites, checks and escalation; where the process listens and stores
// is fixed for its lifetime.
void warn_about_fixed_settings(const config::Config& old_cfg, const config::Config& new_cfg) {
    if (old_cfg.server.listen != new_cfg.server.listen)
        std::cerr << "sitewatch: server.listen changed; it takes effect after a restart\n";
    if (old_cfg.storage.sqlite != new_cfg.storage.sqlite ||
        old_cfg.storage.postgres != new_cfg.storage.postgres)
        std::cerr << "sitewatch: storage changed; it takes effect after a restart\n";
}

}  // namespace

int run_daemon(config::Config config,
               std::function<void(const std::string& host, int port)> on_serving) {
    limit_heap_arenas();
    std::atomic<Daemon*> live{nullptr};
    const std::string path = config.path;
    config::Config started_with = config;
    // Before any thread exists, so that every thread inherits the blocked signal mask.
    SignalWatcher signals(
        [&] {
            if (auto* d = live.load()) d->request_stop();
        },
        [&] {
            auto* d = live.load();
            if (!d) return;
            auto result = config::load_config_file(path);
            if (!result.ok()) {
                std::cerr << "sitewatch: reload refused, keeping the running configuration:\n";
                for (const auto& e : result.errors) std::cerr << e.to_string() << "\n";
                return;
            }
            warn_about_fixed_settings(started_with, *result.config);
            d->apply_config(std::move(*result.config));
        });
    try {
        Daemon daemon(std::move(config));
        daemon.on_serving(std::move(on_serving));
        live = &daemon;
        daemon.run();
        live = nullptr;
    } catch (const std::exception& e) {
        live = nullptr;
        std::cerr << "sitewatch: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "sitewatch: stopped\n";
    return 0;
}

int run_command(const Arguments& args) {
    auto cfg = load_config_arg(args, "run");
    if (!cfg) return 2;
    return run_daemon(std::move(*cfg));
}

}  // namespace sitewatch::cli
