#include "alerting/notifiers/webhook_request.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "alerting/notifiers/encoding.h"
#include "alerting/notifiers/message_text.h"
#include "checks/text/humanize.h"

namespace sitewatch::notifiers {

namespace {

constexpr std::string_view kSecretPrefix = "whsec_";

std::string unix_seconds(TimePoint t) {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

std::string signature_with_key(std::string_view key, std::string_view msg_id,
                               std::string_view timestamp, std::string_view body) {
    std::string content;
    content.reserve(msg_id.size() + timestamp.size() + body.size() + 2);
    content.append(msg_id).append(".").append(timestamp).append(".").append(body);
    return base64_encode(hmac_sha256(key, content));
}

}  // namespace

std::string webhook_signing_key(std::string_view secret) {
    if (secret.substr(0, kSecretPrefix.size()) != kSecretPrefix) return std::string(secret);
    auto key = base64_decode(secret.substr(kSecretPrefix.size()));
    if (!key) throw std::invalid_argument("webhook secret: whsec_ is not followed by base64");
    return *key;
}

std::string webhook_signature(std::string_view secret, std::string_view msg_id,
                              std::string_view timestamp, std::string_view body) {
    return "v1," + signature_with_key(webhook_signing_key(secret), msg_id, timestamp, body);
}

bool verify_webhook_signature(std::string_view secret, std::string_view msg_id,
                              std::string_view timestamp, std::string_view body,
                              std::string_view signature_header) {
    std::string key;
    try {
        key = webhook_signing_key(secret);
    } catch (const std::invalid_argument&) {
        return false;
    }
    const std::string expected = signature_with_key(key, msg_id, timestamp, body);
    bool match = false;
    std::size_t i = 0;
    while (i < signature_header.size()) {
        std::size_t end = signature_header.find(' ', i);
        if (end == std::string_view::npos) end = signature_header.size();
        const std::string_view entry = signature_header.substr(i, end - i);
        if (entry.substr(0, 3) == "v1,") match |= constant_time_equal(entry.substr(3), expected);
        i = end + 1;
    }
    return match;
}

bool webhook_timestamp_fresh(std::string_view timestamp, TimePoint now,
                             std::chrono::seconds tolerance) {
    long long seconds = 0;
    const auto [end, ec] =
        std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
    if (ec != std::errc() || end != timestamp.data() + timestamp.size()) return false;
    const auto now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const long long diff = now_s > seconds ? now_s - seconds : seconds - now_s;
    return diff <= tolerance.count();
}

std::string webhook_message_id(const NotificationMessage& msg) {
    if (!msg.step_id.empty()) return one_line(msg.step_id);
    return "sitewatch-" + std::to_string(msg.incident_id) + "-" + one_line(msg.event);
}

std::string webhook_body(const NotificationMessage& msg) {
    nlohmann::json body = {{"type", "incident." + msg.event},
                           {"timestamp", checks::format_rfc3339(msg.at)},
                           {"data",
                            {{"incident_id", msg.incident_id},
                             {"event", msg.event},
                             {"client", msg.client},
                             {"site", msg.site},
                             {"url", msg.url},
                             {"condition", msg.condition},
                             {"severity", msg.severity},
                             {"title", incident_title(msg)},
                             {"summary", msg.summary},
                             {"evidence", msg.evidence_excerpt},
                             {"ack_url", msg.ack_url},
                             {"incident_url", msg.incident_url},
                             {"at", checks::format_rfc3339(msg.at)}}}};
    if (is_client_update(msg)) body["data"]["text"] = msg.text;
    // Evidence comes from fetched pages and may not be valid UTF-8: replace, never throw.
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpRequestSpec webhook_request(std::string_view url, std::string_view secret,
                                const NotificationMessage& msg, TimePoint sent_at) {
    HttpRequestSpec request;
    request.method = "POST";
    request.url = std::string(url);
    request.body = webhook_body(msg);
    const std::string id = webhook_message_id(msg);
    const std::string timestamp = unix_seconds(sent_at);
    request.headers = {
        {"Content-Type", "application/json"},
        {"webhook-id", id},
        {"webhook-timestamp", timestamp},
        {"webhook-signature", webhook_signature(secret, id, timestamp, request.body)}};
    return request;
}

}  // namespace sitewatch::notifiers
