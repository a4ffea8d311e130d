// POST /api/v1/sites/{name}/baseline on a real HttpServer on 127.0.0.1, answered by a fake
// fleet: status codes, JSON shapes and the API token.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "monitor/daemon/fleet_view.h"
#include "monitor/http/http_server.h"
#include "monitor/metrics/metrics.h"
#include "monitor/store/store.h"
#include "tests/support/baseline_fleet.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using nlohmann::json;
using Outcome = BaselineAcceptance::Outcome;

namespace {

const TimePoint kAcceptedAt{std::chrono::seconds(1795529100)};  // 2026-11-24T14:05:00Z

struct Server {
    explicit Server(std::string api_token = "") {
        HttpServer::Options options{"127.0.0.1:0"};
        options.api_token = std::move(api_token);
        server = std::make_unique<HttpServer>(std::move(options), fleet, metrics, *store);
        server->start();
        client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
        client->set_connection_timeout(std::chrono::seconds(5));
        client->set_read_timeout(std::chrono::seconds(5));
    }
    httplib::Result post(const std::string& path, const std::string& token = "") {
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        return client->Post(path.c_str(), headers, "", "application/json");
    }

    testing::TempDir dir;
    std::unique_ptr<Store> store = open_sqlite_store((dir.path() / "sitewatch.db").string());
    Metrics metrics{"9.9.9"};
    testing::BaselineFleet fleet{{"acme-home", "acme-blog"}};
    std::unique_ptr<HttpServer> server;
    std::unique_ptr<httplib::Client> client;
};

json json_of(const httplib::Result& res, int status) {
    REQUIRE(res);
    INFO(res->body);
    CHECK(res->status == status);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    return json::parse(res->body);
}

std::string error_of(const httplib::Result& res, int status) {
    const json j = json_of(res, status);
    REQUIRE(j.size() == 1);
    REQUIRE(j.at("error").is_string());
    CHECK_FALSE(j.at("error").get<std::string>().empty());
    return j.at("error").get<std::string>();
}

}  // namespace

TEST_CASE("accepting a baseline answers the site, when it was accepted and the fleet's message",
          "[http][baseline]") {
    Server s;
    s.fleet.answer({Outcome::accepted, "learned from the check of 14:04:58", kAcceptedAt});
    const json j = json_of(s.post("/api/v1/sites/acme-home/baseline"), 200);
    CHECK(j == json{{"site", "acme-home"},
                    {"accepted_at", "2026-11-24T14:05:00Z"},
                    {"message", "learned from the check of 14:04:58"}});
    CHECK(s.fleet.asked() == std::vector<std::string>{"acme-home"});
}

TEST_CASE("a baseline for a site that is not configured is 404 and never reaches the fleet",
          "[http][baseline]") {
    Server s;
    s.fleet.answer({Outcome::accepted, "", kAcceptedAt});
    CHECK_THAT(error_of(s.post("/api/v1/sites/nope/baseline"), 404),
               Catch::Matchers::Contains("nope"));
    CHECK(s.fleet.asked().empty());
}

TEST_CASE("a site the fleet no longer knows is 404 with the fleet's words", "[http][baseline]") {
    Server s;
    s.fleet.answer({Outcome::unknown_site, "acme-blog was removed by a reload", std::nullopt});
    CHECK(error_of(s.post("/api/v1/sites/acme-blog/baseline"), 404) ==
          "acme-blog was removed by a reload");
}

TEST_CASE("a site without a page to accept yet, or whose page is not HTML, is 409",
          "[http][baseline]") {
    Server s;
    s.fleet.answer({Outcome::no_page_yet, "acme-home has not been checked yet", std::nullopt});
    CHECK(error_of(s.post("/api/v1/sites/acme-home/baseline"), 409) ==
          "acme-home has not been checked yet");
    s.fleet.answer({Outcome::not_html, "", std::nullopt});
    CHECK_THAT(error_of(s.post("/api/v1/sites/acme-home/baseline"), 409),
               Catch::Matchers::Contains("not HTML"));
}

TEST_CASE("a fleet that keeps no baselines answers 501", "[http][baseline]") {
    // The FleetView default, as a fleet that does not override accept_baseline has it.
    struct PlainFleet : FleetView {
        std::vector<SiteStatus> sites() const override { return {}; }
        std::optional<SiteStatus> site(std::string_view name) const override {
            SiteStatus s;
            s.name = std::string(name);
            return s;
        }
        bool ready() const override { return true; }
    } plain;
    testing::TempDir dir;
    auto store = open_sqlite_store((dir.path() / "sitewatch.db").string());
    Metrics metrics{"9.9.9"};
    HttpServer server(HttpServer::Options{"127.0.0.1:0"}, plain, metrics, *store);
    server.start();
    httplib::Client client("127.0.0.1", server.port());
    client.set_read_timeout(std::chrono::seconds(5));
    CHECK_THAT(error_of(client.Post("/api/v1/sites/acme-home/baseline"), 501),
               Catch::Matchers::Contains("baselines"));
}

TEST_CASE("accepting a baseline needs the API token when one is configured", "[http][baseline]") {
    Server s("s3cret-token");
    s.fleet.answer({Outcome::accepted, "", kAcceptedAt});
    const auto without = s.post("/api/v1/sites/acme-home/baseline");
    error_of(without, 401);
    CHECK(without->get_header_value("WWW-Authenticate") == "Bearer");
    error_of(s.post("/api/v1/sites/acme-home/baseline", "wrong-token"), 401);
    CHECK(s.fleet.asked().empty());

    const json j = json_of(s.post("/api/v1/sites/acme-home/baseline", "s3cret-token"), 200);
    CHECK(j.at("accepted_at") == "2026-11-24T14:05:00Z");
    CHECK(s.fleet.asked() == std::vector<std::string>{"acme-home"});
}

TEST_CASE("the baseline path takes GET (its facts) and POST (accept), nothing else",
          "[http][baseline]") {
    Server s;
    const auto res = s.client->Delete("/api/v1/sites/acme-home/baseline");
    error_of(res, 405);
    CHECK(res->get_header_value("Allow") == "GET, HEAD, POST, OPTIONS");
}
