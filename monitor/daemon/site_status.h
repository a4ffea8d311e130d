#pragma once
// The live view of one site that the API, the UI, /probe and the metrics read.
#include <optional>
#include <string>

#include "alerting/confirmation/site_health.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"
#include "monitor/daemon/recent_response_times.h"

namespace sitewatch {

struct SiteStatus {
    std::string client;
    std::string name;
    std::string url;
    SiteHealth health = SiteHealth::pending;
    std::optional<Condition> condition;  // of the most severe current finding
    std::optional<Severity> severity;
    std::string summary;
    std::optional<TimePoint> last_checked_at;
    int consecutive_failures = 0;
    int consecutive_successes = 0;
    Findings findings;  // of the latest check

    // The latest response's facts (body dropped), for /probe and the metrics.
    bool has_response = false;
    Response last_response;                   // body cleared to keep memory per site small
    std::optional<TimePoint> tls_expires_at;  // earliest not_after in the chain
    // Total response times of the latest checks, NaN where no HTTP response came (UI sparkline).
    RecentResponseTimes recent_response_ms;

    // Content baseline: share of its stable blocks on the latest page (set once the baseline
    // is trusted and a page was read), how far learning is, and when a person accepted it.
    std::optional<double> content_similarity;
    int baseline_samples = 0;
    int baseline_learn_samples = 0;
    std::optional<TimePoint> baseline_accepted_at;
};

}  // namespace sitewatch
