#pragma once
// One incident: a (site, condition) in trouble, from its first failing check to its
// resolution, with the timeline people and reports read (DESIGN.md, "Incidents"). Plain data;
// the IncidentEngine changes it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/model/finding.h"
#include "checks/model/time.h"

namespace sitewatch {

enum class IncidentState { open, acknowledged, resolved };
const char* to_string(IncidentState s);
std::optional<IncidentState> parse_incident_state(std::string_view s);

struct TimelineEntry {
    TimePoint at{};
    // "opened", "evidence", "severity_raised", "acknowledged", "resolved", "reopened",
    // "flapping_started", "flapping_stopped", "note".
    std::string kind;
    std::string text;  // one line for a person
    nlohmann::json detail;
};

struct Note {
    TimePoint at{};
    std::string by;
    std::string text;
};

struct Incident {
    // A long outage adds entries for as long as it lasts; the first entries (how it began)
    // and the latest (where it stands) are what people read, so the middle is dropped and
    // counted in `timeline_dropped`.
    static constexpr std::size_t kTimelineHead = 10;
    static constexpr std::size_t kTimelineMax = 100;

    std::uint64_t id = 0;
    std::string client, site, url;
    Condition condition = Condition::down;
    Severity severity = Severity::critical;
    IncidentState state = IncidentState::open;
    TimePoint started_at{};   // the first failing check
    TimePoint detected_at{};  // opened (confirmed)
    TimePoint last_seen_at{};
    std::optional<TimePoint> acknowledged_at, resolved_at;
    std::string acknowledged_by;
    std::string resolved_by;   // a person, or "auto" when the checks passed again
    std::string summary;       // the opening finding's summary
    std::string last_summary;  // the latest finding's, to tell new evidence from a repeat
    Evidence first_evidence;
    int occurrences = 0;   // checks that showed it
    int reopen_count = 0;  // recurrences within the follow-up window
    // A recurrence after the follow-up window is a new incident linked to the earlier one.
    std::optional<std::uint64_t> previous_incident;
    bool paged = false;  // a paging event was emitted since it (re)opened
    std::vector<TimelineEntry> timeline;
    std::size_t timeline_dropped = 0;
    std::vector<Note> notes;

    bool is_open() const { return state != IncidentState::resolved; }
    void add_timeline(TimelineEntry e);

    // From the first failing check to opening, acknowledging, resolving; empty until then.
    Millis time_to_detect() const;
    std::optional<Millis> time_to_acknowledge() const;
    std::optional<Millis> time_to_resolve() const;
};

// Times as Unix milliseconds (lossless; the HTTP layer renders RFC 3339).
nlohmann::json to_json(const Incident& incident);
// Lenient about missing optional fields, strict about types and required ones: empty when the
// saved form cannot be trusted.
std::optional<Incident> incident_from_json(const nlohmann::json& j);

}  // namespace sitewatch
