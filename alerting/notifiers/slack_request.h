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

// How to mention a person in a message: "<@U024BE7LH>" when `address` looks like a Slack
// member id (U or W, then 5 or more uppercase letters and digits with at least one digit, such
// as U024BE7LH; optionally written "@U…" or "<@U…>"), else the handle as given, escaped
// ("@alice" stays "@alice"). Empty for an empty address.
std::string slack_mention(std::string_view address);

// The JSON body alone. A non-empty `person` (a member id or handle, see slack_mention) is
// mentioned at the start of the text, so that the step of an escalation notifies that person.
// A client update is {"text": its text} alone.
std::string slack_body(const NotificationMessage& msg, std::string_view person = {});

HttpRequestSpec slack_request(std::string_view webhook_url, const NotificationMessage& msg,
                              std::string_view person = {});

}  // namespace sitewatch::notifiers
