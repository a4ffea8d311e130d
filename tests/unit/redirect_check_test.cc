#include "checks/http/redirect_check.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

// A response to `url` that went through `hops` (each redirecting to the next) and ended on
// the last one.
Response redirected(const std::string& url, const std::vector<std::string>& hops) {
    Response r;
    r.url = url;
    r.http_status = 200;
    std::string from = url;
    for (const auto& to : hops) {
        r.redirects.push_back({from, 301, to});
        from = to;
    }
    r.final_url = from;
    return r;
}

}  // namespace

TEST_CASE("a redirect that ends on another registrable domain is a defacement",
          "[checks][http][redirect]") {
    const Response r =
        redirected("https://acme.example/", {"https://www.acme.example/", "https://evil.example/"});
    const Findings f = check_redirect_domain(r);
    REQUIRE(f.size() == 1);
    CHECK(f[0].condition == Condition::defaced);
    CHECK(f[0].severity == Severity::critical);
    CHECK(f[0].check == "http");
    CHECK(f[0].evidence.rule == "http.foreign_redirect");
    CHECK(f[0].summary == "redirects to another site: evil.example (via 2 redirects)");
    CHECK(f[0].evidence.before == "https://acme.example/");
    CHECK(f[0].evidence.after == "https://evil.example/");
    CHECK(f[0].evidence.excerpt ==
          "https://acme.example/ (301) → https://www.acme.example/ (301) → https://evil.example/");
}

TEST_CASE("a single redirect to another site is named in the singular",
          "[checks][http][redirect]") {
    const Findings f = check_redirect_domain(
        redirected("http://shop.acme.co.uk/", {"https://casino-spam.co.uk/landing"}));
    REQUIRE(f.size() == 1);
    CHECK(f[0].summary == "redirects to another site: casino-spam.co.uk (via 1 redirect)");
}

TEST_CASE("moving from http to https on the same host is not a finding",
          "[checks][http][redirect]") {
    CHECK(check_redirect_domain(redirected("http://acme.example/", {"https://acme.example/"}))
              .empty());
}

TEST_CASE("moving between www and the apex or another subdomain of the site is not a finding",
          "[checks][http][redirect]") {
    CHECK(check_redirect_domain(redirected("https://acme.co.uk/", {"https://www.acme.co.uk/"}))
              .empty());
    CHECK(check_redirect_domain(redirected("https://www.acme.co.uk/", {"https://acme.co.uk/"}))
              .empty());
    CHECK(check_redirect_domain(
              redirected("http://Shop.Acme.co.uk:8080/",
                         {"https://login.acme.co.uk/sso?x=1", "https://shop.acme.co.uk./"}))
              .empty());
}

TEST_CASE("a response without redirects is not a finding, whatever its final URL says",
          "[checks][http][redirect]") {
    Response r;
    r.url = "https://acme.example/";
    r.final_url = "https://elsewhere.example/";
    r.http_status = 200;
    CHECK(check_redirect_domain(r).empty());
}

TEST_CASE("a hop through another site that lands back on the site is not a finding",
          "[checks][http][redirect]") {
    CHECK(
        check_redirect_domain(redirected("https://acme.example/", {"https://sso.idp.example/login",
                                                                   "https://www.acme.example/"}))
            .empty());
}

TEST_CASE("another customer of the same shared hosting suffix is another site",
          "[checks][http][redirect]") {
    const Findings f =
        check_redirect_domain(redirected("https://acme.github.io/", {"https://evil.github.io/"}));
    REQUIRE(f.size() == 1);
    CHECK(f[0].summary == "redirects to another site: evil.github.io (via 1 redirect)");
}

TEST_CASE("a redirect from a loopback address to a name is another site",
          "[checks][http][redirect]") {
    CHECK(check_redirect_domain(redirected("http://127.0.0.1:8080/", {"http://127.0.0.1:8080/x"}))
              .empty());
    CHECK(check_redirect_domain(redirected("http://127.0.0.1:8080/", {"http://evil.example/"}))
              .size() == 1);
}

TEST_CASE("a redirect chain that failed on the foreign site still counts by its last location",
          "[checks][http][redirect]") {
    Response r = redirected("https://acme.example/", {"https://evil.example/"});
    r.final_url.clear();
    r.transport_error = TransportError::dns;
    r.http_status = 0;
    const Findings f = check_redirect_domain(r);
    REQUIRE(f.size() == 1);
    CHECK(f[0].evidence.after == "https://evil.example/");
}
