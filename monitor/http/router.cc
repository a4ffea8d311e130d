#include "monitor/http/router.h"

#include <stdexcept>
#include <utility>

#include "monitor/http/http_reply.h"

namespace sitewatch::http {

Router::Router(httplib::Server& server, std::string api_token)
    : server_(server), api_token_(std::move(api_token)) {}

void Router::add(const char* method, const std::string& pattern) {
    if (finished_) throw std::logic_error("route " + pattern + " added after the server started");
    routes_.push_back({method, std::regex(pattern)});
}

void Router::get(const std::string& pattern, Handler handler) {
    add("GET", pattern);
    server_.Get(pattern, std::move(handler));
}

void Router::post(const std::string& pattern, Handler handler) {
    add("POST", pattern);
    server_.Post(pattern, [this, handler = std::move(handler)](const httplib::Request& req,
                                                               httplib::Response& res) {
        if (!api_token_.empty() && !bearer_token_matches(req, api_token_)) {
            res.set_header("WWW-Authenticate", "Bearer");
            send_error(res, 401, "this endpoint needs Authorization: Bearer <api token>");
            return;
        }
        handler(req, res);
    });
}

void Router::post_signed(const std::string& pattern, Handler handler) {
    add("POST", pattern);
    server_.Post(pattern, std::move(handler));
}

bool Router::bearer_token_matches(const httplib::Request& req, const std::string& token) {
    const std::string header = req.get_header_value("Authorization");
    const std::string expected = "Bearer " + token;
    // Constant time over the expected length, so the comparison leaks no prefix length.
    unsigned diff = header.size() == expected.size() ? 0u : 1u;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const char got = i < header.size() ? header[i] : '\0';
        diff |= static_cast<unsigned char>(got ^ expected[i]);
    }
    return diff == 0;
}

std::string Router::allowed_methods(const std::string& path) const {
    bool get = false, post = false;
    for (const auto& r : routes_) {
        if (!std::regex_match(path, r.pattern)) continue;
        (r.method == "GET" ? get : post) = true;
    }
    std::string allow;
    if (get) allow = "GET, HEAD";
    if (post) allow += allow.empty() ? "POST" : ", POST";
    return allow;
}

void Router::answer_unrouted(const httplib::Request& req, httplib::Response& res) const {
    const std::string allow = allowed_methods(req.path);
    if (allow.empty()) {
        send_error(res, 404, "no such endpoint: " + clip_for_message(req.path));
        return;
    }
    res.set_header("Allow", allow + ", OPTIONS");
    if (req.method == "OPTIONS") {
        res.status = 204;
        return;
    }
    send_error(res, 405, "method " + req.method + " not allowed here; allowed: " + allow);
}

void Router::finish() {
    if (finished_) return;
    finished_ = true;
    // httplib tries patterns in registration order, so these only see unrouted requests.
    auto unrouted = [this](const httplib::Request& req, httplib::Response& res) {
        answer_unrouted(req, res);
    };
    server_.Get(".*", unrouted);
    server_.Post(".*", unrouted);
    server_.Put(".*", unrouted);
    server_.Patch(".*", unrouted);
    server_.Delete(".*", unrouted);
    server_.Options(".*", unrouted);
}

}  // namespace sitewatch::http
