#include <catch2/catch.hpp>
#include <cctype>
#include <string>

#include "monitor/daemon/site_probe.h"

using namespace sitewatch;
using namespace std::chrono_literals;

namespace {

config::SiteConfig staging_site() {
    config::SiteConfig s;
    s.name = "acme-staging";
    s.url = "https://staging.acme.example/shop/";
    s.method = "HEAD";
    s.headers = {{"Authorization", "Basic c3RhZ2U6c2VjcmV0"},
                 {"user-agent", "Configured/1.0"},
                 {"REFERER", "https://configured.example/"}};
    s.user_agent = "AcmeMonitor/2.0";
    s.timeout = 30s;
    s.max_body = 8u << 20;
    s.max_redirects = 3;
    s.tls.ca_file = "/etc/acme/ca.pem";
    s.resolve = "127.0.0.1";
    return s;
}

const std::string* header(const ProbeRequest& r, std::string_view name) {
    const std::string* found = nullptr;
    for (const auto& [k, v] : r.headers) {
        std::string lower(k);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == name) {
            REQUIRE(found == nullptr);  // sent once
            found = &v;
        }
    }
    return found;
}

}  // namespace

TEST_CASE("the crawler request is sent as Googlebot from a Google search", "[cloaking]") {
    const ProbeRequest r = make_crawler_request(staging_site(), 42);
    CHECK(r.id == 42);
    CHECK(r.user_agent ==
          "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, "
          "like Gecko) Chrome/131.0.6778.85 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
          "+http://www.google.com/bot.html)");
    CHECK(header(r, "user-agent") == nullptr);  // the configured one would override it
    REQUIRE(header(r, "referer") != nullptr);
    CHECK(*header(r, "referer") == "https://www.google.com/");
    REQUIRE(header(r, "authorization") != nullptr);
    CHECK(*header(r, "authorization") == "Basic c3RhZ2U6c2VjcmV0");
}

TEST_CASE("the crawler request keeps the site's own settings but always reads the body",
          "[cloaking]") {
    const config::SiteConfig site = staging_site();
    const ProbeRequest page = make_probe_request(site, 1);
    const ProbeRequest crawler = make_crawler_request(site, 1);
    CHECK(crawler.url == page.url);
    CHECK(crawler.method == "GET");  // the site checks with HEAD, but bodies are compared
    CHECK(crawler.timeout == page.timeout);
    CHECK(crawler.max_body == page.max_body);
    CHECK(crawler.max_redirects == page.max_redirects);
    CHECK(crawler.ca_file == page.ca_file);
    CHECK(crawler.resolve == page.resolve);
}

TEST_CASE("an asset request is a bounded GET sent with the page as Referer", "[assets]") {
    const config::SiteConfig site = staging_site();
    const ProbeRequest r =
        make_asset_request(site, "https://staging.acme.example/wp-content/themes/x/style.css", 7);
    CHECK(r.id == 7);
    CHECK(r.url == "https://staging.acme.example/wp-content/themes/x/style.css");
    CHECK(r.method == "GET");
    CHECK(r.max_body == 512u * 1024u);
    CHECK(r.timeout == 10s);
    CHECK(r.max_redirects == 3);
    CHECK(r.user_agent == "AcmeMonitor/2.0");
    CHECK(r.ca_file == std::optional<std::string>("/etc/acme/ca.pem"));
    CHECK(r.resolve == std::optional<std::string>("127.0.0.1"));
    REQUIRE(header(r, "referer") != nullptr);
    CHECK(*header(r, "referer") == "https://staging.acme.example/shop/");
    REQUIRE(header(r, "authorization") != nullptr);
}

TEST_CASE("an asset request keeps a site timeout shorter than ten seconds", "[assets]") {
    config::SiteConfig site = staging_site();
    site.timeout = 4s;
    CHECK(make_asset_request(site, "https://staging.acme.example/a.js", 1).timeout == 4s);
}
