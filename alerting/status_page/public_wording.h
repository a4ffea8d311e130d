#pragma once
// The words a client's customers read on the status page: an incident's title and the text of
// each update. Built from the condition's client guidance and the client update's gist lines
// (alerting/reports), which never quote rule ids or evidence; nothing people typed (notes,
// resolution notes, names) is used. Pure.
#include <string>

#include "alerting/incidents/incident.h"
#include "alerting/status_page/status_page.h"

namespace sitewatch::status_page {

// "Shop: website not loading".
std::string incident_title(const Incident& incident);
// The update posted when the incident entered `status` at `at`; `reopened` for an
// investigating update that follows a resolution.
std::string update_text(const Incident& incident, IncidentStatus status, TimePoint at,
                        bool reopened);

}  // namespace sitewatch::status_page
