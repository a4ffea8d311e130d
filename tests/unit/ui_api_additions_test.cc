// What the web UI adds to the API and serves: the response-time ring behind the sparklines,
// the baseline facts, and the lookup of embedded UI files.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "monitor/daemon/recent_response_times.h"
#include "monitor/http/baseline_encoding.h"
#include "monitor/http/json_encoding.h"
#include "monitor/ui/asset_lookup.h"

using namespace sitewatch;

namespace {

SiteStatus acme_home() {
    SiteStatus s;
    s.client = "acme";
    s.name = "acme-home";
    s.url = "https://acme.example/";
    return s;
}

}  // namespace

TEST_CASE("the recent response times keep the last 30 checks, oldest first", "[ui][sites]") {
    RecentResponseTimes ring;
    CHECK(ring.size() == 0);
    CHECK(ring.oldest_first().empty());
    for (int i = 1; i <= 3; ++i) ring.push(i * 10.0);
    CHECK(ring.oldest_first() == std::vector<float>{10, 20, 30});
    for (int i = 4; i <= 45; ++i) ring.push(i * 10.0);
    REQUIRE(ring.size() == RecentResponseTimes::kCapacity);
    const auto kept = ring.oldest_first();
    CHECK(kept.front() == 160.0f);  // checks 16..45
    CHECK(kept.back() == 450.0f);
    for (std::size_t i = 1; i < kept.size(); ++i) CHECK(kept[i] - kept[i - 1] == 10.0f);
}

TEST_CASE("the site list carries recent response times, null where a check had no response",
          "[ui][sites]") {
    SiteStatus s = acme_home();
    CHECK(http::site_to_json(s).at("recent_response_ms") == nlohmann::json::array());
    s.recent_response_ms.push(120.1234567);
    s.recent_response_ms.push(std::numeric_limits<double>::quiet_NaN());
    s.recent_response_ms.push(98.5);
    const auto j = http::site_to_json(s).at("recent_response_ms");
    REQUIRE(j.size() == 3);
    CHECK(j[0].get<double>() == Approx(120.123).margin(0.001));
    CHECK(j[1].is_null());
    CHECK(j[2].get<double>() == Approx(98.5));
}

TEST_CASE("a site without a content baseline reports null facts and its learning target",
          "[ui][baseline]") {
    SiteStatus s = acme_home();
    s.baseline_learn_samples = 5;
    const auto j = http::baseline_facts_to_json(s, nullptr);
    CHECK(j.at("site") == "acme-home");
    CHECK(j.at("client") == "acme");
    CHECK(j.at("learn_samples") == 5);
    CHECK(j.at("content_similarity").is_null());
    CHECK(j.at("baseline").is_null());
}

TEST_CASE("baseline facts tell learning from trusted and accepted, with hosts and block counts",
          "[ui][baseline]") {
    SiteStatus s = acme_home();
    s.content_similarity = 0.97;
    checks::ContentBaseline b;
    b.samples = 2;
    b.learn_samples = 5;
    b.created_at = TimePoint{std::chrono::seconds(1795529100)};
    b.updated_at = TimePoint{std::chrono::seconds(1795529160)};
    b.titles = {"acme widgets"};
    b.script_hosts = {"cdn.acme.example", "www.googletagmanager.com"};
    b.stable_blocks = {1, 2, 3};
    b.seen_blocks = {1, 2, 3, 4, 5};
    b.html_bytes = {1200, 1400};

    auto j = http::baseline_facts_to_json(s, &b);
    CHECK(j.at("content_similarity").get<double>() == Approx(0.97));
    auto f = j.at("baseline");
    CHECK(f.at("samples") == 2);
    CHECK(f.at("trusted") == false);
    CHECK(f.at("accepted") == false);
    CHECK(f.at("accepted_at").is_null());
    CHECK(f.at("created_at") == "2026-11-24T14:05:00Z");
    CHECK(f.at("updated_at") == "2026-11-24T14:06:00Z");
    CHECK(f.at("titles") == nlohmann::json{"acme widgets"});
    CHECK(f.at("script_hosts") == nlohmann::json{"cdn.acme.example", "www.googletagmanager.com"});
    CHECK(f.at("stable_blocks") == 3);
    CHECK(f.at("seen_blocks") == 5);
    CHECK(f.at("html_bytes") == nlohmann::json{{"min", 1200.0}, {"max", 1400.0}});

    b.samples = 5;
    CHECK(http::baseline_facts_to_json(s, &b).at("baseline").at("trusted") == true);
    b.samples = 1;
    b.accepted = true;
    f = http::baseline_facts_to_json(s, &b).at("baseline");
    CHECK(f.at("trusted") == true);
    CHECK(f.at("settled") == false);
    CHECK(f.at("accepted_at") == "2026-11-24T14:05:00Z");
}

TEST_CASE("UI files are served with the Content-Type of their extension", "[ui]") {
    CHECK(ui::content_type_for("/index.html") == "text/html; charset=utf-8");
    CHECK(ui::content_type_for("/pages/fleet.js") == "text/javascript; charset=utf-8");
    CHECK(ui::content_type_for("/style.css") == "text/css; charset=utf-8");
    CHECK(ui::content_type_for("/favicon.svg") == "image/svg+xml");
    CHECK(ui::content_type_for("/LICENSE") == "application/octet-stream");
}

TEST_CASE("UI files are found by exact path only, never by climbing out", "[ui]") {
    const ui::EmbeddedAsset assets[] = {{"/app.js", "js", "\"a\""},
                                        {"/index.html", "html", "\"b\""},
                                        {"/pages/site.js", "site", "\"c\""}};
    REQUIRE(ui::find_asset(assets, "/pages/site.js"));
    CHECK(ui::find_asset(assets, "/pages/site.js")->body == "site");
    CHECK(ui::find_asset(assets, "/index.html")->etag == "\"b\"");
    CHECK_FALSE(ui::find_asset(assets, "/pages/../app.js"));
    CHECK_FALSE(ui::find_asset(assets, "/pages\\site.js"));
    CHECK_FALSE(ui::find_asset(assets, "/app.j"));
    CHECK_FALSE(ui::find_asset(assets, "app.js"));
    CHECK_FALSE(ui::find_asset(assets, ""));
}

TEST_CASE("every embedded UI file is reachable and index.html is among them", "[ui]") {
    const auto assets = ui::embedded_assets();
    REQUIRE_FALSE(assets.empty());
    for (const auto& a : assets) {
        INFO(a.path);
        CHECK(ui::find_asset(assets, a.path));  // sorted, as the lookup needs
        CHECK(a.etag.size() > 2);
        CHECK_FALSE(a.body.empty());
    }
    const auto index = ui::find_asset(assets, "/index.html");
    REQUIRE(index);
    CHECK(index->body.find("/ui/assets/app.js") != std::string_view::npos);
}

TEST_CASE("If-None-Match matches a listed, weak or wildcard validator", "[ui]") {
    CHECK(ui::etag_matches("\"abc\"", "\"abc\""));
    CHECK(ui::etag_matches("W/\"abc\"", "\"abc\""));
    CHECK(ui::etag_matches("\"x\", \"abc\"", "\"abc\""));
    CHECK(ui::etag_matches("*", "\"abc\""));
    CHECK_FALSE(ui::etag_matches("", "\"abc\""));
    CHECK_FALSE(ui::etag_matches("\"abcd\"", "\"abc\""));
    CHECK_FALSE(ui::etag_matches("abc", "\"abc\""));
}
