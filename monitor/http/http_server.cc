#include "monitor/http/http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "monitor/http/gzip_encoding.h"
#include "monitor/http/http_reply.h"
#include "monitor/http/listen_address.h"
#include "monitor/http/route_context.h"
#include "monitor/http/router.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch {

namespace {

// No endpoint takes more than a small JSON document.
constexpr std::size_t kMaxRequestBody = 1 << 20;

const char* error_text(int status) {
    switch (status) {
        case 400:
            return "bad request";
        case 401:
            return "unauthorized";
        case 403:
            return "forbidden";
        case 404:
            return "not found";
        case 405:
            return "method not allowed";
        case 413:
            return "request body too large";
        case 414:
            return "request URI too long";
        case 416:
            return "range not satisfiable";
        case 431:
            return "request header fields too large";
        case 503:
            return "service unavailable";
        default:
            return status < 500 ? "bad request" : "internal server error";
    }
}

// SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would let a second
// sitewatch bind the same port silently and receive half of the requests.
void listen_socket_options(int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

}  // namespace

HttpServer::HttpServer(Options options, FleetView& fleet, Metrics& metrics, Store& store)
    : options_(std::move(options)),
      server_(std::make_unique<httplib::Server>()),
      router_(std::make_unique<http::Router>(*server_, options_.api_token)) {
    const std::size_t threads = options_.worker_threads > 0 ? options_.worker_threads : 1;
    server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server_->set_read_timeout(options_.io_timeout);
    server_->set_write_timeout(options_.io_timeout);
    server_->set_keep_alive_timeout(options_.keep_alive_timeout.count());
    server_->set_payload_max_length(kMaxRequestBody);
    server_->set_socket_options(listen_socket_options);
    server_->set_default_headers(
        {{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-store"}});

    // Before any route runs: only gzip is left for httplib to choose (see gzip_encoding.h).
    // httplib hands the handler a const view of its own, non-const, request object.
    server_->set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
        http::normalize_accept_encoding(const_cast<httplib::Request&>(req).headers);
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // httplib's own rejections (bad request line, URI too long, body too large) come with an
    // empty body; give them the API's error shape. Routes' errors already have one.
    server_->set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            http::send_error(res, res.status, error_text(res.status));
            return httplib::Server::HandlerResponse::Handled;
        }));
    server_->set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown exception";
            try {
                if (ep) std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            http::send_error(res, 500, "internal error: " + what);
        });

    const http::RouteContext ctx{fleet, metrics, store};
    http::register_health_routes(*router_, ctx);
    http::register_metrics_route(*router_, ctx);
    http::register_sites_routes(*router_, ctx);
    http::register_baseline_route(*router_, ctx);
    http::register_probe_route(*router_, ctx);
    http::register_ui_routes(*router_);
}

HttpServer::~HttpServer() { stop(); }

http::Router& HttpServer::router() { return *router_; }

void HttpServer::start() {
    if (started_) throw std::logic_error("HttpServer::start called twice");
    started_ = true;
    const ListenAddress addr = ListenAddress::parse(options_.listen);
    router_->finish();

    errno = 0;  // httplib reports only failure; errno still holds bind()'s reason
    int port = addr.port;
    bool bound = addr.port == 0 ? (port = server_->bind_to_any_port(addr.host)) > 0
                                : server_->bind_to_port(addr.host, addr.port);
    if (!bound) {
        const int err = errno;
        throw std::runtime_error("cannot listen on " + options_.listen + ": " +
                                 (err != 0
                                      ? std::error_code(err, std::generic_category()).message()
                                      : std::string("host does not resolve to a local address")));
    }
    host_ = addr.host;
    port_ = port;

    auto done = std::make_shared<std::atomic<bool>>(false);
    thread_ = std::thread([this, done] {
        server_->listen_after_bind();
        *done = true;
    });
    // Until listen_after_bind marks the server running, stop() would be a no-op and the
    // thread would never end; the socket already queues connections meanwhile.
    while (!server_->is_running() && !*done) std::this_thread::yield();
    if (*done) {
        thread_.join();
        throw std::runtime_error("HTTP server on " + options_.listen + " stopped at once");
    }
}

void HttpServer::stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
}

bool HttpServer::running() const { return thread_.joinable() && server_->is_running(); }

}  // namespace sitewatch
