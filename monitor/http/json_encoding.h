#pragma once
// The API's JSON shapes (CONTRACT.md "HTTP API"). Absent values are null, never "" or 0, so
// scripts can tell "no HTTP status" from a real one.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "checks/model/time.h"
#include "monitor/daemon/site_status.h"
#include "monitor/store/store.h"

namespace sitewatch::http {

// RFC 3339 UTC with second precision, e.g. "2026-11-24T14:05:00Z".
std::string format_rfc3339(TimePoint t);
// The formatted time, or null.
nlohmann::json time_or_null(const std::optional<TimePoint>& t);

// Appends `s` as a JSON string literal; invalid UTF-8 becomes U+FFFD, as in send_json.
void append_json_string(std::string& out, std::string_view s);

// One element of GET /api/v1/sites: client, name, url, status, condition, severity, summary,
// last_checked_at, response_time_ms, http_status, tls_expires_at, recent_response_ms (the
// last response times, oldest first, for sparklines). Written straight into
// `out` without a JSON DOM: the fleet list of 10,000 sites is built this way, several times
// faster than through nlohmann::json.
void append_site_json(std::string& out, const SiteStatus& status);
// The same object as a DOM, for callers that embed it in a larger document.
nlohmann::json site_to_json(const SiteStatus& status);

// One element of GET /api/v1/sites/{name}/results: checked_at, success, confirm, http_status,
// response_time_ms, tls_expires_at, condition, severity, summary, findings (an array).
nlohmann::json check_record_to_json(const CheckRecord& record);

}  // namespace sitewatch::http
