// Maintenance windows with fixed times: one-off and recurring windows, fixed UTC offsets,
// weekday boundaries, windows crossing midnight and month ends, and the interval arithmetic
// the SLA report uses.
#include "alerting/maintenance/maintenance_window.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace sitewatch;
using namespace sitewatch::maintenance;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

TimePoint at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
    return TimePoint(sys_days{year{y} / month{m} / day{d}}) + hours(hh) + minutes(mm);
}

MaintenanceWindow recurring(const std::string& every, const std::string& time, Millis duration,
                            const std::string& offset = "+00:00") {
    MaintenanceWindow w;
    w.client = "acme";
    w.kind = WindowKind::recurring;
    w.weekdays = *parse_weekdays(every);
    w.minute_of_day = *parse_time_of_day(time);
    w.duration = duration;
    w.utc_offset = *parse_utc_offset(offset);
    return w;
}

}  // namespace

TEST_CASE("a one-off window covers [start, end) and has no next occurrence once started",
          "[maintenance]") {
    MaintenanceWindow w;
    w.kind = WindowKind::one_off;
    w.start = *parse_rfc3339("2026-12-24T22:00:00Z");
    w.end = *parse_rfc3339("2026-12-25T02:00:00Z");
    CHECK_FALSE(w.active_at(at(2026, 12, 24, 21, 59)));
    CHECK(w.active_at(at(2026, 12, 24, 22)));
    CHECK(w.active_at(at(2026, 12, 25, 1, 59)));
    CHECK_FALSE(w.active_at(at(2026, 12, 25, 2)));
    REQUIRE(w.next_after(at(2026, 12, 1)));
    CHECK(w.next_after(at(2026, 12, 1))->from == at(2026, 12, 24, 22));
    CHECK_FALSE(w.next_after(at(2026, 12, 24, 23)));
    CHECK(w.schedule_text() == "2026-12-24T22:00:00Z to 2026-12-25T02:00:00Z");
}

TEST_CASE("a Sunday 02:00 +01:00 window is Sunday 01:00 to 03:00 UTC", "[maintenance]") {
    const auto w = recurring("sun", "02:00", 2h, "+01:00");
    // 2026-12-06 is a Sunday; 02:00 at +01:00 is 01:00 UTC.
    CHECK_FALSE(w.active_at(at(2026, 12, 6, 0, 59)));
    CHECK(w.active_at(at(2026, 12, 6, 1, 0)));
    CHECK(w.active_at(at(2026, 12, 6, 2, 59)));
    CHECK_FALSE(w.active_at(at(2026, 12, 6, 3, 0)));
    // Not on Monday at the same time.
    CHECK_FALSE(w.active_at(at(2026, 12, 7, 1, 30)));
    CHECK(w.next_after(at(2026, 12, 6, 2))->from == at(2026, 12, 13, 1));
    CHECK(w.schedule_text() == "sun 02:00 +01:00 for 2h");
}

TEST_CASE("a negative offset moves a Monday window onto the next UTC day", "[maintenance]") {
    // Monday 22:00 at -05:00 is Tuesday 03:00 UTC.
    const auto w = recurring("mon", "22:00", 30min, "-05:00");
    CHECK(w.active_at(at(2026, 12, 8, 3, 10)));  // Tuesday UTC
    CHECK_FALSE(w.active_at(at(2026, 12, 7, 22, 10)));
    CHECK(w.schedule_text() == "mon 22:00 -05:00 for 30m");
}

TEST_CASE("a daily window crossing midnight is active on both sides of it", "[maintenance]") {
    const auto w = recurring("daily", "23:30", 1h);
    CHECK(w.active_at(at(2026, 12, 31, 23, 45)));
    CHECK(w.active_at(at(2027, 1, 1, 0, 15)));
    CHECK_FALSE(w.active_at(at(2027, 1, 1, 0, 30)));
    const auto current = w.current(at(2027, 1, 1, 0, 15));
    REQUIRE(current);
    CHECK(current->from == at(2026, 12, 31, 23, 30));
    CHECK(current->to == at(2027, 1, 1, 0, 30));
}

TEST_CASE("a weekday list recurs only on its days", "[maintenance]") {
    const auto w = recurring("mon,thu", "02:00", 1h);
    // 2026-12-07 Monday, 08 Tuesday, 10 Thursday.
    CHECK(w.active_at(at(2026, 12, 7, 2, 30)));
    CHECK_FALSE(w.active_at(at(2026, 12, 8, 2, 30)));
    CHECK(w.active_at(at(2026, 12, 10, 2, 30)));
    CHECK(w.next_after(at(2026, 12, 7, 3))->from == at(2026, 12, 10, 2));
    CHECK(w.schedule_text() == "mon,thu 02:00 +00:00 for 1h");
}

TEST_CASE("occurrences overlapping a month are clipped to it at the month's ends",
          "[maintenance]") {
    const auto w = recurring("daily", "23:00", 2h);
    const Interval december{at(2026, 12, 1), at(2027, 1, 1)};
    const auto merged = maintenance_intervals({&w}, december);
    // 30 Nov 23:00 - 1 Dec 01:00 contributes its first hour of December; 31 Dec 23:00 - 1 Jan
    // 01:00 its last hour; 30 full days in between: 1 + 30*2 + 1 hours.
    CHECK(total_length(merged) == 62h);
    CHECK(merged.front().from == at(2026, 12, 1));
    CHECK(merged.back().to == at(2027, 1, 1));
}

TEST_CASE("interval arithmetic merges, clips and subtracts", "[maintenance]") {
    const auto t = at(2026, 12, 1);
    const auto merged = merge({{t + 10min, t + 20min}, {t, t + 5min}, {t + 15min, t + 30min}});
    REQUIRE(merged.size() == 2);
    CHECK(merged[1].from == t + 10min);
    CHECK(merged[1].to == t + 30min);
    CHECK(total_length(merged) == 25min);
    const auto rest = subtract(merged, {{t + 2min, t + 3min}, {t + 12min, t + 40min}});
    CHECK(total_length(rest) == 4min + 2min);
    CHECK(total_length(clip(merged, {t + 4min, t + 11min})) == 2min);
}

TEST_CASE("the window with the latest end is the one reported while several are active",
          "[maintenance]") {
    auto a = recurring("daily", "02:00", 1h);
    a.id = "a";
    auto b = recurring("daily", "02:30", 2h);
    b.id = "b";
    const auto* w = active_window({&a, &b}, at(2026, 12, 7, 2, 45));
    REQUIRE(w);
    CHECK(w->id == "b");
    CHECK(active_window({&a, &b}, at(2026, 12, 7, 5)) == nullptr);
}

TEST_CASE("malformed times, weekdays and offsets are refused", "[maintenance]") {
    CHECK(parse_rfc3339("2026-12-24T22:00:00+01:00") == at(2026, 12, 24, 21));
    CHECK(parse_rfc3339("2026-12-24T22:00:00.250Z") == at(2026, 12, 24, 22) + 250ms);
    CHECK_FALSE(parse_rfc3339("2026-12-24 22:00"));
    CHECK_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-12-24T25:00:00Z"));
    CHECK(parse_weekdays("Sunday, sat") == 0x41);
    CHECK_FALSE(parse_weekdays("funday"));
    CHECK_FALSE(parse_weekdays(""));
    CHECK_FALSE(parse_time_of_day("24:00"));
    CHECK_FALSE(parse_time_of_day("2:00"));
    CHECK(parse_utc_offset("-05:30") == -330min);
    CHECK_FALSE(parse_utc_offset("Europe/Berlin"));
    CHECK_FALSE(parse_utc_offset("+15:00"));
}
