#include "alerting/notifiers/slack_request.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "alerting/notifiers/encoding.h"
#include "alerting/notifiers/message_text.h"
#include "checks/text/humanize.h"

namespace sitewatch::notifiers {

namespace {

// Block Kit limits (research 2.1).
constexpr std::size_t kHeaderMax = 150, kSectionMax = 3000, kFieldMax = 2000, kButtonUrlMax = 3000;

nlohmann::json mrkdwn(const std::string& text) {
    return {{"type", "mrkdwn"}, {"text", truncate_utf8(text, kFieldMax)}};
}

nlohmann::json field(const std::string& label, std::string_view value) {
    return mrkdwn("*" + label + ":*\n" + slack_escape(one_line(value)));
}

nlohmann::json link_button(const std::string& label, const std::string& url, bool primary) {
    nlohmann::json b = {
        {"type", "button"}, {"text", {{"type", "plain_text"}, {"text", label}}}, {"url", url}};
    if (primary) b["style"] = "danger";
    return b;
}

}  // namespace

std::string slack_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string slack_mention(std::string_view address) {
    std::string_view a = address;
    while (!a.empty() && (a.front() == ' ' || a.front() == '\t')) a.remove_prefix(1);
    while (!a.empty() && (a.back() == ' ' || a.back() == '\t')) a.remove_suffix(1);
    std::string_view id = a;
    if (id.size() > 3 && id.substr(0, 2) == "<@" && id.back() == '>')
        id = id.substr(2, id.size() - 3);
    else if (!id.empty() && id.front() == '@')
        id.remove_prefix(1);
    bool member_id = id.size() >= 6 && id.size() <= 32 && (id.front() == 'U' || id.front() == 'W');
    bool digit = false;
    for (const char c : id) {
        if (c >= '0' && c <= '9') digit = true;
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) member_id = false;
    }
    member_id = member_id && digit;
    if (member_id) return "<@" + std::string(id) + ">";
    return slack_escape(one_line(a));
}

std::string slack_body(const NotificationMessage& msg, std::string_view person) {
    const std::string mention = slack_mention(person);
    const std::string lead = mention.empty() ? std::string() : mention + " ";
    if (is_client_update(msg)) {
        const nlohmann::json body = {{"text", lead + slack_escape(msg.text)}};
        return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    const std::string title = incident_title(msg);
    const auto unix =
        std::chrono::duration_cast<std::chrono::seconds>(msg.at.time_since_epoch()).count();
    // <!date^…|fallback> shows the reader's local time; the fallback is UTC.
    const std::string when = "<!date^" + std::to_string(unix) + "^{date_short_pretty} {time}|" +
                             checks::format_rfc3339(msg.at) + ">";

    nlohmann::json fields = nlohmann::json::array();
    fields.push_back(field("Client", msg.client));
    fields.push_back(field("Site", msg.site));
    fields.push_back(field("Condition", msg.condition + " (" + msg.severity + ")"));
    fields.push_back(field("Event", msg.event));
    fields.push_back(mrkdwn("*Since:*\n" + when));
    if (!msg.url.empty()) fields.push_back(field("Address", msg.url));

    std::string detail = lead + "*" + slack_escape(one_line(msg.site)) + "* " +
                         slack_escape(condition_phrase(msg.condition));
    if (!msg.summary.empty()) detail += ": " + slack_escape(one_line(msg.summary));
    if (!msg.evidence_excerpt.empty())
        detail += "\n```" + slack_escape(truncate_utf8(msg.evidence_excerpt, 1500)) + "```";

    // plain_text is shown as typed (Slack does not parse it), so it is not escaped.
    nlohmann::json blocks = nlohmann::json::array();
    blocks.push_back(
        {{"type", "header"},
         {"text", {{"type", "plain_text"}, {"text", truncate_utf8(title, kHeaderMax)}}}});
    blocks.push_back({{"type", "section"}, {"fields", fields}});
    blocks.push_back({{"type", "section"}, {"text", mrkdwn(truncate_utf8(detail, kSectionMax))}});

    nlohmann::json buttons = nlohmann::json::array();
    if (wants_acknowledgement(msg) && !msg.ack_url.empty() && msg.ack_url.size() <= kButtonUrlMax)
        buttons.push_back(link_button("Acknowledge", msg.ack_url, true));
    if (!msg.incident_url.empty() && msg.incident_url.size() <= kButtonUrlMax)
        buttons.push_back(link_button("Open incident", msg.incident_url, false));
    if (!buttons.empty()) blocks.push_back({{"type", "actions"}, {"elements", buttons}});
    blocks.push_back(
        {{"type", "context"},
         {"elements", nlohmann::json::array(
                          {mrkdwn("sitewatch incident #" + std::to_string(msg.incident_id))})}});

    const nlohmann::json body = {{"text", lead + slack_escape(title)}, {"blocks", blocks}};
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpRequestSpec slack_request(std::string_view webhook_url, const NotificationMessage& msg,
                              std::string_view person) {
    HttpRequestSpec request;
    request.method = "POST";
    request.url = std::string(webhook_url);
    request.headers = {{"Content-Type", "application/json"}};
    request.body = slack_body(msg, person);
    return request;
}

}  // namespace sitewatch::notifiers
