#pragma once
// PagerDuty Events API v2 (research 1.2): POST {api_base}/v2/enqueue.
#include <string>
#include <string_view>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

// "sitewatch-<incident_id>": the same for every event of one incident, so that acknowledge and
// resolve apply to the alert the trigger opened.
std::string pagerduty_dedup_key(std::uint64_t incident_id);

// trigger (opened, reopened, escalated, flapping), acknowledge (acknowledged) or resolve
// (resolved).
std::string pagerduty_event_action(std::string_view event);

// critical | error | warning | info; anything else is "error".
std::string pagerduty_severity(std::string_view severity);

// {routing_key, event_action, dedup_key} and, for trigger only, payload {summary (≤ 1024 chars),
// source (the URL's host), severity, timestamp (RFC 3339), component (site), group (client),
// class (condition), custom_details}, links, client.
HttpRequestSpec pagerduty_request(std::string_view api_base, std::string_view routing_key,
                                  const NotificationMessage& msg);

}  // namespace sitewatch::notifiers
