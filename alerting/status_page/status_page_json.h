#pragma once
// The status page in the shape of Atlassian Statuspage's summary.json: page {name, updated_at},
// status {indicator, description}, components [{name, status, updated_at}], incidents [{id,
// name, status, impact, created_at, updated_at, resolved_at, incident_updates [{status, body,
// created_at}]}]. Times RFC 3339 UTC; absent ones null. Resolved incidents of the last week
// are listed too (Statuspage lists only unresolved ones here). Pure.
#include <nlohmann/json.hpp>

#include "alerting/status_page/status_page.h"

namespace sitewatch::status_page {

nlohmann::json to_summary_json(const StatusPage& page);

}  // namespace sitewatch::status_page
