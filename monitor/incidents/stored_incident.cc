#include "monitor/incidents/stored_incident.h"

namespace sitewatch {

std::optional<IncidentSnapshot> snapshot_from_record(const IncidentRecord& record) {
    auto incident = incident_from_json(nlohmann::json::parse(record.incident_json, nullptr, false));
    if (!incident || incident->id != record.id) return std::nullopt;
    IncidentSnapshot s{std::move(*incident), std::nullopt, {}};
    if (!record.escalation_json.empty())
        s.escalation = escalation::Escalation::from_json_string(record.escalation_json);
    if (!record.extras_json.empty())
        s.extras =
            incident_extras_from_json(nlohmann::json::parse(record.extras_json, nullptr, false));
    return s;
}

}  // namespace sitewatch
