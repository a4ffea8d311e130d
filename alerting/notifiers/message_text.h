#pragma once
// The human words shared by every notifier, so that a call, a text, a chat message, an email
// and a ticket all say the same thing.
#include <string>
#include <string_view>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

// "is down", "shows an error", … for a condition name.
std::string condition_phrase(std::string_view condition);

// One line: "CRITICAL: acme-home is down — connection refused",
// "RESOLVED: acme-home has recovered (was: down)".
std::string incident_title(const NotificationMessage& msg);

// A short plain-text body: what happened, the facts, the evidence excerpt and the links
// (the acknowledge link only while acknowledging still means something). LF line endings.
std::string incident_body(const NotificationMessage& msg);

// Words for a voice call: no URLs, no symbols read aloud; tells the listener to acknowledge with
// the link in the text message.
std::string spoken_text(const NotificationMessage& msg);

// True while the incident still wants an acknowledgement (not acknowledged, not resolved).
bool wants_acknowledgement(const NotificationMessage& msg);

}  // namespace sitewatch::notifiers
