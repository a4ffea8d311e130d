#pragma once
// An incident read back from its store row, for readers that do not run the engine (the
// `sitewatch report` command reads the database a running daemon writes).
#include <optional>

#include "monitor/incidents/incident_desk.h"
#include "monitor/store/store.h"

namespace sitewatch {

// Nullopt when the incident JSON cannot be trusted; an unreadable escalation or extras part
// is left out rather than failing the whole incident.
std::optional<IncidentSnapshot> snapshot_from_record(const IncidentRecord& record);

}  // namespace sitewatch
