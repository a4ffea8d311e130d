#pragma once
// The bundled demo: small websites on 127.0.0.1, healthy and broken, that `sitewatch demo`
// monitors. Each site has its own port so that each can fail in its own way; a timer plays
// demo_timeline() on them once start_timeline() is called.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "monitor/demo/certificate_authority.h"
#include "monitor/demo/demo_pages.h"
#include "monitor/demo/demo_server.h"
#include "monitor/demo/demo_timeline.h"

namespace sitewatch::demo {

struct DemoSite {
    std::string client;
    std::string name;
    std::string url;
    std::string description;  // what it demonstrates
};

class DemoSites {
public:
    // Starts every demo server; writes certificates under `dir`. Throws on failure.
    explicit DemoSites(const std::filesystem::path& dir);
    ~DemoSites();  // stops the timeline and every server
    DemoSites(const DemoSites&) = delete;
    DemoSites& operator=(const DemoSites&) = delete;

    const std::vector<DemoSite>& sites() const { return sites_; }
    // A config file monitoring every demo site, listening on `listen`, storing in `db`.
    std::string config_yaml(const std::string& listen, const std::string& db) const;

    // Starts the clock of demo_timeline(); `on_event` is told of each event as it happens
    // (from the timeline's thread). Call once.
    void start_timeline(std::function<void(const DemoEvent&)> on_event);

private:
    struct Site {
        DemoSite info;
        SiteLook look;
        std::atomic<PageState> state{PageState::normal};
        std::unique_ptr<DemoServer> server;
    };
    void add_site(DemoSite info, SiteLook look, std::optional<CertificateFiles> tls,
                  int delay_ms = 0);
    void apply(const DemoEvent& event);
    void play(std::function<void(const DemoEvent&)> on_event);

    std::filesystem::path dir_;
    CertificateAuthority ca_;
    std::vector<DemoSite> sites_;
    std::map<std::string, std::unique_ptr<Site>> by_name_;

    std::mutex timer_mu_;
    std::condition_variable timer_cv_;
    bool stopping_ = false;
    std::thread timer_;
};

}  // namespace sitewatch::demo
