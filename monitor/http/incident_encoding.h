#pragma once
// The incidents API's JSON (CONTRACT.md): the list element, and one incident with the timeline
// that merges the engine's entries, the escalation's steps and outcomes, and the service's own
// (client updates, follow-up, debrief, links).
#include <nlohmann/json.hpp>

#include "monitor/incidents/incident_desk.h"

namespace sitewatch::http {

// The contract's list element: id, client, site, url, condition, severity, state, opened_at,
// acknowledged_at, resolved_at, summary, evidence.
nlohmann::json incident_summary_json(const IncidentSnapshot& s);

// The summary plus timeline [{at, kind, message}] oldest first, notes, escalation (level,
// steps), client_updates, debrief, linked, time_to_{detect,acknowledge,resolve}_seconds.
nlohmann::json incident_detail_json(const IncidentSnapshot& s);

}  // namespace sitewatch::http
