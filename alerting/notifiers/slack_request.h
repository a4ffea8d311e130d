#pragma once
// Slack incoming webhook (research 2.1): POST <webhook_url>, application/json,
// {"text": fallback, "blocks": [header, section with fields, section with the summary,
//  actions with link buttons (acknowledge, incident), context]}.
#include <string>
#include <string_view>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

// Slack's required escaping for text it parses: & → &amp;, < → &lt;, > → &gt;.
std::string slack_escape(std::string_view text);

// The JSON body alone.
std::string slack_body(const NotificationMessage& msg);

HttpRequestSpec slack_request(std::string_view webhook_url, const NotificationMessage& msg);

}  // namespace sitewatch::notifiers
