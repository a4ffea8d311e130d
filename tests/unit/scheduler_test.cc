#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

#include "monitor/scheduler/scheduler.h"

using namespace sitewatch;
using namespace std::chrono_literals;

namespace {
TimePoint at(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }
const TimePoint kStart = at(1'800'000'000'000);
}  // namespace

TEST_CASE("every site is checked once per interval on a fixed cadence", "[scheduler]") {
    Scheduler s;
    s.set_sites({{"a", 10s}, {"b", 30s}}, kStart);
    std::map<std::string, int> count;
    for (auto t = kStart; t < kStart + 300s; t += 100ms) {
        for (const auto& d : s.take_due(t)) {
            ++count[d.site];
            REQUIRE_FALSE(d.confirm);
            REQUIRE(d.lag_seconds < 0.1 + 1e-9);
            s.completed(d.site);
        }
    }
    REQUIRE(count["a"] == 30);
    REQUIRE(count["b"] == 10);
}

TEST_CASE("sites with the same interval spread evenly over it", "[scheduler]") {
    Scheduler s;
    std::vector<ScheduledSite> sites;
    for (int i = 0; i < 6000; ++i) sites.push_back({"site-" + std::to_string(i), 60s});
    s.set_sites(sites, kStart);
    // Count dispatches per second over one interval: flat load means no second far above
    // the mean of 100.
    std::vector<int> per_second(60, 0);
    for (int sec = 0; sec < 60; ++sec) {
        for (const auto& d : s.take_due(kStart + std::chrono::seconds(sec + 1) - 1ms)) {
            ++per_second[sec];
            s.completed(d.site);
        }
    }
    int total = 0;
    for (int c : per_second) total += c;
    REQUIRE(total == 6000);
    REQUIRE(*std::max_element(per_second.begin(), per_second.end()) < 150);
    REQUIRE(*std::min_element(per_second.begin(), per_second.end()) > 60);
}

TEST_CASE("a site keeps its slot across a reload that leaves its interval alone", "[scheduler]") {
    Scheduler s;
    s.set_sites({{"a", 60s}}, kStart);
    auto first = *s.next_due();
    s.set_sites({{"a", 60s}, {"b", 60s}}, kStart + 1s);
    auto due = s.take_due(first);
    REQUIRE(std::any_of(due.begin(), due.end(), [&](const DueCheck& d) {
        return d.site == "a" && d.due_at == first;
    }));
    REQUIRE(Scheduler::slot_at_or_after("a", 60s, kStart) == first);
}

TEST_CASE("a removed site is never handed out again", "[scheduler]") {
    Scheduler s;
    s.set_sites({{"a", 1s}, {"b", 1s}}, kStart);
    s.set_sites({{"b", 1s}}, kStart);
    for (auto t = kStart; t < kStart + 5s; t += 250ms)
        for (const auto& d : s.take_due(t)) {
            REQUIRE(d.site == "b");
            s.completed(d.site);
        }
    REQUIRE(s.size() == 1);
}

TEST_CASE("a confirming re-check comes after retry_after, not a whole interval", "[scheduler]") {
    Scheduler s;
    s.set_sites({{"a", 60s}}, kStart);
    auto first = *s.next_due();
    auto due = s.take_due(first);
    REQUIRE(due.size() == 1);
    s.completed("a");
    REQUIRE_FALSE(s.next_is_confirm());
    s.schedule_confirm("a", first + 2s);
    REQUIRE(*s.next_due() == first + 2s);
    // The daemon wakes exactly for it rather than on its next dispatch tick.
    REQUIRE(s.next_is_confirm());
    REQUIRE(s.take_due(first + 1s).empty());
    auto confirm = s.take_due(first + 2s);
    REQUIRE(confirm.size() == 1);
    REQUIRE(confirm[0].confirm);
    s.completed("a");
    // The regular cadence is untouched by the confirm.
    auto next = s.take_due(first + 60s);
    REQUIRE(next.size() == 1);
    REQUIRE_FALSE(next[0].confirm);
}

TEST_CASE("a check still in flight at its next slot is skipped, not doubled", "[scheduler]") {
    Scheduler s;
    s.set_sites({{"slow", 1s}}, kStart);
    auto first = *s.next_due();
    REQUIRE(s.take_due(first).size() == 1);
    REQUIRE(s.take_due(first + 1s).empty());
    REQUIRE(s.skipped() == 1);
    s.completed("slow");
    REQUIRE(s.take_due(first + 2s).size() == 1);
}

TEST_CASE("a late dispatcher reports its lag and does not replay missed slots", "[scheduler]") {
    Scheduler s;
    s.set_sites({{"a", 1s}}, kStart);
    auto first = *s.next_due();
    auto due = s.take_due(first + 5500ms);
    REQUIRE(due.size() == 1);
    REQUIRE(due[0].lag_seconds == Approx(5.5));
    s.completed("a");
    REQUIRE(*s.next_due() > first + 5500ms);
}

TEST_CASE("a changed interval takes effect at once", "[scheduler]") {
    Scheduler s;
    s.set_sites({{"a", 3600s}}, kStart);
    s.set_sites({{"a", 1s}}, kStart);
    REQUIRE(*s.next_due() <= kStart + 1s);
}
