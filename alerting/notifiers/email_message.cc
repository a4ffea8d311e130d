#include "alerting/notifiers/email_message.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "alerting/notifiers/encoding.h"
#include "alerting/notifiers/message_text.h"

namespace sitewatch::notifiers {

namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr std::size_t kEncodedWordBytes = 45;  // 60 base64 characters + 12 = 72 ≤ 75

bool printable_ascii(std::string_view s) {
    for (const char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E)
            return false;
    return true;
}

// Folds a printable ASCII value at spaces so that lines stay near 78 characters.
std::string fold_ascii(std::string_view value, std::size_t first_line_used) {
    std::string out;
    std::size_t line = first_line_used;
    std::size_t i = 0;
    while (i < value.size()) {
        std::size_t end = value.find(' ', i + 1);
        if (end == std::string_view::npos) end = value.size();
        const std::string_view word = value.substr(i, end - i);  // starts with ' ' after the first
        if (line + word.size() > 78 && !out.empty() && word.front() == ' ') {
            out += "\r\n";
            line = 0;
        }
        out += word;
        line += word.size();
        i = end;
    }
    return out;
}

// The part of an address allowed in a header and in the SMTP envelope.
std::string clean_address(std::string_view address) {
    std::string out;
    for (const char c : address) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"')
            continue;
        out += c;
    }
    return out;
}

std::string display_name(std::string_view mailbox) {
    const std::size_t lt = mailbox.rfind('<');
    if (lt == std::string_view::npos) return {};
    std::string name = one_line(header_text(mailbox.substr(0, lt)));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
        name = name.substr(1, name.size() - 2);
    return name;
}

std::string format_mailbox(std::string_view mailbox) {
    const std::string address = clean_address(mailbox_address(mailbox));
    const std::string name = display_name(mailbox);
    if (name.empty()) return address;
    std::string shown;
    if (printable_ascii(name) && name.find("=?") == std::string::npos) {
        shown = "\"";
        for (const char c : name) {
            if (c == '"' || c == '\\') shown += '\\';
            shown += c;
        }
        shown += "\"";
    } else {
        shown = rfc2047_encode(name);
    }
    return shown + " <" + address + ">";
}

std::string domain_of(std::string_view address) {
    const std::size_t at = address.rfind('@');
    std::string domain =
        at == std::string_view::npos ? std::string() : clean_address(address.substr(at + 1));
    return domain.empty() ? std::string("sitewatch.invalid") : domain;
}

std::string id_token(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        const bool ok = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') ||
                        (b >= 'a' && b <= 'z') || c == '-' || c == '_' || c == '.';
        out += ok ? c : '-';
    }
    return out;
}

}  // namespace

std::string rfc5322_date(TimePoint t) {
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t secs = Clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                  tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

std::string header_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        out += (b < 0x20 || b == 0x7F) ? ' ' : c;
    }
    return out;
}

std::string rfc2047_encode(std::string_view text) {
    if (printable_ascii(text) && text.find("=?") == std::string_view::npos)
        return std::string(text);
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = std::min(text.size(), i + kEncodedWordBytes);
        // Never split a UTF-8 character across two encoded-words (RFC 2047 section 5).
        while (end < text.size() && end > i + 1 &&
               (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64_encode(text.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        const bool last = end == std::string_view::npos;
        if (last) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::size_t width = 0;
        for (std::size_t k = 0; k < line.size(); ++k) {
            const char c = line[k];
            const auto b = static_cast<unsigned char>(c);
            const bool at_end = k + 1 == line.size();
            const bool literal =
                ((b >= 33 && b <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end)) &&
                !(c == '.' && width == 0);
            std::string token(1, c);
            if (!literal) token = {'=', kHexUpper[b >> 4], kHexUpper[b & 15]};
            if (width + token.size() > 75) {
                out += "=\r\n";
                width = 0;
                if (c == '.') token = "=2E";
            }
            out += token;
            width += token.size();
        }
        if (last) break;
        out += "\r\n";
        start = end + 1;
    }
    return out;
}

std::string mailbox_address(std::string_view mailbox) {
    const std::size_t lt = mailbox.rfind('<');
    if (lt != std::string_view::npos) {
        const std::size_t gt = mailbox.find('>', lt);
        return clean_address(mailbox.substr(
            lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1));
    }
    return clean_address(mailbox);
}

EmailMessage email_message(std::string_view from, const std::vector<std::string>& to,
                           const NotificationMessage& msg) {
    EmailMessage email;
    const std::string from_address = mailbox_address(from);
    email.mail_from = "<" + from_address + ">";
    std::string to_header;
    for (const std::string& mailbox : to) {
        const std::string address = mailbox_address(mailbox);
        if (address.empty()) continue;
        email.recipients.push_back("<" + address + ">");
        if (!to_header.empty()) to_header += ",\r\n ";
        to_header += format_mailbox(mailbox);
    }

    const std::string domain = domain_of(from_address);
    const std::string root = "sitewatch." + std::to_string(msg.incident_id);
    const std::string step = id_token(msg.step_id.empty() ? msg.event : msg.step_id);
    const std::string subject = truncate_utf8(one_line(header_text(incident_title(msg))), 250);
    const std::string encoded_subject = rfc2047_encode(subject);

    std::string& d = email.data;
    d += "From: " + format_mailbox(from) + "\r\n";
    d += "To: " + to_header + "\r\n";
    d += "Subject: " + (encoded_subject == subject ? fold_ascii(subject, 9) : encoded_subject) +
         "\r\n";
    d += "Date: " + rfc5322_date(msg.at) + "\r\n";
    d += "Message-ID: <" + root + "." + step + "@" + domain + ">\r\n";
    // A common root so that mail clients thread every message of one incident.
    d += "References: <" + root + "@" + domain + ">\r\n";
    d += "Auto-Submitted: auto-generated\r\n";
    d += "X-Sitewatch-Incident: " + std::to_string(msg.incident_id) + "\r\n";
    d += "MIME-Version: 1.0\r\n";
    d += "Content-Type: text/plain; charset=utf-8\r\n";
    d += "Content-Transfer-Encoding: quoted-printable\r\n";
    d += "\r\n";
    d += quoted_printable(incident_body(msg));
    if (d.size() < 2 || d.compare(d.size() - 2, 2, "\r\n") != 0) d += "\r\n";
    return email;
}

}  // namespace sitewatch::notifiers
