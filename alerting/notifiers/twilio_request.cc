#include "alerting/notifiers/twilio_request.h"

#include "alerting/notifiers/message_text.h"

namespace sitewatch::notifiers {

namespace {

std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;  // stray continuation or invalid byte: counted alone
}

// At most `max_units` UTF-16 code units of `text`, cut between characters, "…" marking a cut.
std::string truncate_utf16(std::string_view text, std::size_t max_units) {
    if (utf16_length(text) <= max_units) return std::string(text);
    if (max_units == 0) return {};
    const std::size_t budget = max_units - 1;  // room for "…" (one unit)
    std::size_t units = 0, i = 0;
    while (i < text.size()) {
        const std::size_t len = utf8_sequence_length(static_cast<unsigned char>(text[i]));
        const std::size_t u = len == 4 ? 2 : 1;
        if (units + u > budget) break;
        units += u;
        i += len;
    }
    return std::string(text.substr(0, i)) + "\u2026";
}

// An SMS in plain GSM-7 is billed in 160-character segments, UCS-2 in 70: avoid the em dash.
std::string sms_friendly(std::string text) {
    const std::string dash = "\u2014";
    for (std::size_t at = text.find(dash); at != std::string::npos; at = text.find(dash, at))
        text.replace(at, dash.size(), "-");
    return text;
}

HttpRequestSpec twilio_request(std::string_view api_base, std::string_view account_sid,
                               std::string_view auth_token, std::string_view resource,
                               std::vector<std::pair<std::string, std::string>> fields) {
    HttpRequestSpec request;
    request.method = "POST";
    request.url = without_trailing_slash(api_base) + "/2010-04-01/Accounts/" +
                  path_segment_encode(account_sid) + "/" + std::string(resource);
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Accept", "application/json"}};
    request.body = form_encode(fields);
    request.basic_auth_user = std::string(account_sid);
    request.basic_auth_password = std::string(auth_token);
    return request;
}

}  // namespace

std::size_t utf16_length(std::string_view utf8) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t len = utf8_sequence_length(static_cast<unsigned char>(utf8[i]));
        units += len == 4 ? 2 : 1;
        i += len;
    }
    return units;
}

std::string twilio_call_twiml(const NotificationMessage& msg) {
    constexpr std::string_view kOpen = "<Response><Say>", kClose = "</Say></Response>",
                               kAgain = "</Say><Pause length=\"1\"/><Say>";
    const std::string said = xml_escape(spoken_text(msg));
    const std::string twice =
        std::string(kOpen) + said + std::string(kAgain) + said + std::string(kClose);
    if (twice.size() <= kTwilioMaxTwiml) return twice;
    // Too long to repeat: say it once, cut to fit (the escaped text must not be cut inside an
    // entity, so cut the plain text and escape again until it fits).
    std::string plain = spoken_text(msg);
    std::size_t limit = kTwilioMaxTwiml - kOpen.size() - kClose.size();
    std::string escaped = xml_escape(truncate_utf8(plain, limit, "."));
    while (escaped.size() > kTwilioMaxTwiml - kOpen.size() - kClose.size() && limit > 0) {
        limit = limit > 64 ? limit - 64 : 0;
        escaped = xml_escape(truncate_utf8(plain, limit, "."));
    }
    return std::string(kOpen) + escaped + std::string(kClose);
}

std::string twilio_sms_body(const NotificationMessage& msg) {
    if (is_client_update(msg)) return truncate_utf16(msg.text, kTwilioMaxSmsBody);
    std::string tail;
    if (wants_acknowledgement(msg) && !msg.ack_url.empty())
        tail = "\nAck: " + one_line(msg.ack_url);
    else if (!msg.incident_url.empty())
        tail = "\n" + one_line(msg.incident_url);
    if (utf16_length(tail) >= kTwilioMaxSmsBody / 2) tail.clear();  // an absurd link: drop it
    std::string text = sms_friendly(incident_title(msg));
    if (!msg.client.empty()) text += "\nClient: " + one_line(msg.client);
    if (!msg.url.empty()) text += "\n" + one_line(msg.url);
    return truncate_utf16(text, kTwilioMaxSmsBody - utf16_length(tail)) + tail;
}

HttpRequestSpec twilio_call_request(std::string_view api_base, std::string_view account_sid,
                                    std::string_view auth_token, std::string_view from,
                                    std::string_view to, const NotificationMessage& msg) {
    return twilio_request(
        api_base, account_sid, auth_token, "Calls.json",
        {{"To", std::string(to)}, {"From", std::string(from)}, {"Twiml", twilio_call_twiml(msg)}});
}

HttpRequestSpec twilio_sms_request(std::string_view api_base, std::string_view account_sid,
                                   std::string_view auth_token, std::string_view from,
                                   std::string_view to, const NotificationMessage& msg) {
    return twilio_request(
        api_base, account_sid, auth_token, "Messages.json",
        {{"To", std::string(to)}, {"From", std::string(from)}, {"Body", twilio_sms_body(msg)}});
}

}  // namespace sitewatch::notifiers
