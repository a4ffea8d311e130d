#pragma once
// Dates, durations and measurements written the way a person reads them in a finding.
#include <chrono>
#include <string>

#include "checks/model/time.h"

namespace sitewatch::checks {

// "2026-11-21" (UTC).
std::string format_date(TimePoint t);
// "2026-11-21T23:59:59Z".
std::string format_rfc3339(TimePoint t);
// "10.0 s" with `decimals` digits after the point.
std::string format_seconds(double seconds, int decimals = 1);
// A span rounded down to its largest unit: "3 days", "1 day", "5 hours", "12 minutes",
// "less than a minute". Negative spans are described by their magnitude.
std::string describe_span(std::chrono::seconds span);

}  // namespace sitewatch::checks
