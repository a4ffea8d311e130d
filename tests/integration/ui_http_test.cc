// The web UI and the API it adds on a real HttpServer on 127.0.0.1: pages and files with
// their headers, deep links, GET /api/v1/sites/{name}/baseline.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "monitor/http/http_server.h"
#include "monitor/metrics/metrics.h"
#include "monitor/store/store.h"
#include "tests/support/baseline_fleet.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using nlohmann::json;

namespace {

// A fleet whose acme-home has learned two samples of a baseline.
class FleetWithBaseline : public testing::BaselineFleet {
public:
    FleetWithBaseline() : BaselineFleet({"acme-home", "acme-blog"}) {
        checks::ContentBaseline b;
        b.samples = 2;
        b.learn_samples = 5;
        b.titles = {"acme widgets"};
        b.iframe_hosts = {"www.youtube.com"};
        baseline_ = std::make_shared<const checks::ContentBaseline>(std::move(b));
    }
    std::shared_ptr<const checks::ContentBaseline> content_baseline(
        std::string_view name) const override {
        return name == "acme-home" ? baseline_ : nullptr;
    }

private:
    std::shared_ptr<const checks::ContentBaseline> baseline_;
};

struct Server {
    Server() {
        server = std::make_unique<HttpServer>(HttpServer::Options{"127.0.0.1:0"}, fleet, metrics,
                                              *store);
        server->start();
        client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
        client->set_connection_timeout(std::chrono::seconds(5));
        client->set_read_timeout(std::chrono::seconds(5));
    }
    httplib::Result get(const std::string& path, httplib::Headers headers = {}) {
        return client->Get(path.c_str(), headers);
    }

    testing::TempDir dir;
    std::unique_ptr<Store> store = open_sqlite_store((dir.path() / "sitewatch.db").string());
    Metrics metrics{"9.9.9"};
    FleetWithBaseline fleet;
    std::unique_ptr<HttpServer> server;
    std::unique_ptr<httplib::Client> client;
};

// The answer's body after checking its status and Content-Type.
std::string body_of(const httplib::Result& res, int status, const std::string& content_type) {
    REQUIRE(res);
    INFO(res->body);
    CHECK(res->status == status);
    CHECK(res->get_header_value("Content-Type") == content_type);
    return res->body;
}

}  // namespace

TEST_CASE("the UI page is served at / and at every /ui/ deep link with a strict CSP",
          "[http][ui]") {
    Server s;
    const auto root = s.get("/");
    body_of(root, 200, "text/html; charset=utf-8");
    const auto csp = root->get_header_value("Content-Security-Policy");
    CHECK(csp.find("default-src 'none'") != std::string::npos);
    CHECK(csp.find("script-src 'self'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(root->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(root->get_header_value("Cache-Control") == "no-cache");
    CHECK(root->get_header_value_count("Cache-Control") == 1);
    for (const char* deep : {"/ui/incidents/42", "/ui/sites/www.acme.example", "/ui/sla", "/ui"}) {
        INFO(deep);
        const auto res = s.get(deep);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == root->body);
    }
}

TEST_CASE("UI files carry their type and an ETag, and a known ETag is answered 304", "[http][ui]") {
    Server s;
    const auto js = s.get("/ui/assets/app.js");
    body_of(js, 200, "text/javascript; charset=utf-8");
    const auto etag = js->get_header_value("ETag");
    REQUIRE(etag.size() > 2);
    const auto again = s.get("/ui/assets/app.js", {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    body_of(s.get("/ui/assets/style.css"), 200, "text/css; charset=utf-8");
}

TEST_CASE("a UI file that does not exist is a JSON 404, also when the path climbs out",
          "[http][ui]") {
    Server s;
    for (const char* bad : {"/ui/assets/nope.js", "/ui/assets/../index.html",
                            "/ui/assets/%2e%2e/%2e%2e/etc/passwd"}) {
        INFO(bad);
        CHECK(json::parse(body_of(s.get(bad), 404, "application/json")).contains("error"));
    }
}

TEST_CASE("the baseline facts of a site are readable, null before it learned anything",
          "[http][ui][baseline]") {
    Server s;
    const auto j =
        json::parse(body_of(s.get("/api/v1/sites/acme-home/baseline"), 200, "application/json"));
    CHECK(j.at("site") == "acme-home");
    CHECK(j.at("baseline").at("samples") == 2);
    CHECK(j.at("baseline").at("trusted") == false);
    CHECK(j.at("baseline").at("titles") == json{"acme widgets"});
    CHECK(j.at("baseline").at("iframe_hosts") == json{"www.youtube.com"});

    const auto none = body_of(s.get("/api/v1/sites/acme-blog/baseline"), 200, "application/json");
    CHECK(json::parse(none).at("baseline").is_null());

    body_of(s.get("/api/v1/sites/nope/baseline"), 404, "application/json");
    body_of(s.get("/api/v1/sites/https:%2F%2Facme-home.example%2F/baseline"), 404,
            "application/json");
}
