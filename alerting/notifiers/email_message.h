#pragma once
// Email over SMTP with libcurl (research 2.3): an RFC 5322 message with CRLF line endings, for
// CURLOPT_READFUNCTION + CURLOPT_UPLOAD, and the envelope for CURLOPT_MAIL_FROM / MAIL_RCPT. The
// SMTP URL, TLS policy and credentials are the sender's business (monitor/notify/smtp_transport.h).
//
// Body: text/plain; charset=utf-8 in quoted-printable, so that the message is 7-bit clean with
// lines under 78 characters whatever the server (no reliance on 8BITMIME) and a line that starts
// with "." is written "=2E". Header values have CR, LF and other control characters replaced,
// so no value can add a header; non-ASCII subjects and display names are RFC 2047 encoded-words.
#include <string>
#include <string_view>
#include <vector>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

struct EmailMessage {
    std::string mail_from;                // "<alerts@agency.example>"
    std::vector<std::string> recipients;  // "<oncall@agency.example>", one per RCPT TO
    std::string data;                     // the whole message, CRLF line endings
};

// "Tue, 24 Nov 2026 14:05:00 +0000" (UTC).
std::string rfc5322_date(TimePoint t);
// Printable ASCII without "=?" as it is; anything else as "=?UTF-8?B?…?=" words of at most 75
// characters, split between UTF-8 characters and folded with CRLF SP.
std::string rfc2047_encode(std::string_view text);
// One header-safe line: CR, LF, tabs and other control characters become spaces.
std::string header_text(std::string_view text);
// Quoted-printable (RFC 2045) of text with LF or CRLF line endings; output uses CRLF.
std::string quoted_printable(std::string_view text);
// "Alerts <alerts@x.example>" → "alerts@x.example"; "alerts@x.example" → itself.
std::string mailbox_address(std::string_view mailbox);

// `from` and each of `to` may be "addr" or "Display Name <addr>". A client update's subject is
// its summary and its body its text (message_text.h).
EmailMessage email_message(std::string_view from, const std::vector<std::string>& to,
                           const NotificationMessage& msg);

}  // namespace sitewatch::notifiers
