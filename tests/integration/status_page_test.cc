// End to end: a real `sitewatch run` with two clients, one site answering 503 and another in a
// maintenance window. The client's public status page (GET /status/{client}) and its JSON twin show
// the outage in Statuspage's states, follow an acknowledgement, stay within the client, and show no
// internal evidence.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/support/daemon_under_test.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_http_server.h"

using namespace std::chrono_literals;
using sitewatch::testing::DaemonUnderTest;
using sitewatch::testing::TempDir;
using sitewatch::testing::TestHttpServer;

namespace {

constexpr const char* kDanaPhone = "+15550100001";

std::string two_client_config(const TempDir& dir, const std::string& failing_url,
                              const std::string& healthy_url) {
    return dir.write("sitewatch.yaml",
                     "server:\n  listen: 127.0.0.1:0\nstorage:\n  sqlite: " +
                         (dir.path() / "sitewatch.db").string() +
                         "\ndefaults:\n  interval: 1s\n  timeout: 2s\n"
                         "  confirm:\n    failures: 2\n    retry_after: 500ms\n"
                         "  recover:\n    successes: 2\n"
                         "  defacement:\n    enabled: false\n  assets:\n    check: false\n"
                         "team:\n  - {name: Dana, role: strategist, phone: \"" +
                         kDanaPhone +
                         "\"}\n"
                         "clients:\n"
                         "  - name: acme\n    team: {strategist: Dana}\n    sites:\n"
                         "      - {name: acme-shop, url: \"" +
                         failing_url + "\"}\n      - {name: acme-blog, url: \"" + healthy_url +
                         "\"}\n"
                         "  - name: globex\n    sites:\n      - name: globex-home\n"
                         "        url: \"" +
                         healthy_url +
                         "\"\n        maintenance:\n          - {start: \"2020-01-01T00:00:00Z\", "
                         "end: \"2099-01-01T00:00:00Z\", reason: server upgrade}\n");
}

httplib::Result get(const DaemonUnderTest& d, const std::string& path) {
    httplib::Client c("127.0.0.1", d.port());
    c.set_read_timeout(5, 0);
    return c.Get(path.c_str());
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

nlohmann::json status_json(const DaemonUnderTest& d, const std::string& client) {
    auto res = get(d, "/api/v1/status/" + client);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body);
}

// What the status page must never show, whatever state the incident is in.
void check_no_internals(const std::string& body) {
    for (const char* leak : {"http.status", "transport.", kDanaPhone, "Dana", "<script",
                             "Service Unavailable", "127.0.0.1"}) {
        INFO(leak);
        CHECK_FALSE(contains(body, leak));
    }
}

}  // namespace

TEST_CASE(
    "a client's status page shows its outage as Statuspage does, follows the "
    "acknowledgement and shows no internal evidence",
    "[status_page][e2e]") {
    TestHttpServer failing, healthy;
    failing.handle("/", [](const httplib::Request&, httplib::Response& res) {
        res.status = 503;
        res.set_content("<html><body>Service Unavailable</body></html>", "text/html");
    });
    healthy.handle("/", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("<html><body><h1>Welcome</h1><p>All is well.</p></body></html>",
                        "text/html");
    });
    TempDir dir;
    DaemonUnderTest daemon(two_client_config(dir, failing.url("/"), healthy.url("/")));

    // The incident opens after the failing check and its confirming re-check.
    nlohmann::json page;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        page = status_json(daemon, "acme");
        if (!page["incidents"].empty()) break;
        std::this_thread::sleep_for(100ms);
    }
    INFO(page.dump());
    REQUIRE(page["incidents"].size() == 1);
    const auto incidents = daemon.get_json("/api/v1/incidents")["incidents"];
    REQUIRE(incidents.size() == 1);
    const auto id = incidents[0]["id"].get<std::uint64_t>();

    {  // Open: a major outage, investigating.
        CHECK(page["page"]["name"] == "acme");
        CHECK(page["status"]["indicator"] == "critical");
        CHECK(page["status"]["description"] == "Major System Outage");
        REQUIRE(page["components"].size() == 2);
        CHECK(page["components"][0]["name"] == "acme-shop");
        CHECK(page["components"][0]["status"] == "major_outage");
        CHECK(page["components"][1]["name"] == "acme-blog");
        CHECK(page["components"][1]["status"] == "operational");
        const auto& inc = page["incidents"][0];
        CHECK(inc["id"] == std::to_string(id));
        CHECK(inc["status"] == "investigating");
        CHECK(inc["impact"] == "critical");
        CHECK(inc["incident_updates"].size() == 1);

        auto res = get(daemon, "/status/acme");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(contains(res->get_header_value("Content-Type"), "text/html"));
        CHECK(contains(res->get_header_value("Content-Security-Policy"), "default-src 'none'"));
        const std::string& html = res->body;
        CHECK(contains(html, "<meta http-equiv=\"refresh\" content=\"60\">"));
        CHECK(contains(html, "Major System Outage"));
        CHECK(contains(html, "acme-shop"));
        CHECK(contains(html, "Major outage"));
        CHECK(contains(html, "Investigating"));
        CHECK_FALSE(contains(html, "globex"));
        check_no_internals(html);
        check_no_internals(page.dump());
    }

    {  // Acknowledged: identified, in the page and the JSON alike.
        httplib::Client c("127.0.0.1", daemon.port());
        auto ack = c.Post(("/api/v1/incidents/" + std::to_string(id) + "/ack").c_str(),
                          R"({"by": "Dana"})", "application/json");
        REQUIRE(ack);
        REQUIRE(ack->status == 200);

        const auto after = status_json(daemon, "acme");
        const auto& inc = after["incidents"].at(0);
        CHECK(inc["status"] == "identified");
        REQUIRE(inc["incident_updates"].size() == 2);
        CHECK(inc["incident_updates"][0]["status"] == "identified");
        CHECK(inc["incident_updates"][1]["status"] == "investigating");
        CHECK(after["components"][0]["status"] == "major_outage");

        auto res = get(daemon, "/status/acme");
        REQUIRE(res);
        CHECK(contains(res->body, "Identified"));
        check_no_internals(res->body);
        check_no_internals(after.dump());
    }

    {  // Another client's page shows only its own sites; unknown clients are 404.
        const auto globex = status_json(daemon, "globex");
        // Its only site is in a maintenance window.
        CHECK(globex["status"]["indicator"] == "none");
        CHECK(globex["status"]["description"] == "Service Under Maintenance");
        REQUIRE(globex["components"].size() == 1);
        CHECK(globex["components"][0]["name"] == "globex-home");
        CHECK(globex["components"][0]["status"] == "under_maintenance");
        CHECK(globex["incidents"].empty());
        auto html = get(daemon, "/status/globex");
        REQUIRE(html);
        CHECK_FALSE(contains(html->body, "acme"));
        CHECK(contains(html->body, "Under maintenance"));
        CHECK_FALSE(contains(html->body, "server upgrade"));

        for (const char* unknown : {"/status/nobody", "/status/ACME", "/status/acm"}) {
            auto res = get(daemon, unknown);
            REQUIRE(res);
            CHECK(res->status == 404);
            CHECK(contains(res->body, "Status page not found"));
        }
        auto res = get(daemon, "/api/v1/status/nobody");
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(nlohmann::json::parse(res->body).contains("error"));
    }
}
