#include "alerting/reports/downtime.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <vector>

using namespace sitewatch;
using namespace sitewatch::reports;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0 = sys_days{year{2026} / 11 / 24} + 12h;

TimePoint at(minutes m) { return kT0 + m; }
CheckPoint pass(minutes m) { return {at(m), true, "", false}; }
CheckPoint fail(minutes m, bool confirm = false) { return {at(m), false, "down", confirm}; }

// Two outages: 12:01-12:05 (4 min) and 12:10-12:30 (20 min).
std::vector<CheckPoint> two_outages() {
    return {pass(0min),  fail(1min),  fail(2min, true), pass(5min),
            fail(10min), fail(20min), pass(30min),      pass(40min)};
}

}  // namespace

TEST_CASE("downtime adds up two separate outages from the check history", "[reports]") {
    const Downtime d = compute_downtime(two_outages(), at(1min), at(40min));
    CHECK(d.total == 24min);
    CHECK(d.outages == 2);
    CHECK(d.longest == 20min);
    CHECK(d.checks_seen == 7);
    CHECK(d.checks_failed == 4);
    CHECK_FALSE(d.ongoing);
    CHECK_FALSE(d.estimated_from_incident);
    REQUIRE(d.stretches.size() == 2);
    CHECK(d.stretches[0].from == at(1min));
    CHECK(d.stretches[0].to == at(5min));
    CHECK(d.stretches[1].from == at(10min));
    CHECK(d.stretches[1].to == at(30min));
}

TEST_CASE("downtime does not depend on the order of the history or on duplicates", "[reports]") {
    auto history = two_outages();
    const auto copy = history;
    history.insert(history.end(), copy.begin(), copy.end());
    std::reverse(history.begin(), history.end());
    const Downtime d = compute_downtime(history, at(1min), at(40min));
    CHECK(d.total == 24min);
    CHECK(d.outages == 2);
    CHECK(d.checks_seen == 7);
    CHECK(d.checks_failed == 4);
}

TEST_CASE("a pass and a failure at the same instant count as a failure", "[reports]") {
    const Downtime d =
        compute_downtime({pass(0min), fail(1min), pass(1min), pass(3min)}, at(0min), at(3min));
    CHECK(d.total == 2min);
    CHECK(d.outages == 1);
}

TEST_CASE("a site still failing at the window's end counts until the end", "[reports]") {
    const Downtime d =
        compute_downtime({pass(0min), fail(10min), fail(15min)}, at(0min), at(25min));
    CHECK(d.total == 15min);
    CHECK(d.ongoing);
    REQUIRE(d.stretches.size() == 1);
    CHECK(d.stretches[0].ongoing);
}

TEST_CASE("an outage that began before the window counts from the window's start", "[reports]") {
    const Downtime d = compute_downtime(two_outages(), at(3min), at(40min));
    CHECK(d.total == 22min);
    CHECK(d.outages == 2);
    CHECK(d.longest == 20min);
}

TEST_CASE("checks after the window are ignored and an inverted window is empty", "[reports]") {
    CHECK(compute_downtime(two_outages(), at(0min), at(8min)).total == 4min);
    const Downtime none = compute_downtime(two_outages(), at(10min), at(5min));
    CHECK(none.total == 0ms);
    CHECK(none.outages == 0);
}

TEST_CASE("without check history the incident's own span is used and flagged", "[reports]") {
    Incident i;
    i.started_at = at(0min);
    i.detected_at = at(1min);
    i.resolved_at = at(45min);
    i.state = IncidentState::resolved;
    const Downtime d = compute_downtime({}, i, at(90min));
    CHECK(d.estimated_from_incident);
    CHECK(d.total == 45min);
    CHECK(d.outages == 1);
    CHECK_FALSE(d.ongoing);

    Incident open = i;
    open.resolved_at.reset();
    open.state = IncidentState::open;
    const Downtime so_far = compute_downtime({}, open, at(30min));
    CHECK(so_far.total == 30min);
    CHECK(so_far.ongoing);
}

TEST_CASE("an incident's window runs from its start to its resolution", "[reports]") {
    Incident i;
    i.started_at = at(1min);
    i.resolved_at = at(40min);
    i.state = IncidentState::resolved;
    const Downtime d = compute_downtime(two_outages(), i, at(500min));
    CHECK(d.total == 24min);
    CHECK(d.window_end == at(40min));
}
