#pragma once
// The daemon's one HTTP port: JSON API, /metrics, blackbox-compatible /probe, health checks.
// cpp-httplib underneath, serving on its own threads so the daemon's loop never blocks on it.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <utility>

namespace httplib {
class Server;
}

namespace sitewatch {

class FleetView;
class Metrics;
class Store;

namespace http {
class Router;
}

class HttpServer {
  public:
    struct Options {
        Options() = default;
        // Options{"127.0.0.1:0"}: a constructor rather than aggregate init, which
        // -Wmissing-field-initializers would flag for every field left out.
        explicit Options(std::string listen_address) : listen(std::move(listen_address)) {}

        std::string listen = "127.0.0.1:9090";  // "host:port", "[::1]:port", ":port"; port 0 = any
        std::string api_token;  // non-empty: mutating endpoints need "Authorization: Bearer <it>"
        std::size_t worker_threads = 8;  // concurrent requests; more connections wait in line
        // A client that stalls mid-request or mid-response for this long is dropped.
        std::chrono::seconds io_timeout{5};
        // Idle keep-alive connections are closed after this; it also bounds how long stop()
        // waits for them.
        std::chrono::seconds keep_alive_timeout{1};
    };

    // Registers the built-in routes. The referenced objects must outlive the server.
    HttpServer(Options options, FleetView& fleet, Metrics& metrics, Store& store);
    ~HttpServer();  // stop()
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // For features that bring their own endpoints (incidents API, web UI): add routes here
    // before start().
    http::Router& router();

    // Binds and serves on a background thread; returns once connections are accepted.
    // Throws std::invalid_argument for a malformed listen address and std::runtime_error
    // (naming the address and the OS error) when the address cannot be bound. Call once.
    void start();
    // Stops accepting, lets requests in flight finish and joins the threads. Idempotent. With
    // idle or stalled clients it takes at most about keep_alive_timeout + io_timeout; only a
    // client that keeps trickling request bytes faster than io_timeout can hold it longer
    // (cpp-httplib has no whole-request deadline).
    void stop();

    bool running() const;
    // The bound host and port; port() is the real one when the options asked for port 0.
    const std::string& host() const { return host_; }
    int port() const { return port_; }

  private:
    Options options_;
    std::unique_ptr<httplib::Server> server_;
    std::unique_ptr<http::Router> router_;
    std::thread thread_;
    std::string host_;
    int port_ = 0;
    bool started_ = false;
};

}  // namespace sitewatch
