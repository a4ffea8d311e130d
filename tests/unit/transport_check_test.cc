#include "checks/transport/transport_check.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

Response failed(TransportError kind, std::string message) {
    Response r;
    r.url = "https://acme.example/";
    r.final_url = r.url;
    r.transport_error = kind;
    r.error_message = std::move(message);
    return r;
}

}  // namespace

TEST_CASE("a response that arrived has no transport finding", "[checks][transport]") {
    Response r;
    r.url = "https://acme.example/";
    r.http_status = 200;
    REQUIRE_FALSE(check_transport(r, CheckSpec{}).has_value());
}

TEST_CASE("every transport failure means the site is down, in plain words", "[checks][transport]") {
    CheckSpec spec;
    struct Case {
        TransportError kind;
        std::string message;
        std::string summary;
        std::string rule;
    };
    const Case cases[] = {
        {TransportError::dns, "Could not resolve host: acme.example",
         "DNS lookup failed for acme.example", "transport.dns"},
        {TransportError::connect_refused, "Failed to connect to acme.example port 443",
         "connection refused", "transport.connect_refused"},
        {TransportError::connect_failed, "Failed to connect to acme.example: No route to host",
         "could not connect to acme.example", "transport.connect_failed"},
        {TransportError::timeout, "Operation timed out after 10001 milliseconds",
         "timed out after 10.0 s", "transport.timeout"},
        {TransportError::reset, "Recv failure: Connection reset by peer", "connection reset",
         "transport.reset"},
        {TransportError::tls_handshake, "OpenSSL: sslv3 alert handshake failure",
         "TLS handshake failed: OpenSSL: sslv3 alert handshake failure", "transport.tls_handshake"},
        {TransportError::too_many_redirects, "Maximum (5) redirects followed",
         "too many redirects (6 > 5)", "transport.too_many_redirects"},
        {TransportError::protocol, "Unsupported HTTP version in response",
         "malformed HTTP response", "transport.protocol"},
        {TransportError::other, "Failed writing received data",
         "request failed: Failed writing received data", "transport.other"},
    };
    for (const auto& c : cases) {
        INFO(c.rule);
        const auto f = check_transport(failed(c.kind, c.message), spec);
        REQUIRE(f.has_value());
        CHECK(f->condition == Condition::down);
        CHECK(f->severity == Severity::critical);
        CHECK(f->check == "transport");
        CHECK(f->summary == c.summary);
        CHECK(f->evidence.rule == c.rule);
        CHECK(f->evidence.excerpt == c.message);
        CHECK(f->evidence.after == "https://acme.example/");
    }
}

TEST_CASE("a DNS failure after a redirect names the host that did not resolve",
          "[checks][transport]") {
    auto r = failed(TransportError::dns, "Could not resolve host: www.acme.example");
    r.final_url = "https://WWW.Acme.Example:8443/home";
    r.redirects.push_back({"https://acme.example/", 301, "https://WWW.Acme.Example:8443/home"});
    REQUIRE(check_transport(r, CheckSpec{})->summary == "DNS lookup failed for www.acme.example");
}

TEST_CASE("a timeout names the site's own timeout", "[checks][transport]") {
    CheckSpec spec;
    spec.timeout = std::chrono::milliseconds{2500};
    REQUIRE(check_transport(failed(TransportError::timeout, ""), spec)->summary ==
            "timed out after 2.5 s");
}

TEST_CASE("a redirect loop counts the hops the probe saw when there are more than the limit",
          "[checks][transport]") {
    CheckSpec spec;
    spec.max_redirects = 2;
    auto r = failed(TransportError::too_many_redirects, "Maximum (2) redirects followed");
    for (int i = 0; i < 4; ++i)
        r.redirects.push_back({"https://acme.example/", 302, "https://acme.example/"});
    REQUIRE(check_transport(r, spec)->summary == "too many redirects (4 > 2)");
}

TEST_CASE("a TLS handshake failure without libcurl's words still says what failed",
          "[checks][transport]") {
    REQUIRE(check_transport(failed(TransportError::tls_handshake, ""), CheckSpec{})->summary ==
            "TLS handshake failed: no reason given");
}
