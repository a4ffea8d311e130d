#include "checks/http/http_status_check.h"

#include <catch2/catch.hpp>

#include "checks/http/reason_phrase.h"

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

Response answered(int status) {
    Response r;
    r.url = "https://acme.example/";
    r.final_url = r.url;
    r.http_status = status;
    return r;
}

}  // namespace

TEST_CASE("any status from 200 to 399 passes by default", "[checks][http]") {
    for (int s : {200, 204, 301, 304, 399}) {
        INFO(s);
        CHECK_FALSE(check_http_status(answered(s), CheckSpec{}).has_value());
    }
}

TEST_CASE("a site that answers 503 shows an error", "[checks][http]") {
    const auto f = check_http_status(answered(503), CheckSpec{});
    REQUIRE(f.has_value());
    CHECK(f->condition == Condition::error);
    CHECK(f->severity == Severity::critical);
    CHECK(f->check == "http");
    CHECK(f->summary == "HTTP 503 Service Unavailable");
    CHECK(f->evidence.rule == "http.status");
    CHECK(f->evidence.before == "200-399");
    CHECK(f->evidence.after == "503");
    CHECK(f->evidence.excerpt == "https://acme.example/ answered 503");
}

TEST_CASE("client and server errors are both critical errors", "[checks][http]") {
    const std::pair<int, const char*> cases[] = {
        {400, "HTTP 400 Bad Request"},
        {401, "HTTP 401 Unauthorized"},
        {403, "HTTP 403 Forbidden"},
        {404, "HTTP 404 Not Found"},
        {410, "HTTP 410 Gone"},
        {429, "HTTP 429 Too Many Requests"},
        {500, "HTTP 500 Internal Server Error"},
        {502, "HTTP 502 Bad Gateway"},
        {504, "HTTP 504 Gateway Timeout"},
        {599, "HTTP 599"},
    };
    for (const auto& [status, summary] : cases) {
        INFO(status);
        const auto f = check_http_status(answered(status), CheckSpec{});
        REQUIRE(f.has_value());
        CHECK(f->condition == Condition::error);
        CHECK(f->severity == Severity::critical);
        CHECK(f->summary == summary);
    }
}

TEST_CASE("a CDN that cannot reach the origin means the site is down", "[checks][http]") {
    for (int s : {520, 521, 522, 523, 524, 525, 526, 527, 530}) {
        INFO(s);
        const auto f = check_http_status(answered(s), CheckSpec{});
        REQUIRE(f.has_value());
        CHECK(f->condition == Condition::down);
        CHECK(f->severity == Severity::critical);
        CHECK(f->evidence.rule == "http.cdn_origin");
    }
    auto r = answered(521);
    r.headers = {{"server", "cloudflare"}, {"cf-ray", "8a1b2c3d4e5f-AMS"}};
    const auto f = check_http_status(r, CheckSpec{});
    CHECK(f->summary == "HTTP 521 Web Server Is Down (the CDN could not reach the site)");
    CHECK(f->evidence.excerpt ==
          "https://acme.example/ answered 521; server: cloudflare; cf-ray: 8a1b2c3d4e5f-AMS");
}

TEST_CASE("528 and 529 are not CDN origin errors but ordinary server errors", "[checks][http]") {
    for (int s : {519, 528, 529, 531}) {
        INFO(s);
        CHECK(check_http_status(answered(s), CheckSpec{})->condition == Condition::error);
    }
}

TEST_CASE("a custom expect list decides which statuses are fine", "[checks][http]") {
    CheckSpec spec;
    spec.expect_status = {{200, 200}, {401, 401}, {520, 521}};
    CHECK_FALSE(check_http_status(answered(200), spec).has_value());
    CHECK_FALSE(check_http_status(answered(401), spec).has_value());
    CHECK_FALSE(check_http_status(answered(521), spec).has_value());

    const auto redirect = check_http_status(answered(301), spec);
    REQUIRE(redirect.has_value());
    CHECK(redirect->condition == Condition::error);
    CHECK(redirect->summary == "HTTP 301 Moved Permanently");
    CHECK(redirect->evidence.before == "200, 401, 520-521");
    CHECK(check_http_status(answered(204), spec).has_value());
}

TEST_CASE("the evidence shows the final URL and the redirect chain that led there",
          "[checks][http]") {
    Response r = answered(500);
    r.final_url = "https://www.acme.example/home";
    r.redirects = {{"http://acme.example/", 301, "https://acme.example/"},
                   {"https://acme.example/", 302, "https://www.acme.example/home"}};
    const auto f = check_http_status(r, CheckSpec{});
    REQUIRE(f.has_value());
    CHECK(f->evidence.excerpt ==
          "https://www.acme.example/home answered 500, after redirects http://acme.example/ "
          "(301) → https://acme.example/ (302) → https://www.acme.example/home");
}

TEST_CASE("a transfer that reports no status and no transport error is not a pass",
          "[checks][http]") {
    const auto f = check_http_status(answered(0), CheckSpec{});
    REQUIRE(f.has_value());
    CHECK(f->condition == Condition::down);
    CHECK(f->evidence.rule == "http.no_response");
}

TEST_CASE("unknown status codes have no reason phrase", "[checks][http]") {
    CHECK(http_reason_phrase(418) == "I'm a teapot");
    CHECK(http_reason_phrase(299).empty());
    CHECK(describe_http_status(299) == "HTTP 299");
}
