#pragma once
// The generic JSON webhook, signed the Standard Webhooks v1 way (research 2.2):
//   webhook-id: <msg id>            stable across retries (the notification step id)
//   webhook-timestamp: <unix secs>  the time of this attempt
//   webhook-signature: v1,<base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))>
// The key is the base64-decoded part after "whsec_" when the secret has that prefix, otherwise
// the secret's raw bytes.
#include <chrono>
#include <string>
#include <string_view>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

// The HMAC key for a configured secret. Throws std::invalid_argument for a "whsec_" secret whose
// remainder is not base64.
std::string webhook_signing_key(std::string_view secret);

// "v1,<base64 signature>".
std::string webhook_signature(std::string_view secret, std::string_view msg_id,
                              std::string_view timestamp, std::string_view body);

// True when any space-separated "v1,<sig>" entry of `signature_header` matches (constant-time
// compare). Other versions (e.g. "v1a,") are ignored. Does not check the timestamp's age.
bool verify_webhook_signature(std::string_view secret, std::string_view msg_id,
                              std::string_view timestamp, std::string_view body,
                              std::string_view signature_header);

// True when `timestamp` is Unix seconds within `tolerance` of `now` (either direction).
bool webhook_timestamp_fresh(std::string_view timestamp, TimePoint now,
                             std::chrono::seconds tolerance = std::chrono::minutes(5));

// The webhook-id for a message: its step_id, else "sitewatch-<incident>-<event>".
std::string webhook_message_id(const NotificationMessage& msg);

// {"type": "incident.<event>", "timestamp": RFC 3339 of msg.at, "data": {incident fields}};
// a client update's data also has its "text".
std::string webhook_body(const NotificationMessage& msg);

// POST `url`. `sent_at` is the time of this attempt (webhook-timestamp); rebuild the request for
// every retry so that the receiver's replay tolerance holds while webhook-id stays the same.
HttpRequestSpec webhook_request(std::string_view url, std::string_view secret,
                                const NotificationMessage& msg, TimePoint sent_at);

}  // namespace sitewatch::notifiers
