#include "alerting/incidents/flap_detector.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <vector>

using namespace sitewatch;

namespace {

// 21 passing states, then the newest `changes` positions alternate: the worked examples of
// research/incidents.md section 1.6.
std::vector<bool> with_newest_changes(int changes) {
    std::vector<bool> states(21, true);
    bool state = true;
    for (int x = 21 - changes; x < 21; ++x) {
        state = !state;
        states[static_cast<std::size_t>(x)] = state;
    }
    return states;
}

}  // namespace

TEST_CASE("the weighted state change reproduces Nagios' worked numbers", "[incidents][flapping]") {
    CHECK(percent_state_change(with_newest_changes(1)) == Approx(6.25));
    CHECK(percent_state_change(with_newest_changes(3)) == Approx(18.355).margin(0.01));
    CHECK(percent_state_change(with_newest_changes(4)) == Approx(24.21).margin(0.01));
    CHECK(percent_state_change(with_newest_changes(20)) == Approx(100.0));

    std::vector<bool> oldest_change(21, true);
    oldest_change[0] = false;
    CHECK(percent_state_change(oldest_change) == Approx(3.75));
}

TEST_CASE("a steady history has no state change", "[incidents][flapping]") {
    CHECK(percent_state_change({}) == 0.0);
    CHECK(percent_state_change(std::vector<bool>(21, false)) == 0.0);
    CHECK(percent_state_change(std::vector<bool>(40, true)) == 0.0);
}

TEST_CASE("a short history counts as if its first state had held before it",
          "[incidents][flapping]") {
    // One change as the newest of two states weighs as the newest of 21.
    CHECK(percent_state_change({true, false}) == Approx(6.25));
}

TEST_CASE("only the newest 21 states are judged", "[incidents][flapping]") {
    std::vector<bool> states(10, false);  // old changes that have left the window
    states[1] = true;
    states[3] = true;
    const auto recent = with_newest_changes(1);
    states.insert(states.end(), recent.begin(), recent.end());
    CHECK(percent_state_change(states) == Approx(6.25));
}

TEST_CASE("a site alternating on every check starts flapping once", "[incidents][flapping]") {
    FlapDetector d;
    int started = 0;
    bool passed = true;
    for (int i = 0; i < 40; ++i) {
        if (d.record(passed) == FlapChange::started) ++started;
        passed = !passed;
    }
    CHECK(started == 1);
    CHECK(d.flapping());
    CHECK(d.percent() == Approx(100.0));
}

TEST_CASE("a single outage and recovery never flaps", "[incidents][flapping]") {
    FlapDetector d;
    for (int i = 0; i < 10; ++i) CHECK(d.record(true) == FlapChange::none);
    for (int i = 0; i < 5; ++i) CHECK(d.record(false) == FlapChange::none);
    for (int i = 0; i < 10; ++i) CHECK(d.record(true) == FlapChange::none);
    CHECK_FALSE(d.flapping());
}

TEST_CASE("flapping stops once, after the changes age out below the low threshold",
          "[incidents][flapping]") {
    FlapDetector d;
    bool passed = true;
    for (int i = 0; i < 21; ++i) {
        d.record(passed);
        passed = !passed;
    }
    REQUIRE(d.flapping());
    int stopped = 0;
    int checks_until_stopped = 0;
    for (int i = 0; i < 30; ++i) {
        const auto change = d.record(false);
        if (change == FlapChange::stopped) {
            ++stopped;
            checks_until_stopped = i + 1;
        }
        CHECK(change != FlapChange::started);
    }
    CHECK(stopped == 1);
    CHECK_FALSE(d.flapping());
    // Hysteresis: it kept flapping while the percentage passed through the 25-50 % band.
    CHECK(checks_until_stopped > 5);
}

TEST_CASE("between the thresholds the flapping state is kept", "[incidents][flapping]") {
    FlapDetector d(FlapThresholds{10.0, 20.0});
    for (int i = 0; i < 17; ++i) d.record(true);
    d.record(false);
    d.record(true);
    CHECK(d.record(false) == FlapChange::none);  // 3 newest changes: 18.4 %, in the band
    CHECK_FALSE(d.flapping());
    CHECK(d.record(true) == FlapChange::started);  // 4 newest: 24.2 %
    CHECK(d.flapping());
}

TEST_CASE("thresholds at or below zero mean the defaults", "[incidents][flapping]") {
    FlapDetector d(FlapThresholds{0.0, -1.0});
    CHECK(d.thresholds().low_percent == 25.0);
    CHECK(d.thresholds().high_percent == 50.0);
}

TEST_CASE("the flap detector survives its JSON form", "[incidents][flapping]") {
    FlapDetector d;
    bool passed = true;
    for (int i = 0; i < 25; ++i) {
        d.record(passed);
        passed = !passed;
    }
    const auto back = FlapDetector::from_json(d.to_json());
    REQUIRE(back.has_value());
    CHECK(back->flapping());
    CHECK(back->history() == d.history());
    CHECK(back->percent() == Approx(d.percent()));

    CHECK_FALSE(
        FlapDetector::from_json(nlohmann::json::parse(R"({"history": [1], "flapping": true})")));
    CHECK_FALSE(FlapDetector::from_json(nlohmann::json::array()));
}
