#include "monitor/config/detail/maintenance.h"

#include <chrono>
#include <optional>

namespace sitewatch::config::detail {

namespace {

using maintenance::MaintenanceWindow;
using maintenance::WindowKind;

// A recurring window longer than a week would overlap its own next occurrence.
constexpr auto kMaxRecurringDuration = std::chrono::hours(24 * 7);

std::optional<TimePoint> read_time(const Entry& e, Diagnostics& d) {
    auto v = read_line(e, d);
    if (!v) return std::nullopt;
    auto t = maintenance::parse_rfc3339(*v);
    if (!t)
        d.error(e.value_pos(d), "'" + e.path +
                                    "' must be an RFC 3339 time such as "
                                    "\"2026-12-24T22:00:00Z\", got " +
                                    in_quotes(*v));
    return t;
}

std::optional<MaintenanceWindow> read_window(MapReader& map, const YAML::Node& item) {
    Diagnostics& d = map.diag();
    MaintenanceWindow w;
    if (auto e = map.take("reason")) {
        if (auto v = read_line(*e, d)) w.reason = *v;
    }
    auto start = map.take("start");
    auto end = map.take("end");
    auto every = map.take("every");
    auto at = map.take("at");
    auto duration = map.take("duration");
    auto offset = map.take("utc_offset");
    map.finish();
    if (every && (start || end)) {
        d.error(item,
                "a maintenance window is either one-off (start, end) or recurring (every, at, "
                "duration), not both");
        return std::nullopt;
    }
    if (!every) {
        if (at || duration || offset) {
            d.error(item,
                    "'at', 'duration' and 'utc_offset' belong to a recurring window: add "
                    "'every' (daily, or weekdays such as \"sun\" or \"mon,thu\")");
            return std::nullopt;
        }
        if (!start || !end) {
            d.error(item,
                    "a one-off maintenance window needs 'start' and 'end' (RFC 3339); a "
                    "recurring one needs 'every', 'at' and 'duration'");
            return std::nullopt;
        }
        auto s = read_time(*start, d);
        auto en = read_time(*end, d);
        if (!s || !en) return std::nullopt;
        if (*en <= *s) {
            d.error(end->value_pos(d), "'" + end->path + "' must be after 'start'");
            return std::nullopt;
        }
        w.kind = WindowKind::one_off;
        w.start = *s;
        w.end = *en;
        return w;
    }
    w.kind = WindowKind::recurring;
    bool ok = true;
    if (auto v = read_line(*every, d)) {
        if (auto days = maintenance::parse_weekdays(*v)) {
            w.weekdays = *days;
        } else {
            d.error(every->value_pos(d),
                    "'" + every->path +
                        "' must be daily or weekdays such as \"sun\" or \"mon,thu\", got " +
                        in_quotes(*v));
            ok = false;
        }
    } else {
        ok = false;
    }
    if (!at || !duration) {
        d.error(item, "a recurring maintenance window needs 'at' (HH:MM) and 'duration'");
        return std::nullopt;
    }
    if (auto v = read_line(*at, d)) {
        if (auto m = maintenance::parse_time_of_day(*v)) {
            w.minute_of_day = *m;
        } else {
            d.error(at->value_pos(d),
                    "'" + at->path + "' must be a time of day HH:MM, got " + in_quotes(*v));
            ok = false;
        }
    } else {
        ok = false;
    }
    if (auto v = read_duration_min(*duration, d, std::chrono::minutes(1), "at least 1m")) {
        if (*v > kMaxRecurringDuration) {
            d.error(duration->value_pos(d), "'" + duration->path + "' must be at most 7d");
            ok = false;
        }
        w.duration = *v;
    } else {
        ok = false;
    }
    if (offset) {
        if (auto v = read_line(*offset, d)) {
            if (auto o = maintenance::parse_utc_offset(*v)) {
                w.utc_offset = *o;
            } else {
                d.error(offset->value_pos(d), "'" + offset->path +
                                                  "' must be a fixed offset such as \"+01:00\" "
                                                  "(no time-zone names), got " +
                                                  in_quotes(*v));
                ok = false;
            }
        } else {
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return w;
}

}  // namespace

void read_maintenance(const Entry& e, Diagnostics& d, const std::string& client,
                      const std::string& site, std::vector<MaintenanceWindow>& out) {
    auto items = read_list(e, d);
    if (!items) return;
    int n = 0;
    for (const auto& item : *items) {
        ++n;
        auto map = read_map_item(item, e, d, "in a maintenance window");
        if (!map) continue;
        auto w = read_window(*map, item);
        if (!w) continue;
        w->client = client;
        w->site = site;
        w->id = client + (site.empty() ? "" : "/" + site) + "#" + std::to_string(n);
        out.push_back(std::move(*w));
    }
}

}  // namespace sitewatch::config::detail
