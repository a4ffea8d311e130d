#pragma once
// Sends one notifiers::EmailMessage over SMTP with libcurl. Never throws for network failures.
//
//   smtp://host[:port]   plain SMTP, upgraded with STARTTLS when the server offers it
//                        (CURLUSESSL_TRY). NOTE: opportunistic: an attacker on the path can
//                        strip STARTTLS; set require_tls to insist (CURLUSESSL_ALL).
//   smtps://host[:port]  implicit TLS from the first byte (port 465 by default).
// Certificates are always verified (the system's trust store, plus ca_file when set).
#include <chrono>
#include <string>

#include "alerting/notifiers/email_message.h"

namespace sitewatch::notify {

struct SmtpOptions {
    std::string url;                 // smtp://host:port or smtps://host:port
    std::string username, password;  // both empty: no AUTH
    std::string ca_file;             // trust for a private CA (tests)
    bool require_tls = false;        // smtp:// only: fail unless STARTTLS succeeds
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds total_timeout{15000};
};

struct SmtpResult {
    bool sent = false;
    int smtp_code = 0;  // the server's last reply code, 0 when none was read
    // Empty when sent. A 5xx reply (permanent refusal: unknown mailbox, message rejected) is
    // `permanent`; connection problems, timeouts and 4xx replies are not.
    std::string error;
    bool permanent = false;
};

SmtpResult send_email(const notifiers::EmailMessage& message, const SmtpOptions& options);

}  // namespace sitewatch::notify
