#pragma once
// Monthly SLA figures per client and per site (issue 5 item 5). Pure: plain data in, figures
// out; the caller gathers incidents, maintenance intervals and check facts.
//
// Definition (kSlaDefinition): uptime by time = 1 - downtime / (monitored time - maintenance
// time). Downtime is the time covered by critical incidents of condition down or error (the
// site not serving its content), from the incident's first failing check to its resolution
// (or now), clipped to the month and to the monitored time, minus maintenance. Monitored time
// runs from the site's first stored check in the month (or the month's start) to the month's
// end or now. Other conditions (defaced, malformed, security, slow, certificate...) count as
// incidents but not as downtime.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alerting/maintenance/maintenance_window.h"
#include "checks/model/time.h"

namespace sitewatch::sla {

extern const char* const kSlaDefinition;

// A calendar month in UTC.
struct Month {
    int year = 1970;
    unsigned month = 1;  // 1..12
    TimePoint start() const;
    TimePoint end() const;     // the next month's start
    std::string text() const;  // "2026-12"
};
// "YYYY-MM" (years 2000-2999; the SLA has no use for others).
std::optional<Month> parse_month(const std::string& text);
Month month_of(TimePoint t);

struct SlaIncident {
    std::uint64_t id = 0;
    std::string site;
    std::string condition;   // "down", "error", "defaced", ...
    std::string severity;    // "critical" | "warning"
    TimePoint started_at{};  // first failing check
    TimePoint opened_at{};   // confirmed (counted in the month it opened)
    std::optional<TimePoint> acknowledged_at, resolved_at;
};

struct SlaSite {
    std::string name, url;
    // The first stored check in the month, when known; otherwise the month's start.
    std::optional<TimePoint> first_check;
    std::optional<TimePoint> tls_expires_at;
    // The site's maintenance time (merged, any span; clipped here).
    std::vector<maintenance::Interval> maintenance;
};

struct SlaInput {
    std::string client;
    Month month;
    TimePoint now{};
    std::vector<SlaSite> sites;
    std::vector<SlaIncident> incidents;  // of these sites; any order
};

struct IncidentCounts {
    int total = 0;
    std::map<std::string, int> by_condition, by_severity;
};

// Seconds; empty when there is nothing to average.
struct SpanStats {
    std::optional<double> mean, p90;
};

struct SiteFigures {
    std::string site, url;
    Millis monitored{0}, downtime{0}, maintenance{0};
    std::optional<double> uptime_percent;  // none when nothing was monitored outside maintenance
    IncidentCounts incidents;
    SpanStats time_to_acknowledge, time_to_resolve;
    Millis longest_outage{0};
    std::optional<int> tls_days_left;         // now, from the latest certificate's not-after
    std::vector<std::uint64_t> incident_ids;  // opened in the month, oldest first
};

struct ClientFigures {
    std::string client;
    Month month;
    TimePoint from{}, to{};  // the month's start and end (not clipped to now)
    Millis monitored{0}, downtime{0}, maintenance{0};
    std::optional<double> uptime_percent;
    IncidentCounts incidents;
    SpanStats time_to_acknowledge, time_to_resolve;
    Millis longest_outage{0};
    std::vector<SiteFigures> sites;  // in input order
};

// Nearest-rank percentile (p in (0, 100]) of the values; empty for no values.
std::optional<double> percentile(std::vector<double> values, double p);
// Whole days from `now` to `expires_at`, rounded down (negative once expired).
int days_left(TimePoint expires_at, TimePoint now);

ClientFigures compute_sla(const SlaInput& input);

}  // namespace sitewatch::sla
