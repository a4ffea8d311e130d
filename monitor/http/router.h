#pragma once
// Route registration on top of cpp-httplib, adding what it lacks: JSON 404s, 405 with an
// Allow header for a known path and a wrong method, and the API token check that every
// mutating route gets without having to remember it.
#include <httplib.h>

#include <regex>
#include <string>
#include <vector>

namespace sitewatch::http {

class Router {
public:
    using Handler = httplib::Server::Handler;

    // `api_token` empty: mutating routes are open (the default listen address is loopback).
    // Otherwise they need "Authorization: Bearer <api_token>".
    Router(httplib::Server& server, std::string api_token);
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    // A read-only route; HEAD is answered by the same handler. `pattern` is an ECMAScript
    // regex matched against the whole decoded path; capture groups land in req.matches.
    void get(const std::string& pattern, Handler handler);
    // A mutating route: answered 401 before `handler` runs when the token does not match.
    void post(const std::string& pattern, Handler handler);

    // A mutating route that carries its own proof of authority in the path (a signed one-click
    // acknowledgement link): no API token is asked for; the handler must verify the signature.
    void post_signed(const std::string& pattern, Handler handler);

    // Installs the catch-alls (404, 405, OPTIONS). Called once by HttpServer::start(); routes
    // added afterwards would never be reached, so get()/post() then throw std::logic_error.
    void finish();

    // Whether the request's Authorization header is "Bearer <token>"; constant-time.
    static bool bearer_token_matches(const httplib::Request& req, const std::string& token);

private:
    struct Route {
        std::string method;
        std::regex pattern;
    };

    void add(const char* method, const std::string& pattern);
    // "GET, HEAD", "POST", ... for every route whose pattern matches `path`; empty if none.
    std::string allowed_methods(const std::string& path) const;
    void answer_unrouted(const httplib::Request& req, httplib::Response& res) const;

    httplib::Server& server_;
    std::string api_token_;
    std::vector<Route> routes_;
    bool finished_ = false;
};

}  // namespace sitewatch::http
