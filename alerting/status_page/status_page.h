#pragma once
// A client's public status page (issue 5, item 4) in Atlassian Statuspage's vocabulary: one
// component per site, a page indicator, and the incidents of the last week told as public
// updates (investigating, identified, monitoring, resolved). Built from the client's sites and
// incidents and a clock; nothing of the internal evidence (rule ids, excerpts, summaries,
// notes, people) is copied into it, so whatever renders it cannot leak them. Pure.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alerting/incidents/incident.h"
#include "checks/model/time.h"

namespace sitewatch::status_page {

// The mapping (README "Status page"):
//   site in a maintenance window                          -> under_maintenance
//   open critical down or error                           -> major_outage,  impact critical
//   open critical defaced, malformed or security          -> partial_outage, impact major
//   open warning (any condition)                          -> degraded_performance, impact minor
//   nothing open (resolved ones included while monitored) -> operational
enum class ComponentStatus {
    operational,
    degraded_performance,
    partial_outage,
    major_outage,
    under_maintenance
};
enum class Indicator { none, minor, major, critical };
enum class IncidentStatus { investigating, identified, monitoring, resolved };
enum class Impact { none, minor, major, critical };

const char* to_string(ComponentStatus s);  // "operational", "major_outage", ...
const char* to_string(Indicator i);        // "none", "minor", "major", "critical"
const char* to_string(IncidentStatus s);   // "investigating", ...
const char* to_string(Impact i);           // "none", "minor", "major", "critical"
// "Operational", "Degraded performance", "Partial outage", "Major outage", "Under maintenance".
const char* label(ComponentStatus s);
// "Investigating", "Identified", "Monitoring", "Resolved".
const char* label(IncidentStatus s);

// After a resolution (automatic or by hand) the incident stays "monitoring" this long: the fix
// is being watched, and a recurrence inside the follow-up window reopens it.
inline constexpr Millis kMonitoringWindow = std::chrono::hours(1);
// Resolved incidents stay listed this long after their resolution; unresolved ones always.
inline constexpr Millis kHistory = std::chrono::hours(24 * 7);

struct SiteInput {
    std::string name;
    bool in_maintenance = false;
};

struct StatusPageInput {
    std::string client;
    std::vector<SiteInput> sites;     // the client's sites, in config order
    std::vector<Incident> incidents;  // any order; other clients' and other sites' are ignored
};

struct Component {
    std::string name;
    ComponentStatus status = ComponentStatus::operational;
    std::optional<TimePoint> updated_at;  // its last change shown on the page; none: no incident
};

struct IncidentUpdate {
    IncidentStatus status = IncidentStatus::investigating;
    std::string body;  // client-facing text
    TimePoint at{};
};

struct PublicIncident {
    std::string id;
    std::string name;       // "Shop: website not loading"
    std::string component;  // the site
    IncidentStatus status = IncidentStatus::investigating;
    Impact impact = Impact::none;
    TimePoint created_at{}, updated_at{};
    std::optional<TimePoint> resolved_at;  // when it became "resolved" on the page
    std::vector<IncidentUpdate> updates;   // newest first, as Statuspage lists them
};

struct StatusPage {
    std::string name;  // the client
    TimePoint updated_at{};
    Indicator indicator = Indicator::none;
    std::string description;  // "All Systems Operational", "Major System Outage", ...
    std::vector<Component> components;
    std::vector<PublicIncident> incidents;  // unresolved first, then newest first
};

ComponentStatus component_status(const Incident& open_incident);
Impact impact_of(const Incident& incident);
// The incident's status on the page at `now`.
IncidentStatus public_status(const Incident& incident, TimePoint now);

StatusPage build_status_page(const StatusPageInput& input, TimePoint now);

}  // namespace sitewatch::status_page
