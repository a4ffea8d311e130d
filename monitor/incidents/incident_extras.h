#pragma once
// What sitewatch keeps about an incident beyond the engine's Incident and the Escalation: the
// client update, the debrief, links to similar past incidents, logged hours, the follow-up
// check-in and its own timeline entries. Stored as the incident row's extras_json.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/model/time.h"

namespace sitewatch {

struct ExtrasEntry {
    TimePoint at{};
    std::string kind;  // client_update, followup, debrief, linked, notification, paged_with
    std::string text;
};

struct ClientUpdateRecord {
    std::string stage;    // investigating | resolved
    std::string status;   // draft | queued | sent | failed
    std::string subject;  // the first line: the gist
    std::string text;
    TimePoint at{};
    int contacts = 0;  // contacts it was queued for
};

struct IncidentExtras {
    std::vector<ExtrasEntry> timeline;
    std::vector<ClientUpdateRecord> client_updates;  // newest last
    std::optional<nlohmann::json> debrief;           // reports::Debrief as JSON
    std::vector<std::uint64_t> linked;               // similar past incidents
    double hours_logged = 0;
    std::optional<TimePoint> followup_at;  // when the PM is reminded to check in
    bool followup_sent = false;
    // Several conditions of one site confirmed by the same check page once: the others point
    // at the incident whose escalation covers them, and follow its acknowledgement.
    std::optional<std::uint64_t> paged_with;

    static constexpr std::size_t kTimelineMax = 200;
    void add(TimePoint at, std::string kind, std::string text);
};

nlohmann::json to_json(const IncidentExtras& e);
// Lenient: a field that is missing or mistyped is left at its default (extras are advisory;
// losing one never loses an incident).
IncidentExtras incident_extras_from_json(const nlohmann::json& j);

}  // namespace sitewatch
