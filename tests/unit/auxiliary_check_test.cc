#include "monitor/daemon/auxiliary_check.h"

#include <catch2/catch.hpp>

using namespace sitewatch;
using namespace std::chrono_literals;

namespace {

const TimePoint kStart = TimePoint(std::chrono::seconds(1'790'000'000));

Findings broken() {
    Finding f;
    f.condition = Condition::malformed;
    f.summary = "1 of 3 page assets are broken";
    return {f};
}

}  // namespace

TEST_CASE("a lower-rate check runs at a tenth of the page rate, within 30 s and an hour",
          "[auxiliary]") {
    CHECK(auxiliary_period(1s) == 30s);
    CHECK(auxiliary_period(60s) == 600s);
    CHECK(auxiliary_period(24h) == 1h);
}

TEST_CASE("one failing asset run is re-run quickly and only two in a row are confirmed",
          "[auxiliary]") {
    AuxiliaryCheck a;
    REQUIRE(a.due(kStart));
    a.started();
    CHECK_FALSE(a.due(kStart + 1h));  // never two at once
    a.finished(broken(), kStart, 30s, 2s);
    CHECK(a.confirmed().empty());
    CHECK_FALSE(a.due(kStart + 1s));
    CHECK(a.due(kStart + 2s));
    a.started();
    a.finished(broken(), kStart + 2s, 30s, 2s);
    REQUIRE(a.confirmed().size() == 1);
    // Confirmed: the next run comes at the normal period, and a clean one clears it.
    CHECK_FALSE(a.due(kStart + 20s));
    CHECK(a.due(kStart + 32s));
    a.started();
    a.finished({}, kStart + 32s, 30s, 2s);
    CHECK(a.confirmed().empty());
    CHECK(a.consecutive_failures() == 0);
}

TEST_CASE("a blip between clean runs is never confirmed", "[auxiliary]") {
    AuxiliaryCheck a;
    a.started();
    a.finished(broken(), kStart, 30s, 2s);
    a.started();
    a.finished({}, kStart + 2s, 30s, 2s);
    a.started();
    a.finished(broken(), kStart + 32s, 30s, 2s);
    CHECK(a.confirmed().empty());
}

TEST_CASE("an abandoned run is due again after the retry delay", "[auxiliary]") {
    AuxiliaryCheck a;
    a.started();
    a.abandoned(kStart, 2s);
    CHECK_FALSE(a.due(kStart + 1s));
    CHECK(a.due(kStart + 2s));
}
