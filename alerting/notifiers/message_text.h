#pragma once
// The human words shared by every notifier, so that a call, a text, a chat message, an email
// and a ticket all say the same thing.
#include <string>
#include <string_view>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

// "is down", "shows an error", … for a condition name.
std::string condition_phrase(std::string_view condition);

// True for event "client_update": msg.text is the whole message, msg.summary its subject, and
// every notifier sends them as they are instead of the on-call wording below.
bool is_client_update(const NotificationMessage& msg);

// One line: "CRITICAL: acme-home is down — connection refused",
// "RESOLVED: acme-home has recovered (was: down)". A client update: its summary.
std::string incident_title(const NotificationMessage& msg);

// A short plain-text body: what happened, the facts, the evidence excerpt and the links
// (the acknowledge link only while acknowledging still means something). LF line endings.
// A client update: its text, as it is.
std::string incident_body(const NotificationMessage& msg);

// Words for a voice call: no URLs, no symbols read aloud; tells the listener to acknowledge with
// the link in the text message. A client update: its text on one line, links left out.
std::string spoken_text(const NotificationMessage& msg);

// True while the incident still wants an acknowledgement (not acknowledged, not resolved, not
// a client update).
bool wants_acknowledgement(const NotificationMessage& msg);

}  // namespace sitewatch::notifiers
