#include "alerting/notifiers/message_text.h"

#include <cctype>

#include "alerting/notifiers/encoding.h"
#include "checks/text/humanize.h"

namespace sitewatch::notifiers {

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string event_sentence(std::string_view event) {
    if (event == "opened") return "A new incident was opened.";
    if (event == "reopened") return "The problem came back, so the incident was reopened.";
    if (event == "acknowledged") return "The incident was acknowledged.";
    if (event == "resolved") return "The incident is resolved: the site passes its checks again.";
    if (event == "escalated")
        return "Nobody has acknowledged the incident yet, so it was escalated.";
    if (event == "flapping") return "The site keeps switching between failing and passing.";
    return "Incident update: " + one_line(event) + ".";
}

// A word for a URL-like token, so that a speech engine never spells out an address.
bool looks_like_url(std::string_view word) {
    return word.find("://") != std::string_view::npos || word.rfind("www.", 0) == 0;
}

std::string without_urls(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(i, end - i);
        if (!word.empty()) {
            if (!out.empty()) out += ' ';
            out += looks_like_url(word) ? std::string("a link") : std::string(word);
        }
        i = end + 1;
    }
    return out;
}

std::string sentence(std::string text) {
    if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?')
        text += '.';
    return text;
}

}  // namespace

std::string condition_phrase(std::string_view condition) {
    if (condition == "down") return "is down";
    if (condition == "error") return "shows an error";
    if (condition == "malformed") return "looks malformed";
    if (condition == "defaced") return "looks defaced";
    if (condition == "security") return "has a security problem";
    return "has a problem (" + one_line(condition) + ")";
}

bool is_client_update(const NotificationMessage& msg) { return msg.event == "client_update"; }

bool wants_acknowledgement(const NotificationMessage& msg) {
    return msg.event != "acknowledged" && msg.event != "resolved" && !is_client_update(msg);
}

std::string incident_title(const NotificationMessage& msg) {
    const std::string site = one_line(msg.site);
    const std::string summary = one_line(msg.summary);
    if (is_client_update(msg)) return summary.empty() ? "Update: " + site : summary;
    if (msg.event == "resolved")
        return "RESOLVED: " + site + " has recovered (was: " + one_line(msg.condition) + ")";
    std::string prefix =
        msg.event == "acknowledged" ? std::string("ACKNOWLEDGED") : upper(one_line(msg.severity));
    if (prefix.empty()) prefix = "ALERT";
    if (msg.event == "reopened" || msg.event == "escalated" || msg.event == "flapping")
        prefix += " (" + msg.event + ")";
    std::string title = prefix + ": " + site + " " + condition_phrase(msg.condition);
    if (!summary.empty()) title += " \u2014 " + summary;
    return title;
}

std::string incident_body(const NotificationMessage& msg) {
    if (is_client_update(msg)) return msg.text;
    std::string body = event_sentence(msg.event) + "\n\n";
    body += one_line(msg.site) + " " + condition_phrase(msg.condition);
    if (!msg.summary.empty()) body += ": " + one_line(msg.summary);
    body += "\n";
    if (!msg.client.empty()) body += "Client: " + one_line(msg.client) + "\n";
    if (!msg.url.empty()) body += "Address: " + one_line(msg.url) + "\n";
    body +=
        "Severity: " + one_line(msg.severity) + ", condition: " + one_line(msg.condition) + "\n";
    body += "Time: " + checks::format_rfc3339(msg.at) + "\n";
    body += "Incident: #" + std::to_string(msg.incident_id) + "\n";
    if (!msg.evidence_excerpt.empty())
        body += "\nEvidence:\n" + truncate_utf8(msg.evidence_excerpt, 1000) + "\n";
    if (wants_acknowledgement(msg) && !msg.ack_url.empty())
        body += "\nAcknowledge: " + one_line(msg.ack_url) + "\n";
    if (!msg.incident_url.empty()) body += "Details: " + one_line(msg.incident_url) + "\n";
    return body;
}

std::string spoken_text(const NotificationMessage& msg) {
    if (is_client_update(msg)) return without_urls(one_line(msg.text));
    std::string text = "Sitewatch alert. ";
    if (msg.event == "resolved") {
        text += "Resolved. The site " + one_line(msg.site) + " has recovered. ";
        return text + "No action is needed.";
    }
    text += sentence(one_line(msg.severity.empty() ? "alert" : msg.severity)) + " ";
    text += "The site " + one_line(msg.site);
    if (!msg.client.empty()) text += ", for client " + one_line(msg.client) + ",";
    text += " " + condition_phrase(msg.condition) + ". ";
    const std::string summary = without_urls(one_line(msg.summary));
    if (!summary.empty()) text += sentence(summary) + " ";
    text += event_sentence(msg.event) + " ";
    if (wants_acknowledgement(msg))
        text += "Press nothing. Acknowledge with the link in the text message.";
    return text;
}

}  // namespace sitewatch::notifiers
