#pragma once
// A loopback HTTP or HTTPS server (cpp-httplib) on 127.0.0.1 with an ephemeral port, run on
// its own thread, answering the routes a test configures. Construction returns once it
// accepts connections; destruction stops it within a couple of seconds at most, cutting
// short any configured delay.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/test_certificates.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace sitewatch::testing {

struct Route {
    int status = 200;
    std::string body;
    std::string content_type = "text/html; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::chrono::milliseconds delay{0};  // before answering
    std::string redirect_to;             // sent as Location (pair it with a 3xx status)

    static Route html(std::string body);
    static Route redirect(std::string to, int status = 302);
    // Chainable tweaks: Route::html("x").with_status(503).with_delay(50ms)
    Route with_status(int s) &&;
    Route with_delay(std::chrono::milliseconds d) &&;
    Route with_header(std::string name, std::string value) &&;
    Route with_content_type(std::string type) &&;
};

class TestHttpServer {
  public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

    static constexpr std::size_t kDefaultThreads = 16;

    explicit TestHttpServer(std::size_t threads = kDefaultThreads);  // plain HTTP
    explicit TestHttpServer(const CertificateFiles& tls,
                            std::size_t threads = kDefaultThreads);  // HTTPS
    ~TestHttpServer();
    TestHttpServer(const TestHttpServer&) = delete;
    TestHttpServer& operator=(const TestHttpServer&) = delete;

    // Routes may be added or replaced at any time; unknown paths answer 404.
    void route(const std::string& path, Route route);
    void handle(const std::string& path, Handler handler);

    int port() const { return port_; }
    bool tls() const { return tls_; }
    // "http(s)://127.0.0.1:<port><path>"
    std::string url(const std::string& path = "/") const;
    std::size_t requests() const;

  private:
    void start(std::size_t threads);
    void serve(const httplib::Request& req, httplib::Response& res);
    bool wait_or_stop(std::chrono::milliseconds delay);

    std::unique_ptr<httplib::Server> server_;
    bool tls_ = false;
    int port_ = 0;
    std::thread thread_;

    mutable std::mutex mutex_;
    std::condition_variable stop_cv_;
    bool stopping_ = false;
    std::size_t requests_ = 0;
    std::map<std::string, Handler> handlers_;
};

}  // namespace sitewatch::testing
