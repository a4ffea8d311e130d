#pragma once
// One demo website on 127.0.0.1: plain HTTP or HTTPS, on a port of its own that it keeps
// across stop() and start(), so that a site can go down, come back and change certificate.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "monitor/demo/certificate_authority.h"
#include "monitor/demo/closed_port.h"

namespace httplib {
class Server;
}

namespace sitewatch::demo {

class DemoServer {
public:
    // Installs the site's routes on a freshly made server (called at every start).
    using Routes = std::function<void(httplib::Server&)>;

    // Binds a free loopback port and serves; `tls` makes it HTTPS. Throws std::runtime_error.
    DemoServer(Routes routes, std::optional<CertificateFiles> tls);
    ~DemoServer();  // stops serving
    DemoServer(const DemoServer&) = delete;
    DemoServer& operator=(const DemoServer&) = delete;

    int port() const { return port_; }
    std::string url() const;  // http(s)://127.0.0.1:PORT/

    // Closes the listening socket: connections are refused until start(), and the port is held
    // meanwhile (bound, not listening) so nothing else takes it. Idempotent.
    void stop();
    // Listens again on the same port. Throws std::runtime_error when the port was taken.
    void start();
    // Restarts with another certificate (HTTPS servers only).
    void use_certificate(CertificateFiles files);

private:
    void serve_locked(int port);  // mu_ held; port 0: any
    void stop_locked();

    std::mutex mu_;
    Routes routes_;
    std::optional<CertificateFiles> tls_;
    std::unique_ptr<httplib::Server> server_;
    std::thread thread_;
    std::unique_ptr<ClosedPort> held_;  // while stopped
    int port_ = 0;
};

}  // namespace sitewatch::demo
