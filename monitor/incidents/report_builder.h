#pragma once
// Turns what the service knows about an incident (snapshots, check history from the store, the
// client's directory entry) into the plain inputs of alerting/reports, and their output into
// answers: the incident report, the client update, the similar-incident links and debriefs.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/incidents/incident_desk.h"
#include "monitor/incidents/team_directory.h"
#include "monitor/store/store.h"

namespace sitewatch {

struct ClientUpdateText {
    std::string subject, text;
};

// stage "investigating" or "resolved"; plain words for the client.
ClientUpdateText client_update_text(const IncidentSnapshot& s, std::string_view stage,
                                    const ClientDirectoryEntry* client);

// One past incident as the similarity search sees it (no timeline, no escalation: cheap to
// build for every incident of a fleet).
struct SimilarCandidate {
    const Incident* incident = nullptr;
    const IncidentExtras* extras = nullptr;  // may be null
};

// Past incidents worth reading when `incident` opens: same condition on the same client or on
// a client sharing a tag (the same stack), those with a debrief first, newest first.
std::vector<std::uint64_t> similar_incident_ids(const Incident& incident,
                                                const std::vector<SimilarCandidate>& past,
                                                const TeamDirectory& directory);

// A debrief from an API body {"by", "issue", "investigation", "resolution", "prevention"}:
// the stored JSON, or nullopt with the reason in *error.
std::optional<nlohmann::json> debrief_from_request(const nlohmann::json& body, TimePoint now,
                                                   std::string* error);

// The report (seeds' template) of `s`; `linked` are the incidents s.extras.linked names.
// Downtime comes from the site's stored check history.
DeskAnswer render_report(const IncidentSnapshot& s, const std::vector<IncidentSnapshot>& linked,
                         const ClientDirectoryEntry* client, Store& store,
                         std::string_view audience, std::string_view format, TimePoint now);

}  // namespace sitewatch
