#pragma once
// Maintenance windows (issue 5, item 6): one-off ([start, end)) or recurring (on some
// weekdays, at a local time of day, for a duration). Pure: callers pass the time.
//
// Recurring windows use a fixed UTC offset rather than a time-zone name: GCC 12's <chrono>
// has no time-zone database, so a window written as "+01:00" does not follow daylight saving.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checks/model/time.h"

namespace sitewatch::maintenance {

// A half-open stretch of time [from, to).
struct Interval {
    TimePoint from{};
    TimePoint to{};
    Millis length() const { return std::chrono::duration_cast<Millis>(to - from); }
    bool contains(TimePoint t) const { return from <= t && t < to; }
};

// Sorted, overlapping and touching intervals joined, empty ones dropped.
std::vector<Interval> merge(std::vector<Interval> intervals);
// Total length of intervals that are already merged.
Millis total_length(const std::vector<Interval>& merged);
// `intervals` cut to [window.from, window.to); empty results dropped.
std::vector<Interval> clip(const std::vector<Interval>& intervals, Interval window);
// The parts of merged `from` not covered by merged `minus`.
std::vector<Interval> subtract(const std::vector<Interval>& from,
                               const std::vector<Interval>& minus);

enum class WindowKind { one_off, recurring };

// Weekdays as bits: bit 0 is Sunday ... bit 6 Saturday (C's tm_wday numbering).
constexpr std::uint8_t kEveryDay = 0x7F;

struct MaintenanceWindow {
    std::string id;      // "<client>#<n>" or "<client>/<site>#<n>", stable across reloads
    std::string client;  // always set
    std::string site;    // empty: every site of the client
    std::string reason;
    WindowKind kind = WindowKind::one_off;
    // one_off
    TimePoint start{}, end{};
    // recurring
    std::uint8_t weekdays = kEveryDay;
    int minute_of_day = 0;  // local time, 0..1439
    Millis duration{0};
    std::chrono::minutes utc_offset{0};

    bool applies_to(const std::string& client_name, const std::string& site_name) const {
        return client == client_name && (site.empty() || site == site_name);
    }
    bool active_at(TimePoint t) const { return current(t).has_value(); }
    // The occurrence covering `t` (the earliest-starting one when occurrences overlap).
    std::optional<Interval> current(TimePoint t) const;
    // The first occurrence starting after `t`; none for a one-off already started.
    std::optional<Interval> next_after(TimePoint t) const;
    // Every occurrence overlapping [span.from, span.to), oldest first, unclipped.
    std::vector<Interval> occurrences(Interval span) const;
    // "2026-12-24 22:00 UTC to 2026-12-25 02:00 UTC", "sun 02:00 +01:00 for 2h",
    // "daily 23:30 +00:00 for 1h".
    std::string schedule_text() const;
};

// The windows among `windows` that apply to the site.
std::vector<const MaintenanceWindow*> windows_for(const std::vector<MaintenanceWindow>& windows,
                                                  const std::string& client,
                                                  const std::string& site);
// The maintenance time of one site overlapping `span`, merged and clipped to it.
std::vector<Interval> maintenance_intervals(const std::vector<const MaintenanceWindow*>& windows,
                                            Interval span);
// The window covering `t` with the latest end, if any (the one to report and wait for).
const MaintenanceWindow* active_window(const std::vector<const MaintenanceWindow*>& windows,
                                       TimePoint t);

// Parsing helpers shared by the config loader (nullopt when malformed).
// "2026-12-24T22:00:00Z" or with an offset ("...+01:00"); fractional seconds allowed.
std::optional<TimePoint> parse_rfc3339(const std::string& text);
// "daily" or a comma-separated list of weekday names ("sun", "mon,thu"; 3 letters or full).
std::optional<std::uint8_t> parse_weekdays(const std::string& text);
// "HH:MM" (00:00-23:59) as minutes since midnight.
std::optional<int> parse_time_of_day(const std::string& text);
// "+01:00", "-05:30", "Z" / "+00:00" as an offset east of UTC (at most 14 hours).
std::optional<std::chrono::minutes> parse_utc_offset(const std::string& text);

}  // namespace sitewatch::maintenance
