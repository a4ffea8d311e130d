// The lower-rate content probes against a real loopback server through the real probe engine:
// the page's own assets fetched and judged, and the page fetched again as Googlebot.
#include <httplib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "checks/assets/asset_check.h"
#include "checks/cloaking/cloaking_check.h"
#include "checks/content/page_features.h"
#include "monitor/daemon/site_probe.h"
#include "monitor/probe/probe_engine.h"
#include "tests/support/closed_port.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch;
using namespace sitewatch::checks;
using namespace sitewatch::testing;
using namespace std::chrono_literals;

namespace {

config::SiteConfig site_for(const TestHttpServer& server) {
    config::SiteConfig site;
    site.name = "acme";
    site.url = server.url("/");
    site.timeout = 5s;
    return site;
}

const char* kPage =
    "<!doctype html><html><head><title>Acme</title>"
    "<link rel=\"stylesheet\" href=\"/wp-content/themes/acme/style.css?ver=6.4\">"
    "<link rel=\"stylesheet\" href=\"/wp-content/plugins/gone/gone.css\">"
    "<link rel=\"stylesheet\" href=\"theme.css\">"
    "<link rel=\"stylesheet\" href=\"https://cdn.example.net/framework.css\">"
    "<script src=\"/js/app.js\"></script><script src=\"/js/app.js\"></script>"
    "<script src=\"/js/broken.js\" defer></script>"
    "</head><body><h1>Acme</h1><p>Widgets since 1952.</p></body></html>";

}  // namespace

TEST_CASE("the page's assets are fetched from a real server and broken ones make it malformed",
          "[assets]") {
    TestHttpServer server;
    server.route("/", Route::html(kPage));
    server.route("/wp-content/themes/acme/style.css",
                 Route::html("body{color:#222}").with_content_type("text/css"));
    // /wp-content/plugins/gone/gone.css has no route: the server answers 404.
    server.route("/theme.css", Route::html("<html><body>Page not found</body></html>"));
    server.route("/js/app.js",
                 Route::html("console.log(1)").with_content_type("application/javascript"));
    server.route("/js/broken.js", Route::html("Internal error").with_status(500));

    const config::SiteConfig site = site_for(server);
    const Response page = probe_all({make_probe_request(site, 0)}).front();
    REQUIRE(page.http_status == 200);
    const PageFeatures features = extract_features(page.body, page.final_url);
    const std::vector<std::string> urls = asset_urls(features, page.final_url);
    REQUIRE(urls == std::vector<std::string>{
                        server.url("/wp-content/themes/acme/style.css?ver=6.4"),
                        server.url("/wp-content/plugins/gone/gone.css"), server.url("/theme.css"),
                        server.url("/js/app.js"), server.url("/js/broken.js")});

    std::vector<ProbeRequest> requests;
    for (std::size_t i = 0; i < urls.size(); ++i)
        requests.push_back(make_asset_request(site, urls[i], i));
    std::vector<AssetResult> results;
    for (const Response& r : probe_all(requests)) results.push_back(asset_result(r));

    REQUIRE(results.size() == 5);
    CHECK(results[0].http_status == 200);
    CHECK(results[0].content_type == "text/css");
    CHECK(results[0].bytes == 16);
    CHECK(results[1].http_status == 404);
    CHECK(results[2].http_status == 200);
    CHECK(results[2].content_type.starts_with("text/html"));
    CHECK(results[3].http_status == 200);
    CHECK(results[4].http_status == 500);
    for (const AssetResult& r : results) CHECK(r.transport_error == TransportError::none);

    const Findings findings = check_assets(results);
    REQUIRE(findings.size() == 1);
    const Finding& f = findings.front();
    CHECK(f.condition == Condition::malformed);
    CHECK(f.severity == Severity::critical);
    CHECK(f.summary ==
          "3 of 5 page assets are broken: /wp-content/plugins/gone/gone.css answers 404, "
          "/theme.css is served as text/html instead of CSS, /js/broken.js answers 500");
    CHECK(f.evidence.excerpt.find(server.url("/js/broken.js") + " answers 500") !=
          std::string::npos);
}

TEST_CASE("assets on a server that stops answering or refuses are broken", "[assets]") {
    TestHttpServer server;
    server.route("/slow.css", Route::html("a{}").with_content_type("text/css").with_delay(3s));
    config::SiteConfig site = site_for(server);
    site.timeout = 1s;

    const ClosedPort closed;
    const std::string refused = "http://127.0.0.1:" + std::to_string(closed.port()) + "/a.js";
    std::vector<ProbeRequest> requests = {make_asset_request(site, server.url("/slow.css"), 0),
                                          make_asset_request(site, refused, 1)};
    std::vector<AssetResult> results;
    for (const Response& r : probe_all(requests)) results.push_back(asset_result(r));
    REQUIRE(results.size() == 2);
    CHECK(results[0].transport_error == TransportError::timeout);
    CHECK(results[1].transport_error == TransportError::connect_refused);
    const Findings findings = check_assets(results);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "2 of 2 page assets are broken: /slow.css does not load within the timeout, /a.js "
          "fails to load (connection refused)");
}

TEST_CASE("a healthy page's assets fetched from a real server give no finding", "[assets]") {
    TestHttpServer server;
    server.route("/", Route::html("<html><head><link rel=stylesheet href=/a.css>"
                                  "<script src=/b.js></script></head><body>x</body></html>"));
    server.route("/a.css", Route::html("a{}").with_content_type("text/css; charset=utf-8"));
    server.route("/b.js", Route::html("1").with_content_type("text/javascript"));
    const config::SiteConfig site = site_for(server);
    const Response page = probe_all({make_probe_request(site, 0)}).front();
    std::vector<ProbeRequest> requests;
    for (const std::string& url :
         asset_urls(extract_features(page.body, page.final_url), page.final_url))
        requests.push_back(make_asset_request(site, url, requests.size()));
    REQUIRE(requests.size() == 2);
    std::vector<AssetResult> results;
    for (const Response& r : probe_all(requests)) results.push_back(asset_result(r));
    CHECK(check_assets(results).empty());
}

TEST_CASE("a server that shows Googlebot from a Google search a link farm is caught cloaking",
          "[cloaking]") {
    TestHttpServer server;
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> seen;  // user agent, referer
    const std::string clean =
        "<html><head><title>Acme</title></head><body><h1>Acme</h1><p>Widgets since "
        "1952.</p><div></div></body></html>";
    server.handle("/", [&](const httplib::Request& req, httplib::Response& res) {
        const std::string ua = req.get_header_value("User-Agent");
        const std::string referer = req.get_header_value("Referer");
        {
            std::lock_guard lock(mutex);
            seen.emplace_back(ua, referer);
        }
        std::string body = clean;
        // What injected cloaking code does: spam for crawlers and search visitors only.
        if (ua.find("Googlebot") != std::string::npos) {
            std::string farm = "<div style=\"position:absolute;left:-9999px\">";
            for (int i = 0; i < 8; ++i)
                farm += "<a href=\"https://pharmacy" + std::to_string(i) +
                        ".example/\">cheap meds " + std::to_string(i) + "</a>";
            body.replace(body.find("<div></div>"), 11, farm + "</div>");
        }
        res.set_content(body, "text/html; charset=utf-8");
    });

    const config::SiteConfig site = site_for(server);
    const std::vector<Response> responses =
        probe_all({make_probe_request(site, 0), make_crawler_request(site, 1)});
    REQUIRE(responses.size() == 2);
    {
        std::lock_guard lock(mutex);
        REQUIRE(seen.size() == 2);
        std::sort(seen.begin(), seen.end());  // "Mozilla/..." before "sitewatch/..."
        CHECK(seen[0].first.find("(compatible; Googlebot/2.1; +http://www.google.com/bot.html)") !=
              std::string::npos);
        CHECK(seen[0].second == "https://www.google.com/");
        CHECK(seen[1].first.starts_with("sitewatch/"));
        CHECK(seen[1].second.empty());
    }
    const Response& visitor = responses[0];
    const Response& crawler = responses[1];
    const PageFeatures vf = extract_features(visitor.body, visitor.final_url);
    const PageFeatures cf = extract_features(crawler.body, crawler.final_url);
    const Findings findings = check_cloaking({visitor.final_url, visitor.body, vf},
                                             {crawler.final_url, crawler.body, cf}, {});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].condition == Condition::defaced);
    CHECK(findings[0].summary ==
          "search engines are shown different content: spam links to 8 hosts");

    // The same page for both: nothing.
    const PageFeatures again = extract_features(visitor.body, visitor.final_url);
    CHECK(check_cloaking({visitor.final_url, visitor.body, vf},
                         {visitor.final_url, visitor.body, again}, {})
              .empty());
}
