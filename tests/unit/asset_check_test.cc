#include "checks/assets/asset_check.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

const std::string kBase = "https://www.example.com/";

AssetResult ok(std::string path, std::string type = "text/css") {
    AssetResult r;
    r.url = kBase + path;
    r.http_status = 200;
    r.content_type = std::move(type);
    r.bytes = 4096;
    return r;
}

AssetResult status(std::string path, int code) {
    AssetResult r = ok(std::move(path), "text/html; charset=UTF-8");
    r.http_status = code;
    return r;
}

AssetResult failed(std::string path, TransportError e, std::string message = {}) {
    AssetResult r;
    r.url = kBase + path;
    r.transport_error = e;
    r.error_message = std::move(message);
    return r;
}

std::vector<AssetResult> healthy_theme() {
    return {ok("wp-content/themes/x/style.css?ver=6.4"),
            ok("wp-includes/js/jquery/jquery.min.js", "application/javascript"),
            ok("wp-content/plugins/y/app.js", "text/javascript; charset=utf-8"),
            ok("wp-content/themes/x/print.css")};
}

}  // namespace

TEST_CASE("a page whose assets all load has no asset finding", "[assets]") {
    CHECK(check_assets(healthy_theme()).empty());
}

TEST_CASE("a page without assets has no asset finding", "[assets]") {
    CHECK(check_assets({}).empty());
}

TEST_CASE("a stylesheet that answers 404 makes the page malformed", "[assets]") {
    auto results = healthy_theme();
    results[0] = status("wp-content/themes/x/style.css?ver=6.4", 404);
    const Findings findings = check_assets(results);
    REQUIRE(findings.size() == 1);
    const Finding& f = findings.front();
    CHECK(f.condition == Condition::malformed);
    CHECK(f.severity == Severity::critical);
    CHECK(f.check == "assets");
    CHECK(f.evidence.rule == "assets.broken");
    CHECK(f.summary ==
          "1 of 4 page assets is broken: /wp-content/themes/x/style.css?ver=6.4 answers 404");
    CHECK(f.evidence.excerpt ==
          "https://www.example.com/wp-content/themes/x/style.css?ver=6.4 answers 404");
}

TEST_CASE("several broken assets are all named, the summary showing the first three", "[assets]") {
    std::vector<AssetResult> results = {
        status("a.css", 404), ok("b.css"),
        status("c.js", 500),  failed("d.js", TransportError::connect_refused),
        status("e.css", 403), status("f.js", 410),
    };
    const Findings findings = check_assets(results);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "5 of 6 page assets are broken: /a.css answers 404, /c.js answers 500, /d.js fails to "
          "load (connection refused) and 2 more");
    CHECK(findings[0].evidence.excerpt ==
          "https://www.example.com/a.css answers 404; https://www.example.com/c.js answers 500; "
          "https://www.example.com/d.js fails to load (connection refused); "
          "https://www.example.com/e.css answers 403; https://www.example.com/f.js answers 410");
}

TEST_CASE("a script that answers 5xx among many healthy assets still makes the page malformed",
          "[assets]") {
    auto results = healthy_theme();
    results.push_back(ok("a.css"));
    results.push_back(ok("b.css"));
    results.push_back(status("wp-content/plugins/z/z.js", 503));
    const Findings findings = check_assets(results);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "1 of 7 page assets is broken: /wp-content/plugins/z/z.js answers 503");
}

TEST_CASE("an asset that fails to transfer is broken, whatever the transport error", "[assets]") {
    for (TransportError e :
         {TransportError::dns, TransportError::connect_refused, TransportError::connect_failed,
          TransportError::reset, TransportError::tls_handshake, TransportError::too_many_redirects,
          TransportError::protocol, TransportError::other}) {
        INFO(to_string(e));
        const Findings findings = check_assets({ok("a.css"), failed("b.js", e)});
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].summary.starts_with("1 of 2 page assets is broken: /b.js fails to load"));
    }
    const Findings other =
        check_assets({failed("b.js", TransportError::other, "Failure when receiving data")});
    REQUIRE(other.size() == 1);
    CHECK(other[0].summary ==
          "1 of 1 page asset is broken: /b.js fails to load (Failure when receiving data)");
}

TEST_CASE("a render-blocking asset that times out makes the page malformed", "[assets]") {
    const Findings findings =
        check_assets({ok("a.css"), failed("slow.css", TransportError::timeout)});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].condition == Condition::malformed);
    CHECK(findings[0].summary ==
          "1 of 2 page assets is broken: /slow.css does not load within the timeout");
}

TEST_CASE("a stylesheet served as text/html is an error page, not CSS", "[assets]") {
    const Findings findings =
        check_assets({ok("wp-content/themes/x/style.css?ver=2", "text/html; charset=UTF-8")});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "1 of 1 page asset is broken: /wp-content/themes/x/style.css?ver=2 "
          "is served as text/html instead of CSS");
}

TEST_CASE("a script served as text/html is an error page, not JavaScript", "[assets]") {
    const Findings findings = check_assets({ok("js/app.JS", "Text/HTML")});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "1 of 1 page asset is broken: /js/app.JS is served as text/html instead of JavaScript");
}

TEST_CASE("assets without a .css or .js name may be served as text/html", "[assets]") {
    // A PHP endpoint that builds CSS or a minifier URL: its type says nothing reliable.
    CHECK(check_assets({ok("?css=main", "text/html"), ok("combine.php?f=a,b", "text/html"),
                        ok("style.css", "text/css"), ok("app.js", ""),
                        ok("app.js", "application/octet-stream")})
              .empty());
}

TEST_CASE("redirected assets that end on a healthy file are fine", "[assets]") {
    // 3xx is followed by the probe; only the final status counts.
    AssetResult r = ok("old.css");
    r.http_status = 200;
    CHECK(check_assets({r}).empty());
}

TEST_CASE("asset URLs are resolved against the page, de-duplicated and limited", "[assets]") {
    PageFeatures f;
    f.own_host = "example.com";
    f.asset_refs = {"/wp-content/themes/x/style.css?ver=6.4",
                    "js/app.js",
                    "//www.example.com/js/app.js",  // another file: relative to the root
                    "https://EXAMPLE.com/a.css#frag",
                    "https://example.com/a.css",  // the same after the fragment is dropped
                    "javascript:void(0)",
                    "https://cdn.other.net/lib.js",  // not the page's own
                    "../b.js"};
    CHECK(asset_urls(f, "https://www.example.com/blog/") ==
          std::vector<std::string>{"https://www.example.com/wp-content/themes/x/style.css?ver=6.4",
                                   "https://www.example.com/blog/js/app.js",
                                   "https://www.example.com/js/app.js", "https://example.com/a.css",
                                   "https://www.example.com/b.js"});

    f.asset_refs.clear();
    for (int i = 0; i < 16; ++i) f.asset_refs.push_back("/a" + std::to_string(i) + ".js");
    const auto urls = asset_urls(f, "https://example.com/");
    REQUIRE(urls.size() == kMaxAssetChecks);
    CHECK(urls.front() == "https://example.com/a0.js");
    CHECK(urls.back() == "https://example.com/a7.js");

    CHECK(asset_urls(PageFeatures{}, "https://example.com/").empty());
}

TEST_CASE("an asset result is read from the asset's response", "[assets]") {
    Response resp;
    resp.url = "https://example.com/a.css";
    resp.final_url = "https://example.com/404";
    resp.http_status = 404;
    resp.headers = {{"content-type", "text/html"}};
    resp.body = "not found";
    const AssetResult r = asset_result(resp);
    CHECK(r.url == "https://example.com/a.css");
    CHECK(r.http_status == 404);
    CHECK(r.transport_error == TransportError::none);
    CHECK(r.content_type == "text/html");
    CHECK(r.bytes == 9);
}
