#include "checks/url/registrable_domain.h"

#include <catch2/catch.hpp>

using namespace sitewatch::checks;

TEST_CASE("subdomains of a domain under a two-label suffix share its registrable domain",
          "[checks][url]") {
    CHECK(registrable_domain("www.acme.co.uk") == "acme.co.uk");
    CHECK(registrable_domain("shop.acme.co.uk") == "acme.co.uk");
    CHECK(registrable_domain("a.b.c.acme.co.uk") == "acme.co.uk");
    CHECK(same_registrable_domain("www.acme.co.uk", "shop.acme.co.uk"));
    CHECK(same_registrable_domain("acme.example.com", "example.com"));
}

TEST_CASE("two domains under the same public suffix are different sites", "[checks][url]") {
    CHECK(registrable_domain("acme.co.uk") == "acme.co.uk");
    CHECK(registrable_domain("evil.co.uk") == "evil.co.uk");
    CHECK_FALSE(same_registrable_domain("acme.co.uk", "evil.co.uk"));
    CHECK_FALSE(same_registrable_domain("www.acme.com", "www.acme.net"));
}

TEST_CASE("customers of a private suffix like blogspot or github.io are different sites",
          "[checks][url]") {
    CHECK(registrable_domain("acme.blogspot.com") == "acme.blogspot.com");
    CHECK(registrable_domain("www.acme.blogspot.com") == "acme.blogspot.com");
    CHECK(registrable_domain("acme.github.io") == "acme.github.io");
    CHECK_FALSE(same_registrable_domain("acme.blogspot.com", "evil.blogspot.com"));
    CHECK_FALSE(same_registrable_domain("acme.github.io", "evil.github.io"));
    CHECK(same_registrable_domain("www.acme.blogspot.com", "acme.blogspot.com"));
}

TEST_CASE("a host that is itself a public suffix is its own registrable domain", "[checks][url]") {
    CHECK(registrable_domain("co.uk") == "co.uk");
    CHECK(registrable_domain("blogspot.com") == "blogspot.com");
    CHECK_FALSE(same_registrable_domain("co.uk", "acme.co.uk"));
}

TEST_CASE("an IPv4 address is its own registrable domain", "[checks][url]") {
    CHECK(registrable_domain("127.0.0.1") == "127.0.0.1");
    CHECK(registrable_domain("192.168.10.20") == "192.168.10.20");
    CHECK(same_registrable_domain("127.0.0.1", "127.0.0.1"));
    CHECK_FALSE(same_registrable_domain("127.0.0.1", "127.0.0.2"));
    CHECK_FALSE(same_registrable_domain("10.0.0.1", "192.168.0.1"));  // not "0.1" for both
}

TEST_CASE("an IPv6 address is its own registrable domain, with or without brackets",
          "[checks][url]") {
    CHECK(registrable_domain("::1") == "::1");
    CHECK(registrable_domain("[::1]") == "::1");
    CHECK(registrable_domain("2001:DB8::1") == "2001:db8::1");
    CHECK(same_registrable_domain("[2001:db8::1]", "2001:db8::1"));
    CHECK_FALSE(same_registrable_domain("2001:db8::1", "2001:db8::2"));
}

TEST_CASE("localhost and other single-label hosts are their own registrable domain",
          "[checks][url]") {
    CHECK(registrable_domain("localhost") == "localhost");
    CHECK(registrable_domain("intranet") == "intranet");
    CHECK(same_registrable_domain("localhost", "LOCALHOST"));
    CHECK_FALSE(same_registrable_domain("localhost", "intranet"));
}

TEST_CASE("a trailing dot names the same host", "[checks][url]") {
    CHECK(registrable_domain("www.acme.co.uk.") == "acme.co.uk");
    CHECK(registrable_domain("localhost.") == "localhost");
    CHECK(same_registrable_domain("acme.co.uk.", "www.acme.co.uk"));
}

TEST_CASE("host names compare without regard to case", "[checks][url]") {
    CHECK(registrable_domain("WWW.Acme.CO.UK") == "acme.co.uk");
    CHECK(registrable_domain("Acme.BlogSpot.com") == "acme.blogspot.com");
    CHECK(same_registrable_domain("Shop.ACME.example.com", "www.acme.example.com"));
}

TEST_CASE("an empty host has no registrable domain and matches nothing", "[checks][url]") {
    CHECK(registrable_domain("") == "");
    CHECK(registrable_domain(".") == "");
    CHECK_FALSE(same_registrable_domain("", ""));
    CHECK_FALSE(same_registrable_domain("", "acme.co.uk"));
}

TEST_CASE("internationalised names are lowercased before the lookup", "[checks][url]") {
    CHECK(registrable_domain("www.MÜNCHEN.de") == "münchen.de");
    CHECK(registrable_domain("www.xn--mnchen-3ya.de") == "xn--mnchen-3ya.de");
}
