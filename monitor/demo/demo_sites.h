#pragma once
// The bundled demo: small websites on 127.0.0.1, healthy and broken, that `sitewatch demo`
// monitors. Each site has its own port so that each can fail in its own way.
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "monitor/demo/closed_port.h"

namespace httplib {
class Server;
}

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
    ~DemoSites();  // stops every server
    DemoSites(const DemoSites&) = delete;
    DemoSites& operator=(const DemoSites&) = delete;

    const std::vector<DemoSite>& sites() const { return sites_; }
    // A config file monitoring every demo site, listening on `listen`, storing in `db`.
    std::string config_yaml(const std::string& listen, const std::string& db) const;

private:
    struct Running;
    void start(std::unique_ptr<httplib::Server> server, DemoSite site);

    std::filesystem::path dir_;
    std::vector<DemoSite> sites_;
    std::vector<std::unique_ptr<Running>> running_;
    std::string ca_file_;
    ClosedPort closed_port_;
};

}  // namespace sitewatch::demo
