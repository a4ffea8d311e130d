#pragma once
// What every notifier is told about an incident, and what it sends, as data. The builders in
// this directory are pure: they never read a clock or touch the network. The sender (libcurl,
// outbox, retries) performs the HttpRequestSpec or EmailMessage they return.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "checks/model/time.h"

namespace sitewatch::notifiers {

struct NotificationMessage {
    std::uint64_t incident_id = 0;
    std::string client, site, url;
    std::string condition;  // down | error | malformed | defaced | security
    std::string severity;   // critical | warning
    // opened | reopened | acknowledged | resolved | escalated | flapping
    std::string event;
    std::string summary;  // one line, e.g. "connection refused"
    std::string evidence_excerpt;
    std::string ack_url;
    std::string incident_url;
    TimePoint at{};       // when the event happened
    std::string step_id;  // stable per notification step: the idempotency key across retries
    // event "client_update" only: the whole message for the client (alerting/reports), sent
    // as it is instead of the on-call wording; summary then serves as its subject line.
    std::string text;
};

struct HttpRequestSpec {
    std::string method;
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // Both empty: no Basic authentication.
    std::string basic_auth_user, basic_auth_password;
};

// The value of the first header named `name` (case-insensitive), or empty.
std::string header_value(const HttpRequestSpec& request, std::string_view name);

}  // namespace sitewatch::notifiers
