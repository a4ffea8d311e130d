#include "monitor/demo/demo_server.h"

#include <httplib.h>

#include <stdexcept>

namespace sitewatch::demo {

DemoServer::DemoServer(Routes routes, std::optional<CertificateFiles> tls)
    : routes_(std::move(routes)), tls_(std::move(tls)) {
    std::lock_guard lock(mu_);
    serve_locked(0);
}

DemoServer::~DemoServer() {
    std::lock_guard lock(mu_);
    stop_locked();
    held_.reset();
}

std::string DemoServer::url() const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + "/";
}

void DemoServer::stop() {
    std::lock_guard lock(mu_);
    if (!server_) return;
    stop_locked();
    try {
        held_ = std::make_unique<ClosedPort>(port_);
    } catch (const std::runtime_error&) {
        // Still refused, only not reserved: start() may then find the port taken.
    }
}

void DemoServer::start() {
    std::lock_guard lock(mu_);
    if (server_) return;
    held_.reset();
    serve_locked(port_);
}

void DemoServer::use_certificate(CertificateFiles files) {
    std::lock_guard lock(mu_);
    if (!tls_) throw std::logic_error("use_certificate on a plain HTTP demo site");
    tls_ = std::move(files);
    stop_locked();
    serve_locked(port_);
}

void DemoServer::serve_locked(int port) {
    std::unique_ptr<httplib::Server> server;
    if (tls_) {
        auto ssl =
            std::make_unique<httplib::SSLServer>(tls_->cert_file.c_str(), tls_->key_file.c_str());
        if (!ssl->is_valid()) throw std::runtime_error("cannot load a demo site's certificate");
        server = std::move(ssl);
    } else {
        server = std::make_unique<httplib::Server>();
    }
    // Short keep-alive, so that stop() (a site going down) is not held by an idle connection.
    server->set_keep_alive_timeout(1);
    routes_(*server);
    if (port == 0) {
        port = server->bind_to_any_port("127.0.0.1");
        if (port <= 0) throw std::runtime_error("cannot bind a demo site on 127.0.0.1");
    } else if (!server->bind_to_port("127.0.0.1", port)) {
        throw std::runtime_error("cannot listen again on 127.0.0.1:" + std::to_string(port));
    }
    port_ = port;
    server_ = std::move(server);
    auto* srv = server_.get();
    thread_ = std::thread([srv] { srv->listen_after_bind(); });
}

void DemoServer::stop_locked() {
    if (!server_) return;
    server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
}

}  // namespace sitewatch::demo
