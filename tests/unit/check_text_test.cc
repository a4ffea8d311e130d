#include <catch2/catch.hpp>
#include <chrono>

#include "checks/text/humanize.h"
#include "checks/tls/certificate_text.h"
#include "checks/url/url_host.h"

using namespace sitewatch;
using namespace sitewatch::checks;
using namespace std::chrono;
using namespace std::chrono_literals;

TEST_CASE("dates and times in findings are UTC calendar dates and RFC 3339", "[checks][text]") {
    const TimePoint t = sys_days{year{2026} / 2 / 3} + 4h + 5min + 6s + 700ms;
    CHECK(format_date(t) == "2026-02-03");
    CHECK(format_rfc3339(t) == "2026-02-03T04:05:06Z");
    CHECK(format_date(TimePoint{}) == "1970-01-01");
}

TEST_CASE("durations read as their largest whole unit", "[checks][text]") {
    CHECK(describe_span(days{3} + 23h) == "3 days");
    CHECK(describe_span(days{1}) == "1 day");
    CHECK(describe_span(hours{5}) == "5 hours");
    CHECK(describe_span(hours{1} + 59min) == "1 hour");
    CHECK(describe_span(minutes{12}) == "12 minutes");
    CHECK(describe_span(seconds{59}) == "less than a minute");
    CHECK(describe_span(-days{2}) == "2 days");
    CHECK(format_seconds(10.0) == "10.0 s");
    CHECK(format_seconds(3.4567, 2) == "3.46 s");
}

TEST_CASE("the host of a URL ignores scheme, credentials, port, path and case", "[checks][text]") {
    CHECK(url_host("https://Acme.Example/") == "acme.example");
    CHECK(url_host("https://user:pw@acme.example:8443/a?b#c") == "acme.example");
    CHECK(url_host("http://[::1]:8080/") == "::1");
    CHECK(url_host("acme.example/path") == "acme.example");
    CHECK(url_host("https://acme.example?q=1") == "acme.example");
    CHECK(url_host("").empty());
}

TEST_CASE("a certificate is named by its common name", "[checks][text]") {
    CHECK(common_name("CN=R3,O=Let's Encrypt,C=US") == "R3");
    CHECK(common_name("O=Acme\\, Inc.,CN=Acme\\, Inc. CA") == "Acme, Inc. CA");
    CHECK(common_name("O=No Common Name Ltd") == "O=No Common Name Ltd");

    CertificateInfo c;
    c.subject = "CN=acme.example";
    c.dns_names = {"acme.example"};
    c.ip_addresses = {"192.0.2.7"};
    CHECK(covered_names(c) == "acme.example, 192.0.2.7");
    CHECK(covered_names(c, 1) == "acme.example and 1 more");
}
