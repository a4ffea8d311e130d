#include "alerting/outbox/delivery.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <utility>

namespace sitewatch::outbox {

namespace {

constexpr std::array<std::pair<Target, const char*>, 7> kTargets{{
    {Target::phone, "phone"},
    {Target::sms, "sms"},
    {Target::slack, "slack"},
    {Target::email, "email"},
    {Target::webhook, "webhook"},
    {Target::pagerduty, "pagerduty"},
    {Target::asana, "asana"},
}};

// Every key of `j` is one of `allowed`, and each of them is present.
bool has_exactly(const nlohmann::json& j, std::initializer_list<const char*> allowed) {
    if (!j.is_object() || j.size() != allowed.size()) return false;
    for (const char* key : allowed)
        if (!j.contains(key)) return false;
    return true;
}

bool get_string(const nlohmann::json& j, const char* key, std::string& out) {
    const auto& v = j.at(key);
    if (!v.is_string()) return false;
    out = v.get<std::string>();
    return true;
}

}  // namespace

const char* to_string(Target t) {
    for (const auto& [target, name] : kTargets)
        if (target == t) return name;
    return "unknown";
}

std::optional<Target> parse_target(std::string_view s) {
    for (const auto& [target, name] : kTargets)
        if (s == name) return target;
    return std::nullopt;
}

nlohmann::json to_json(const Delivery& d) {
    const notifiers::NotificationMessage& m = d.message;
    const std::int64_t at_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(m.at.time_since_epoch()).count();
    return {{"key", d.key},
            {"target", to_string(d.target)},
            {"address", d.address},
            {"recipient", d.recipient},
            {"message",
             {{"incident_id", m.incident_id},
              {"client", m.client},
              {"site", m.site},
              {"url", m.url},
              {"condition", m.condition},
              {"severity", m.severity},
              {"event", m.event},
              {"summary", m.summary},
              {"evidence_excerpt", m.evidence_excerpt},
              {"ack_url", m.ack_url},
              {"incident_url", m.incident_url},
              {"at_ms", at_ms},
              {"step_id", m.step_id},
              {"text", m.text}}}};
}

std::optional<Delivery> delivery_from_json(const nlohmann::json& j) {
    if (!has_exactly(j, {"key", "target", "address", "recipient", "message"})) return std::nullopt;
    Delivery d;
    std::string target;
    if (!get_string(j, "key", d.key) || d.key.empty() || !get_string(j, "target", target) ||
        !get_string(j, "address", d.address) || !get_string(j, "recipient", d.recipient))
        return std::nullopt;
    const auto parsed = parse_target(target);
    if (!parsed) return std::nullopt;
    d.target = *parsed;

    const nlohmann::json& m = j.at("message");
    if (!has_exactly(
            m, {"incident_id", "client", "site", "url", "condition", "severity", "event", "summary",
                "evidence_excerpt", "ack_url", "incident_url", "at_ms", "step_id", "text"}))
        return std::nullopt;
    notifiers::NotificationMessage& msg = d.message;
    const auto& id = m.at("incident_id");
    const auto& at = m.at("at_ms");
    if (!id.is_number_unsigned() || !at.is_number_integer()) return std::nullopt;
    msg.incident_id = id.get<std::uint64_t>();
    msg.at = TimePoint(std::chrono::duration_cast<TimePoint::duration>(
        std::chrono::milliseconds(at.get<std::int64_t>())));
    if (!get_string(m, "client", msg.client) || !get_string(m, "site", msg.site) ||
        !get_string(m, "url", msg.url) || !get_string(m, "condition", msg.condition) ||
        !get_string(m, "severity", msg.severity) || !get_string(m, "event", msg.event) ||
        !get_string(m, "summary", msg.summary) ||
        !get_string(m, "evidence_excerpt", msg.evidence_excerpt) ||
        !get_string(m, "ack_url", msg.ack_url) ||
        !get_string(m, "incident_url", msg.incident_url) ||
        !get_string(m, "step_id", msg.step_id) || !get_string(m, "text", msg.text))
        return std::nullopt;
    return d;
}

}  // namespace sitewatch::outbox
