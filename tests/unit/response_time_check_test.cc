#include "checks/http/response_time_check.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace sitewatch;
using namespace sitewatch::checks;
using std::chrono::milliseconds;

namespace {

Response took(double seconds) {
    Response r;
    r.url = "https://acme.example/";
    r.http_status = 200;
    r.total_seconds = seconds;
    r.phases = {0.01, 0.02, 0.05, seconds - 0.1, 0.02};
    return r;
}

}  // namespace

TEST_CASE("a response slower than max_response_time is a warning, never a page",
          "[checks][response_time]") {
    CheckSpec spec;
    spec.max_response_time = milliseconds{2000};
    const auto f = check_response_time(took(3.42), spec);
    REQUIRE(f.has_value());
    CHECK(f->condition == Condition::down);
    CHECK(f->severity == Severity::warning);
    CHECK(f->check == "response_time");
    CHECK(f->summary == "slow response: 3.42 s (limit 2.00 s)");
    CHECK(f->evidence.rule == "response_time.slow");
    CHECK(f->evidence.before == "2000 ms");
    CHECK(f->evidence.after == "3420 ms");
    CHECK(f->evidence.excerpt ==
          "measured 3.420 s against a limit of 2.000 s (dns 0.010 s, connect 0.020 s, tls 0.050 "
          "s, processing 3.320 s, transfer 0.020 s)");
}

TEST_CASE("a response exactly at the limit is not slow", "[checks][response_time]") {
    CheckSpec spec;
    spec.max_response_time = milliseconds{2000};
    CHECK_FALSE(check_response_time(took(2.0), spec).has_value());
    CHECK_FALSE(check_response_time(took(1.2), spec).has_value());
    CHECK(check_response_time(took(2.001), spec).has_value());
}

TEST_CASE("without max_response_time no response is too slow", "[checks][response_time]") {
    CHECK_FALSE(check_response_time(took(60.0), CheckSpec{}).has_value());
}
