#pragma once
// How long a site was actually failing during an incident, from its check history (the
// report's "Impact"). Pure: plain data in, numbers out; the caller passes the window's end
// ("now" for an incident still open).
#include <string>
#include <vector>

#include "alerting/incidents/incident.h"
#include "checks/model/time.h"

namespace sitewatch::reports {

// One check of the site, as the store keeps it.
struct CheckPoint {
    TimePoint at{};
    bool success = false;
    std::string condition;  // the failing condition's name; empty when it passed
    bool confirm = false;   // the quick re-check that confirms a failure
};

struct Outage {
    TimePoint from{};
    TimePoint to{};
    bool ongoing = false;  // still failing at the window's end
};

struct Downtime {
    TimePoint window_start{}, window_end{};
    Millis total{0};  // failing time within the window
    int outages = 0;  // separate failing stretches
    Millis longest{0};
    int checks_seen = 0;  // distinct checks within the window
    int checks_failed = 0;
    // No check history in the window: the numbers are the incident's own span instead, which
    // a report should say (it is an estimate, not a measurement).
    bool estimated_from_incident = false;
    bool ongoing = false;           // failing at the window's end
    std::vector<Outage> stretches;  // oldest first
};

// A failing stretch runs from a failing check until the next passing one; one still failing
// at `window_end` counts to the end, one that began before `window_start` from the start.
// The history may be in any order and hold duplicates (same time and result: counted once;
// a pass and a failure at the same instant: the failure wins, so downtime is never hidden).
// An empty window (end before start) yields zeros.
Downtime compute_downtime(std::vector<CheckPoint> history, TimePoint window_start,
                          TimePoint window_end);

// The incident's window, [started_at, resolved_at or now]. Without any check in or before the
// window, falls back to that span as one outage with `estimated_from_incident` set.
Downtime compute_downtime(std::vector<CheckPoint> history, const Incident& incident, TimePoint now);

}  // namespace sitewatch::reports
