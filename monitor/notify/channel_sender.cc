#include "monitor/notify/channel_sender.h"

#include <stdexcept>
#include <vector>

#include "alerting/notifiers/asana_request.h"
#include "alerting/notifiers/email_message.h"
#include "alerting/notifiers/message_text.h"
#include "alerting/notifiers/pagerduty_request.h"
#include "alerting/notifiers/slack_request.h"
#include "alerting/notifiers/twilio_request.h"
#include "alerting/notifiers/webhook_request.h"
#include "monitor/config/secret_file.h"
#include "monitor/notify/smtp_transport.h"

namespace sitewatch::notify {

using outbox::AttemptOutcome;
using outbox::AttemptResult;
using outbox::Target;

struct ChannelSender::Secrets {
    std::string twilio_auth_token;
    std::string email_password;
    std::string webhook_secret;
    std::string pagerduty_routing_key;
    std::string asana_token;
};

namespace {

std::string read_secret(const std::string& notifier, const std::string& field,
                        const std::string& path) {
    if (path.empty())
        throw std::runtime_error("notifiers." + notifier + "." + field + " is required");
    try {
        return config::read_secret_file(path);
    } catch (const std::exception& e) {
        throw std::runtime_error("notifiers." + notifier + "." + field + ": " + e.what());
    }
}

AttemptOutcome failed(std::string why) {
    AttemptOutcome out;
    out.result = AttemptResult::failed;
    out.detail = std::move(why);
    return out;
}

AttemptOutcome not_configured(Target t) {
    return failed(std::string(outbox::to_string(t)) + " is not configured");
}

}  // namespace

ChannelSender::ChannelSender(const config::NotifiersConfig& config, ChannelSenderOptions options)
    : config_(config), options_(std::move(options)), secrets_(std::make_unique<Secrets>()) {
    if (config_.twilio)
        secrets_->twilio_auth_token =
            read_secret("twilio", "auth_token_file", config_.twilio->auth_token_file);
    if (config_.email && !config_.email->password_file.empty())
        secrets_->email_password =
            read_secret("email", "password_file", config_.email->password_file);
    if (config_.webhook) {
        secrets_->webhook_secret =
            read_secret("webhook", "secret_file", config_.webhook->secret_file);
        try {
            (void)notifiers::webhook_signing_key(secrets_->webhook_secret);
        } catch (const std::exception& e) {
            throw std::runtime_error("notifiers.webhook.secret_file: " + std::string(e.what()));
        }
    }
    if (config_.pagerduty)
        secrets_->pagerduty_routing_key =
            read_secret("pagerduty", "routing_key_file", config_.pagerduty->routing_key_file);
    if (config_.asana)
        secrets_->asana_token = read_secret("asana", "token_file", config_.asana->token_file);
    ensure_curl_initialized();
}

ChannelSender::~ChannelSender() = default;

AttemptOutcome ChannelSender::send_http(const notifiers::HttpRequestSpec& request) const {
    const HttpResult r = perform_http(request, options_.http);
    std::optional<std::chrono::seconds> retry_after;
    if (r.retry_after) retry_after = outbox::parse_retry_after(*r.retry_after, Clock::now());
    return outbox::classify_attempt(r.http_status, r.transport_error, retry_after, r.body_excerpt);
}

AttemptOutcome ChannelSender::send_email(const outbox::Delivery& d) const {
    const config::EmailConfig& cfg = *config_.email;
    notifiers::NotificationMessage msg = d.message;
    if (msg.step_id.empty()) msg.step_id = d.key;
    const notifiers::EmailMessage email = notifiers::email_message(cfg.from, {d.address}, msg);
    if (email.recipients.empty()) return failed("email: no usable address \"" + d.address + "\"");
    SmtpOptions smtp;
    smtp.url = cfg.smtp_url;
    smtp.username = cfg.username;
    smtp.password = secrets_->email_password;
    // With credentials, STARTTLS is required: an attacker who strips it must not be handed the
    // password in clear. Without, opportunistic TLS still protects against passive listeners.
    smtp.require_tls = !cfg.username.empty();
    smtp.ca_file = options_.smtp_ca_file;
    smtp.connect_timeout = options_.smtp_connect_timeout;
    smtp.total_timeout = options_.smtp_total_timeout;
    const SmtpResult r = notify::send_email(email, smtp);
    AttemptOutcome out;
    out.http_status = 0;
    if (r.sent) {
        out.result = AttemptResult::sent;
        out.detail = "SMTP " + std::to_string(r.smtp_code);
    } else {
        out.result = r.permanent ? AttemptResult::failed : AttemptResult::retry;
        out.detail = r.error;
    }
    return out;
}

AttemptOutcome ChannelSender::send(const outbox::Delivery& d, TimePoint now) {
    try {
        const notifiers::NotificationMessage& msg = d.message;
        const bool person = outbox::is_person_channel(d.target);
        if (person && d.target != Target::slack && d.address.empty())
            return failed(std::string(outbox::to_string(d.target)) + ": no address for " +
                          (d.recipient.empty() ? std::string("the recipient") : d.recipient));
        switch (d.target) {
            case Target::phone:
            case Target::sms: {
                if (!config_.twilio) return not_configured(d.target);
                const config::TwilioConfig& t = *config_.twilio;
                return send_http(d.target == Target::phone
                                     ? notifiers::twilio_call_request(t.api_base, t.account_sid,
                                                                      secrets_->twilio_auth_token,
                                                                      t.from, d.address, msg)
                                     : notifiers::twilio_sms_request(t.api_base, t.account_sid,
                                                                     secrets_->twilio_auth_token,
                                                                     t.from, d.address, msg));
            }
            case Target::slack:
                if (!config_.slack) return not_configured(d.target);
                return send_http(
                    notifiers::slack_request(config_.slack->webhook_url, msg, d.address));
            case Target::email:
                if (!config_.email) return not_configured(d.target);
                return send_email(d);
            case Target::webhook: {
                if (!config_.webhook) return not_configured(d.target);
                // The outbox key is the webhook-id: the receiver's idempotency key.
                notifiers::NotificationMessage keyed = msg;
                keyed.step_id = d.key;
                return send_http(notifiers::webhook_request(config_.webhook->url,
                                                            secrets_->webhook_secret, keyed, now));
            }
            case Target::pagerduty:
                if (!config_.pagerduty) return not_configured(d.target);
                if (notifiers::is_client_update(msg))
                    return failed("pagerduty takes incident events, not client updates");
                return send_http(notifiers::pagerduty_request(
                    config_.pagerduty->api_base, secrets_->pagerduty_routing_key, msg));
            case Target::asana:
                if (!config_.asana) return not_configured(d.target);
                return send_http(notifiers::asana_task_request(
                    config_.asana->api_base, secrets_->asana_token, config_.asana->project, msg));
        }
        return failed("unknown target");
    } catch (const std::exception& e) {
        // A builder refusing its input will refuse it again: permanent.
        return failed(std::string("could not build the request: ") + e.what());
    }
}

}  // namespace sitewatch::notify
