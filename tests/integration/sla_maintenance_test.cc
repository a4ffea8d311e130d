// End to end: a real `sitewatch run` with a daily maintenance window covering now. A site
// that goes down inside it opens an incident that calls nobody; another client's site has a
// short outage outside any window, which the SLA endpoint and the monthly report then show.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/support/child_process.h"
#include "tests/support/daemon_under_test.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_http_server.h"
#include "tests/support/vendor_stubs.h"

using namespace std::chrono_literals;
using sitewatch::testing::DaemonUnderTest;
using sitewatch::testing::TempDir;
using sitewatch::testing::TestHttpServer;
using sitewatch::testing::VendorStubs;

namespace {

using SteadyClock = std::chrono::steady_clock;

// A site answering with the status the test sets.
struct SwitchableSite {
    TestHttpServer server;
    std::atomic<int> status{200};
    SwitchableSite() {
        server.handle("/", [this](const httplib::Request&, httplib::Response& res) {
            res.status = status.load();
            res.set_content("<html><body><p>Shop</p></body></html>", "text/html");
        });
    }
};

// "HH:MM" (UTC) of now minus five minutes, and "YYYY-MM" of now.
std::string utc_text(std::chrono::system_clock::time_point t, const char* format) {
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

std::string config(const TempDir& dir, const VendorStubs& stubs, const SwitchableSite& shop,
                   const SwitchableSite& blog, const std::string& window_at) {
    const auto twilio = dir.write("secrets/twilio", VendorStubs::kTwilioToken);
    return dir.write(
        "sitewatch.yml",
        "server:\n  listen: 127.0.0.1:0\nstorage:\n  sqlite: " + (dir.path() / "sw.db").string() +
            "\ndefaults:\n  interval: 1s\n  timeout: 2s\n"
            "  confirm:\n    failures: 2\n    retry_after: 1s\n  recover:\n    successes: 1\n"
            "  defacement:\n    enabled: false\n  assets:\n    check: false\n"
            "team:\n  - {name: Dana, role: strategist, phone: \"+15550100001\"}\n"
            "notifiers:\n  twilio: {account_sid: " +
            VendorStubs::kTwilioSid + ", auth_token_file: " + twilio +
            ", from: \"+15550109999\", api_base: \"" + stubs.twilio_base() +
            "\"}\n"
            "clients:\n"
            "  - name: acme\n    team: {strategist: Dana}\n    sites:\n"
            "      - name: shop\n        url: " +
            shop.server.url("/") +
            "\n        maintenance:\n"
            "          - {every: daily, at: \"" +
            window_at +
            "\", duration: 1h, reason: database upgrade}\n"
            "  - name: globex\n    sites:\n      - name: blog\n        url: " +
            blog.server.url("/") + "\n");
}

template <typename Pred>
nlohmann::json wait_for(const DaemonUnderTest& d, const std::string& path, Pred pred,
                        std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    nlohmann::json body;
    while (SteadyClock::now() < deadline) {
        body = d.get_json(path);
        if (pred(body)) return body;
        std::this_thread::sleep_for(100ms);
    }
    FAIL("not reached within the time; last answer of " << path << ": " << body.dump());
    return body;
}

httplib::Result get(const DaemonUnderTest& d, const std::string& path) {
    httplib::Client c("127.0.0.1", d.port());
    c.set_read_timeout(5, 0);
    return c.Get(path.c_str());
}

}  // namespace

TEST_CASE(
    "a site down inside its maintenance window calls nobody, and the SLA endpoint and report "
    "show another site's short outage",
    "[integration][maintenance][sla]") {
    TempDir dir;
    VendorStubs stubs;
    SwitchableSite shop, blog;
    shop.status = 503;
    blog.status = 503;
    const auto now = std::chrono::system_clock::now();
    // A daily window that began five minutes ago and lasts an hour covers now, also across
    // midnight (the occurrence then began yesterday).
    const auto config_file = config(dir, stubs, shop, blog, utc_text(now - 5min, "%H:%M"));
    DaemonUnderTest d(config_file);
    const std::string month = utc_text(now, "%Y-%m");

    // Both sites open incidents; the blog's then resolves when it answers again.
    const auto has_open = [](const std::string& site) {
        return [site](const nlohmann::json& b) {
            for (const auto& i : b["incidents"])
                if (i["site"] == site) return true;
            return false;
        };
    };
    wait_for(d, "/api/v1/incidents", has_open("shop"), 10s);
    wait_for(d, "/api/v1/incidents", has_open("blog"), 10s);
    blog.status = 200;
    wait_for(
        d, "/api/v1/incidents?state=resolved&site=blog",
        [](const nlohmann::json& b) { return !b["incidents"].empty(); }, 10s);

    // Nobody was called or texted for the shop (globex has no team to page).
    CHECK(stubs.count("twilio_call") == 0);
    CHECK(stubs.count("twilio_sms") == 0);
    const auto shop_incident = d.get_json("/api/v1/incidents?site=shop")["incidents"].at(0);
    CHECK(shop_incident["state"] == "open");
    const auto metrics = d.get_text("/metrics");
    CHECK(metrics.find("sitewatch_maintenance_active{client=\"acme\",site=\"shop\"} 1") !=
          std::string::npos);
    CHECK(metrics.find("sitewatch_maintenance_active{client=\"globex\",site=\"blog\"} 0") !=
          std::string::npos);
    CHECK(metrics.find("sitewatch_incident_time_to_resolve_seconds_count{client=\"globex\"") !=
          std::string::npos);

    const auto windows = d.get_json("/api/v1/maintenance")["windows"];
    REQUIRE(windows.size() == 1);
    CHECK(windows[0]["id"] == "acme/shop#1");
    CHECK(windows[0]["client"] == "acme");
    CHECK(windows[0]["site"] == "shop");
    CHECK(windows[0]["kind"] == "recurring");
    CHECK(windows[0]["reason"] == "database upgrade");
    CHECK(windows[0]["active"] == true);
    CHECK(windows[0]["schedule"].get<std::string>().find("daily") == 0);
    CHECK(windows[0]["next_start"].is_string());
    CHECK(windows[0]["next_end"].is_string());

    const auto sla = d.get_json("/api/v1/sla?month=" + month);
    CHECK(sla["month"] == month);
    CHECK(sla["definition"].get<std::string>().find("uptime by time") == 0);
    REQUIRE(sla["clients"].size() == 2);
    const auto& acme = sla["clients"][0];
    CHECK(acme["client"] == "acme");
    // The shop was down only inside its window: no downtime, one incident.
    CHECK(acme["downtime_minutes"] == 0);
    CHECK(acme["maintenance_minutes"].get<double>() > 0);
    CHECK(acme["incidents"]["total"] == 1);
    const auto& globex = sla["clients"][1];
    const auto& site = globex["sites"].at(0);
    CHECK(site["site"] == "blog");
    CHECK(site["downtime_minutes"].get<double>() > 0);
    CHECK(site["downtime_minutes"].get<double>() < 1);
    CHECK(site["uptime_percent"].get<double>() < 100);
    CHECK(site["monitored_minutes"].get<double>() > 0);
    CHECK(site["maintenance_minutes"] == 0);
    CHECK(site["incidents"]["total"] == 1);
    CHECK(site["incidents"]["by_severity"]["critical"] == 1);
    CHECK(site["time_to_resolve_seconds"]["mean"].get<double>() > 0);
    CHECK(site["time_to_acknowledge_seconds"]["mean"].is_null());
    CHECK(site["longest_outage_minutes"] == site["downtime_minutes"]);
    CHECK(site["tls_days_left"].is_null());  // plain HTTP

    CHECK(get(d, "/api/v1/sla?month=2026-13")->status == 400);
    CHECK(get(d, "/api/v1/sla?client=nobody")->status == 404);
    CHECK(get(d, "/api/v1/sla/nobody/report")->status == 404);
    const auto md = get(d, "/api/v1/sla/globex/report?month=" + month + "&format=md");
    REQUIRE(md);
    CHECK(md->status == 200);
    CHECK(md->get_header_value("Content-Type").find("text/markdown") == 0);
    CHECK(md->body.find("# SLA report: globex, " + month) == 0);
    CHECK(md->body.find("## Summary") != std::string::npos);
    CHECK(md->body.find("## Definition") != std::string::npos);
    const auto html = get(d, "/api/v1/sla/globex/report?month=" + month + "&format=html");
    REQUIRE(html);
    CHECK(html->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(html->body.find("<h2>Sites</h2>") != std::string::npos);

    // The same report from the store by the CLI, next to the running daemon.
    const auto cli = sitewatch::testing::run_program(
        {SITEWATCH_BINARY, "sla", "--config", config_file, "--client", "globex", "--month", month},
        10s);
    CHECK(cli.exit_code == 0);
    CHECK(cli.out.find("# SLA report: globex, " + month) == 0);
    CHECK(cli.out.find("| \\#") != std::string::npos);
    CHECK(sitewatch::testing::run_program(
              {SITEWATCH_BINARY, "sla", "--config", config_file, "--client", "nobody"}, 10s)
              .exit_code == 1);
}
