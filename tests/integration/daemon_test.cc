// `sitewatch run` as a process: live API and metrics, confirmation, reload, graceful stop,
// and state that survives a restart.
#include <httplib.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "tests/support/child_process.h"
#include "tests/support/closed_port.h"
#include "tests/support/daemon_under_test.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;

namespace {


using Daemon = DaemonUnderTest;

std::string config_for(const std::string& db,
                       const std::vector<std::pair<std::string, std::string>>& sites,
                       const std::string& ca_file = "") {
    std::string y = "server:\n  listen: 127.0.0.1:0\nstorage:\n  sqlite: " + db +
                    "\ndefaults:\n  interval: 1s\n  timeout: 2s\n  confirm:\n    failures: 2\n"
                    "    retry_after: 200ms\n  recover:\n    successes: 2\n";
    if (!ca_file.empty()) y += "  tls:\n    ca_file: " + ca_file + "\n";
    y += "clients:\n  - name: acme\n    sites:\n";
    for (const auto& [name, url] : sites)
        y += "      - name: " + name + "\n        url: " + url + "\n";
    return y;
}

}  // namespace

TEST_CASE("run serves live sites, contract metrics and blackbox probes", "[daemon]") {
    TestCertificates certs;
    TestHttpServer web;
    web.route("/", Route::html("<html><title>Acme</title><body>hello</body></html>"));
    web.route("/broken", Route::html("oops").with_status(503));
    TestHttpServer secure(certs.valid());
    secure.route("/", Route::html("<html><body>secure</body></html>"));
    ClosedPort closed;
    TempDir dir;
    auto cfg =
        dir.write("sitewatch.yml",
                  config_for((dir.path() / "sw.db").string(),
                             {{"home", web.url("/")},
                              {"broken", web.url("/broken")},
                              {"secure", secure.url("/")},
                              {"gone", "http://127.0.0.1:" + std::to_string(closed.port()) + "/"}},
                             certs.ca_file()));
    Daemon d(cfg);

    auto sites = d.wait_for_sites([](const nlohmann::json& s) {
        return by_name(s, "broken")["status"] == "down" && by_name(s, "gone")["status"] == "down" &&
               by_name(s, "home")["status"] == "up" && by_name(s, "secure")["status"] == "up";
    });
    CHECK(by_name(sites, "broken")["condition"] == "error");
    CHECK(by_name(sites, "broken")["http_status"] == 503);
    CHECK(by_name(sites, "gone")["condition"] == "down");
    CHECK(by_name(sites, "home")["http_status"] == 200);
    CHECK(by_name(sites, "home")["last_checked_at"].is_string());
    CHECK(by_name(sites, "secure")["tls_expires_at"].is_string());

    auto metrics = d.get_text("/metrics");
    for (const char* name :
         {"sitewatch_probe_success{client=\"acme\",site=\"home\"} 1",
          "sitewatch_probe_success{client=\"acme\",site=\"broken\"} 0",
          "sitewatch_probe_duration_seconds{", "sitewatch_probe_phase_duration_seconds{",
          "sitewatch_http_status_code{client=\"acme\",site=\"broken\"} 503",
          "sitewatch_tls_cert_expiry_timestamp_seconds{client=\"acme\",site=\"secure\"}",
          "sitewatch_site_condition{client=\"acme\",condition=\"error\",site=\"broken\"} 1",
          "sitewatch_checks_total{client=\"acme\",result=\"fail\",site=\"gone\"}",
          "sitewatch_scheduler_lag_seconds_bucket", "sitewatch_build_info{version="}) {
        INFO(name);
        CHECK(metrics.find(name) != std::string::npos);
    }

    auto probe = d.get_text("/probe?target=secure");
    CHECK(probe.find("probe_success 1") != std::string::npos);
    CHECK(probe.find("probe_ssl_earliest_cert_expiry") != std::string::npos);
    REQUIRE(d.wait_for_results("broken", 2).size() >= 2);

    d.process().signal(SIGTERM);
    auto code = d.process().wait_for(5s);
    REQUIRE(code);
    CHECK(*code == 0);
}

TEST_CASE("a single failed check is confirmed by a fast re-check before the site is down",
          "[daemon]") {
    TestHttpServer web;
    web.route("/", Route::html("oops").with_status(500));
    TempDir dir;
    // A long interval: only the confirming re-check can make the site down quickly.
    auto y = config_for((dir.path() / "sw.db").string(), {{"slow-cadence", web.url("/")}});
    y.replace(y.find("interval: 1s"), 12, "interval: 20s");
    Daemon d(dir.write("sitewatch.yml", y));
    auto start = std::chrono::steady_clock::now();
    d.wait_for_sites(
        [](const nlohmann::json& s) { return by_name(s, "slow-cadence")["status"] == "down"; },
        30s);
    // The first check lands within the interval; the confirm follows 200 ms later, long
    // before the next regular check.
    auto results = d.wait_for_results("slow-cadence", 2);
    REQUIRE(results.size() == 2);
    CHECK(results[0]["confirm"] == true);
    CHECK(std::chrono::steady_clock::now() - start < 22s);
}

TEST_CASE("SIGHUP applies a valid config and refuses an invalid one", "[daemon]") {
    TestHttpServer web;
    web.route("/", Route::html("<html><body>hi</body></html>"));
    TempDir dir;
    const auto db = (dir.path() / "sw.db").string();
    auto cfg = dir.write("sitewatch.yml", config_for(db, {{"one", web.url("/")}}));
    Daemon d(cfg);
    d.wait_for_sites([](const nlohmann::json& s) { return by_name(s, "one")["status"] == "up"; });

    dir.write("sitewatch.yml", config_for(db, {{"one", web.url("/")}}) + "        bogus: 1\n");
    d.process().signal(SIGHUP);
    std::this_thread::sleep_for(1s);
    CHECK(d.process().stderr_text().find("reload refused") != std::string::npos);
    CHECK(by_name(d.get_json("/api/v1/sites")["sites"], "one")["status"] == "up");

    dir.write("sitewatch.yml", config_for(db, {{"one", web.url("/")}, {"two", web.url("/")}}));
    d.process().signal(SIGHUP);
    auto sites = d.wait_for_sites([](const nlohmann::json& s) {
        return s.size() == 2 && by_name(s, "two")["status"] == "up";
    });
    // The site that stayed kept its state through the reload.
    CHECK(by_name(sites, "one")["status"] == "up");
    d.process().signal(SIGINT);
    CHECK(d.process().wait_for(5s) == 0);
}

TEST_CASE("results and a confirmed outage survive a restart", "[daemon]") {
    TestHttpServer web;
    web.route("/", Route::html("down for maintenance").with_status(503));
    TempDir dir;
    auto cfg = dir.write("sitewatch.yml",
                         config_for((dir.path() / "sw.db").string(), {{"site", web.url("/")}}));
    std::size_t before = 0;
    {
        Daemon d(cfg);
        d.wait_for_sites(
            [](const nlohmann::json& s) { return by_name(s, "site")["status"] == "down"; });
        d.process().signal(SIGTERM);
        REQUIRE(d.process().wait_for(5s) == 0);
        before = 2;
    }
    Daemon again(cfg);
    // Before its first new check the site is already known to be down.
    auto sites = again.get_json("/api/v1/sites")["sites"];
    CHECK(by_name(sites, "site")["status"] == "down");
    auto results = again.get_json("/api/v1/sites/site/results?limit=100")["results"];
    CHECK(results.size() >= before);
    again.process().signal(SIGTERM);
    CHECK(again.process().wait_for(5s) == 0);
}
