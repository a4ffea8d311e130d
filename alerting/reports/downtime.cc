#include "alerting/reports/downtime.h"

#include <algorithm>
#include <optional>

namespace sitewatch::reports {

namespace {

Millis ms(TimePoint::duration d) { return std::chrono::duration_cast<Millis>(d); }

// Sorted by time, one entry per instant; at a shared instant a failure beats a pass.
std::vector<CheckPoint> normalise(std::vector<CheckPoint> history) {
    std::stable_sort(history.begin(), history.end(),
                     [](const CheckPoint& a, const CheckPoint& b) { return a.at < b.at; });
    std::vector<CheckPoint> out;
    out.reserve(history.size());
    for (auto& c : history) {
        if (!out.empty() && out.back().at == c.at) {
            if (out.back().success && !c.success) out.back() = std::move(c);
            continue;
        }
        out.push_back(std::move(c));
    }
    return out;
}

void close_stretch(Downtime& d, TimePoint from, TimePoint to, bool ongoing) {
    if (to < from) return;
    d.stretches.push_back({from, to, ongoing});
    ++d.outages;
    const Millis length = ms(to - from);
    d.total += length;
    d.longest = std::max(d.longest, length);
}

}  // namespace

Downtime compute_downtime(std::vector<CheckPoint> history, TimePoint window_start,
                          TimePoint window_end) {
    Downtime d;
    d.window_start = window_start;
    d.window_end = window_end;
    if (window_end < window_start) return d;
    const auto checks = normalise(std::move(history));

    std::optional<TimePoint> failing_since;
    for (const auto& c : checks) {
        if (c.at > window_end) break;
        if (c.at < window_start) {
            // Only the state at the window's start matters: a stretch already running then
            // counts from the start.
            failing_since = c.success ? std::nullopt : std::optional<TimePoint>(window_start);
            continue;
        }
        ++d.checks_seen;
        if (!c.success) {
            ++d.checks_failed;
            if (!failing_since) failing_since = c.at;
        } else if (failing_since) {
            close_stretch(d, *failing_since, c.at, false);
            failing_since.reset();
        }
    }
    if (failing_since) {
        close_stretch(d, *failing_since, window_end, true);
        d.ongoing = true;
    }
    return d;
}

Downtime compute_downtime(std::vector<CheckPoint> history, const Incident& incident,
                          TimePoint now) {
    const TimePoint start = incident.started_at;
    TimePoint end = incident.resolved_at.value_or(now);
    if (end < start) end = start;
    const bool any_relevant = std::any_of(history.begin(), history.end(),
                                          [&](const CheckPoint& c) { return c.at <= end; });
    if (any_relevant) return compute_downtime(std::move(history), start, end);

    Downtime d;
    d.window_start = start;
    d.window_end = end;
    d.estimated_from_incident = true;
    close_stretch(d, start, end, !incident.resolved_at.has_value());
    d.ongoing = !incident.resolved_at.has_value();
    return d;
}

}  // namespace sitewatch::reports
