#pragma once
// One notification as the outbox keeps it: where it goes and what it says, but never how (no
// secrets, no rendered request). The sender renders the request at each attempt from the
// current notifier config, so a rotated token applies to queued messages and no secret is
// written to the store.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "alerting/notifiers/notification.h"

namespace sitewatch::outbox {

// The person channels of the escalation (phone call, SMS, Slack, email) and the broadcast
// integrations (signed webhook, PagerDuty Events v2, Asana task for warnings).
enum class Target { phone, sms, slack, email, webhook, pagerduty, asana };
const char* to_string(Target t);
std::optional<Target> parse_target(std::string_view s);

struct Delivery {
    // Unique and stable: the escalation step id ("<incident>:<level>:<round>:<person>:<channel>")
    // or "<incident>:<event>:<target>[:<n>]" for broadcasts and client updates. It is the
    // outbox key, the webhook-id and the idempotency key a receiver may deduplicate on.
    std::string key;
    Target target = Target::webhook;
    // Phone number (phone, sms), Slack member id or handle (slack), mailbox (email); empty for
    // webhook, pagerduty and asana, whose destination is the notifier config.
    std::string address;
    std::string recipient;  // the person's name, for logs and the timeline
    notifiers::NotificationMessage message;
};

// Strict both ways: delivery_from_json refuses (nullopt) anything it did not write.
nlohmann::json to_json(const Delivery& d);
std::optional<Delivery> delivery_from_json(const nlohmann::json& j);

}  // namespace sitewatch::outbox
