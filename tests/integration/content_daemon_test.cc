// Content checks in `sitewatch run`: the lower-rate asset check, learned baselines that
// survive a restart, and accepting a new baseline through the API.
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "tests/support/child_process.h"
#include "tests/support/daemon_under_test.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;

namespace {

using Daemon = DaemonUnderTest;

std::string config_for(const std::string& db, const std::string& url) {
    return "server:\n  listen: 127.0.0.1:0\nstorage:\n  sqlite: " + db +
           "\ndefaults:\n  interval: 1s\n  timeout: 2s\n  confirm:\n    failures: 2\n"
           "    retry_after: 200ms\n  recover:\n    successes: 1\n  defacement:\n"
           "    learn_samples: 3\nclients:\n  - name: acme\n    sites:\n      - name: home\n"
           "        url: " +
           url + "\n";
}

std::string company_page(int load, const std::string& title = "Acme Widgets",
                         bool redesigned = false) {
    std::string body =
        "<!doctype html><html lang=\"en\"><head><title>" + title +
        "</title><link rel=\"stylesheet\" href=\"/style.css?ver=" + std::to_string(load) +
        "\"></head><body><main>";
    if (redesigned) {
        body +=
            "<h1>Completely new look</h1><p>We rebuilt our site from scratch this winter.</p>"
            "<p>New catalogue, new photos and a new way to order.</p><p>Call us any time."
            "</p>";
    } else {
        body +=
            "<h1>Quality widgets since 1952</h1><p>Acme designs industrial widgets.</p>"
            "<p>Every widget is tested by hand in Sheffield.</p><p>Forty engineers answer "
            "every enquiry within a day.</p>";
    }
    body += "<p>Updated " + std::to_string(load % 50) +
            " minutes ago</p></main><footer>Acme "
            "Widgets Ltd</footer></body></html>";
    return body;
}

}  // namespace

TEST_CASE("a page whose stylesheet answers 404 is malformed once two asset checks agree",
          "[daemon][content]") {
    TestHttpServer web;
    std::atomic<int> loads{0};
    web.handle("/", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(company_page(loads++), "text/html; charset=utf-8");
    });
    web.handle("/style.css", [](const httplib::Request&, httplib::Response& res) {
        res.status = 404;
        res.set_content("<html><body>Not found</body></html>", "text/html");
    });
    TempDir dir;
    Daemon d(dir.write("sitewatch.yml", config_for((dir.path() / "sw.db").string(), web.url("/"))));
    auto sites = d.wait_for_sites([](const nlohmann::json& s) {
        auto h = by_name(s, "home");
        return h["condition"] == "malformed";
    });
    const auto home = by_name(sites, "home");
    CHECK(home["summary"].get<std::string>().find("style.css") != std::string::npos);
}

TEST_CASE("a learned baseline survives a restart and a redesign is accepted through the API",
          "[daemon][content]") {
    TestHttpServer web;
    std::atomic<int> loads{0};
    std::atomic<bool> redesigned{false};
    web.handle("/", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(
            company_page(loads++, redesigned ? "Acme — a fresh start" : "Acme Widgets", redesigned),
            "text/html; charset=utf-8");
    });
    web.handle("/style.css", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("body{}", "text/css");
    });
    TempDir dir;
    const auto cfg =
        dir.write("sitewatch.yml", config_for((dir.path() / "sw.db").string(), web.url("/")));
    {
        Daemon d(cfg);
        // Three clean loads make the baseline trusted; the similarity metric then appears.
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        std::string metrics;
        while (std::chrono::steady_clock::now() < deadline) {
            metrics = d.get_text("/metrics");
            if (metrics.find(
                    "sitewatch_content_similarity_ratio{client=\"acme\",site=\"home\"} 1") !=
                std::string::npos)
                break;
            std::this_thread::sleep_for(200ms);
        }
        CHECK(metrics.find("sitewatch_content_similarity_ratio{client=\"acme\",site=\"home\"} 1") !=
              std::string::npos);
        ::kill(d.process().pid(), SIGTERM);
        REQUIRE(d.process().wait_for(5s));
    }
    redesigned = true;
    Daemon d(cfg);
    // The restored baseline judges the first load after the restart: the redesign is a
    // change of title and of every stable block.
    auto sites = d.wait_for_sites([](const nlohmann::json& s) {
        auto h = by_name(s, "home");
        return h["condition"] == "defaced" && h["status"] != "up";
    });
    CHECK(by_name(sites, "home")["summary"].get<std::string>().find("title changed") !=
          std::string::npos);

    httplib::Client c("127.0.0.1", d.port());
    auto res = c.Post("/api/v1/sites/home/baseline", "", "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    CHECK(nlohmann::json::parse(res->body)["site"] == "home");
    d.wait_for_sites([](const nlohmann::json& s) {
        auto h = by_name(s, "home");
        return h["status"] == "up" && h["condition"].is_null();
    });
}
