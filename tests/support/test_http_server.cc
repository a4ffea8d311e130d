#include "tests/support/test_http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <stdexcept>

namespace sitewatch::testing {
namespace {

// cpp-httplib listens with a backlog of 5; tests open hundreds of connections at once,
// and a full accept queue makes the kernel drop SYNs (a one-second client retry each).
constexpr int kBacklog = 1024;

}  // namespace

Route Route::html(std::string body) {
    Route r;
    r.body = std::move(body);
    return r;
}

Route Route::redirect(std::string to, int status) {
    Route r;
    r.status = status;
    r.redirect_to = std::move(to);
    r.body = "moved";
    r.content_type = "text/plain";
    return r;
}

Route Route::with_status(int s) && {
    status = s;
    return std::move(*this);
}

Route Route::with_delay(std::chrono::milliseconds d) && {
    delay = d;
    return std::move(*this);
}

Route Route::with_header(std::string name, std::string value) && {
    headers.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
}

Route Route::with_content_type(std::string type) && {
    content_type = std::move(type);
    return std::move(*this);
}

TestHttpServer::TestHttpServer(std::size_t threads) : server_(std::make_unique<httplib::Server>()) {
    start(threads);
}

TestHttpServer::TestHttpServer(const CertificateFiles& tls, std::size_t threads)
    : server_(std::make_unique<httplib::SSLServer>(tls.cert_file.c_str(), tls.key_file.c_str())),
      tls_(true) {
    if (!server_->is_valid())
        throw std::runtime_error("TestHttpServer: bad TLS certificate or key");
    start(threads);
}

void TestHttpServer::start(std::size_t threads) {
    int listen_fd = -1;
    server_->set_socket_options([&listen_fd](int fd) {
        int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listen_fd = fd;
    });
    const std::size_t pool = threads ? threads : 1;
    server_->new_task_queue = [pool] { return new httplib::ThreadPool(pool); };
    // Without TCP_NODELAY the response waits behind the TLS session tickets until the
    // client's delayed ACK (40 ms), which would show up as server processing time.
    server_->set_tcp_nodelay(true);
    // Short timeouts bound how long stop() waits for idle or slow connections.
    server_->set_keep_alive_timeout(1);
    server_->set_read_timeout(2, 0);
    server_->set_write_timeout(2, 0);

    auto handler = [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); };
    const std::string any = ".*";
    server_->Get(any, handler);
    server_->Post(any, handler);
    server_->Put(any, handler);
    server_->Patch(any, handler);
    server_->Delete(any, handler);
    server_->Options(any, handler);

    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("TestHttpServer: cannot bind 127.0.0.1");
    if (listen_fd >= 0) ::listen(listen_fd, kBacklog);  // raises the backlog in place
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    // stop() is a no-op until the accept loop runs, so wait for it (bounded).
    for (int i = 0; i < 2000 && !server_->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

TestHttpServer::~TestHttpServer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_cv_.notify_all();
    server_->stop();
    if (thread_.joinable()) thread_.join();
}

void TestHttpServer::route(const std::string& path, Route route) {
    handle(path, [this, route = std::move(route)](const httplib::Request&, httplib::Response& res) {
        if (route.delay.count() > 0 && !wait_or_stop(route.delay)) {
            res.status = 503;
            return;
        }
        res.status = route.status;
        for (const auto& [name, value] : route.headers) res.set_header(name, value);
        if (!route.redirect_to.empty()) res.set_header("Location", route.redirect_to);
        res.set_content(route.body, route.content_type.c_str());
    });
}

void TestHttpServer::handle(const std::string& path, Handler handler) {
    std::lock_guard lock(mutex_);
    handlers_[path] = std::move(handler);
}

std::string TestHttpServer::url(const std::string& path) const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
}

std::size_t TestHttpServer::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

bool TestHttpServer::wait_or_stop(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    return !stop_cv_.wait_for(lock, delay, [this] { return stopping_; });
}

void TestHttpServer::serve(const httplib::Request& req, httplib::Response& res) {
    Handler handler;
    {
        std::lock_guard lock(mutex_);
        ++requests_;
        auto it = handlers_.find(req.path);
        if (it != handlers_.end()) handler = it->second;
    }
    if (!handler) {
        res.status = 404;
        res.set_content("not found", "text/plain");
        return;
    }
    handler(req, res);
}

}  // namespace sitewatch::testing
