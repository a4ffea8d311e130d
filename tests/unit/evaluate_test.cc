#include "checks/evaluate.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace sitewatch;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kNow = sys_days{year{2026} / 11 / 24} + 12h;

Response healthy_https() {
    Response r;
    r.url = "https://acme.example/";
    r.final_url = r.url;
    r.http_status = 200;
    r.total_seconds = 0.4;
    r.headers = {{"content-type", "text/html; charset=utf-8"}};
    r.body =
        "<!doctype html><html><head><title>Acme</title></head><body><h1>Acme</h1>"
        "<p>Widgets since 1952.</p></body></html>";
    r.tls.performed = true;
    r.tls.chain_trusted = true;
    r.tls.hostname_matches = true;
    CertificateInfo leaf;
    leaf.subject = "CN=acme.example";
    leaf.issuer = "CN=R3";
    leaf.dns_names = {"acme.example"};
    leaf.not_before = kNow - days{30};
    leaf.not_after = kNow + days{60};
    r.cert_chain = {leaf};
    return r;
}

}  // namespace

TEST_CASE("a healthy site yields no findings", "[checks][evaluate]") {
    CheckSpec spec;
    spec.max_response_time = milliseconds{2000};
    REQUIRE(evaluate(healthy_https(), spec, kNow).empty());
}

TEST_CASE("a 200 with an empty body is a blank page", "[checks][evaluate]") {
    Response r = healthy_https();
    r.body.clear();
    const auto fs = evaluate(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].condition == Condition::malformed);
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].evidence.rule == "content.blank");
}

TEST_CASE("a transport failure yields only the transport finding", "[checks][evaluate]") {
    Response r = healthy_https();
    r.transport_error = TransportError::timeout;
    r.error_message = "Operation timed out after 10000 milliseconds";
    r.http_status = 0;
    r.total_seconds = 10.0;
    r.cert_chain[0].not_after = kNow - days{2};  // would be a TLS finding with a response
    CheckSpec spec;
    spec.max_response_time = milliseconds{2000};

    const auto fs = evaluate(r, spec, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "transport.timeout");
    CHECK(fs[0].summary == "timed out after 10.0 s");
}

TEST_CASE("independent problems of one response are all reported, status first",
          "[checks][evaluate]") {
    Response r = healthy_https();
    r.http_status = 503;
    r.total_seconds = 4.0;
    r.cert_chain[0].not_after = kNow + days{9};
    CheckSpec spec;
    spec.max_response_time = milliseconds{2000};

    const auto fs = evaluate(EvaluationInput{r, spec, kNow});
    REQUIRE(fs.size() == 3);
    CHECK(fs[0].evidence.rule == "http.status");
    CHECK(fs[1].evidence.rule == "tls.expiring");
    CHECK(fs[2].evidence.rule == "response_time.slow");
    REQUIRE(most_severe(fs) == &fs[0]);
}

TEST_CASE("plain http gets status and timing checks but no certificate checks",
          "[checks][evaluate]") {
    Response r;
    r.url = "http://acme.example/";
    r.final_url = r.url;
    r.http_status = 404;
    const auto fs = evaluate(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].summary == "HTTP 404 Not Found");
}
