#pragma once
// Sends one outbox Delivery through the notifier it names: renders the request with the pure
// builders (alerting/notifiers) from the current config at each attempt, performs it, and
// classifies the outcome (alerting/outbox/retry_policy.h). Secrets are read once, at
// construction, and never written to the outbox.
#include <memory>
#include <string>

#include "alerting/outbox/delivery.h"
#include "alerting/outbox/retry_policy.h"
#include "checks/model/time.h"
#include "monitor/config/config.h"
#include "monitor/notify/http_transport.h"

namespace sitewatch::notify {

// One attempt of one delivery. Implementations are thread-safe (the dispatcher calls send from
// several threads at once) and never throw: every failure is an AttemptOutcome.
class NotificationSender {
public:
    virtual ~NotificationSender() = default;
    // `now` is the time of this attempt (the webhook's webhook-timestamp).
    virtual outbox::AttemptOutcome send(const outbox::Delivery& delivery, TimePoint now) = 0;
};

struct ChannelSenderOptions {
    HttpTransportOptions http;  // timeouts, answer cap, extra CA for HTTPS (tests)
    std::string smtp_ca_file;   // extra CA for SMTP TLS (tests)
    std::chrono::milliseconds smtp_connect_timeout{5000};
    std::chrono::milliseconds smtp_total_timeout{15000};
};

// The real channels, from the `notifiers` config:
//   phone  → Twilio call (Calls.json, Twiml), to delivery.address
//   sms    → Twilio message (Messages.json), to delivery.address
//   slack  → the incoming webhook; a non-empty address (member id or handle) is mentioned
//   email  → SMTP to delivery.address, from email.from
//   webhook → Standard Webhooks signed POST, webhook-id = delivery.key, rebuilt per attempt
//   pagerduty → Events v2, dedup key "sitewatch-<incident>" (incident events only)
//   asana  → a task in asana.project
// A target whose notifier is not configured fails (permanently) with "<name> is not
// configured"; so does a person channel without an address.
class ChannelSender : public NotificationSender {
public:
    // Reads every configured secret file (auth_token_file, password_file, secret_file,
    // routing_key_file, token_file). Throws std::runtime_error ("notifiers.<name>.<field>: …")
    // when one cannot be read, is empty, or (webhook) is a malformed "whsec_" secret.
    explicit ChannelSender(const config::NotifiersConfig& config,
                           ChannelSenderOptions options = {});
    ~ChannelSender() override;

    outbox::AttemptOutcome send(const outbox::Delivery& delivery, TimePoint now) override;

private:
    struct Secrets;
    config::NotifiersConfig config_;
    ChannelSenderOptions options_;
    std::unique_ptr<Secrets> secrets_;

    outbox::AttemptOutcome send_http(const notifiers::HttpRequestSpec& request) const;
    outbox::AttemptOutcome send_email(const outbox::Delivery& delivery) const;
};

}  // namespace sitewatch::notify
