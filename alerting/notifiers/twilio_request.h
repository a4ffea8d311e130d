#pragma once
// Twilio REST (research 2.4): form-encoded POSTs, HTTP Basic auth AccountSid:AuthToken.
//   call: POST {api_base}/2010-04-01/Accounts/{sid}/Calls.json     To, From, Twiml
//   SMS:  POST {api_base}/2010-04-01/Accounts/{sid}/Messages.json  To, From, Body
#include <cstddef>
#include <string>
#include <string_view>

#include "alerting/notifiers/encoding.h"  // form_encode
#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

inline constexpr std::size_t kTwilioMaxTwiml = 4000;  // characters of inline Twiml
inline constexpr std::size_t kTwilioMaxSmsBody = 1600;

// <Response><Say>…</Say><Pause length="1"/><Say>…</Say></Response>: the spoken summary, said
// twice, XML-escaped, never longer than kTwilioMaxTwiml. A client update speaks its text.
std::string twilio_call_twiml(const NotificationMessage& msg);

// The SMS text: the title and, while it still matters, the acknowledge link, which is kept
// whole; at most kTwilioMaxSmsBody UTF-16 code units. A client update: its text, cut ("…") to
// kTwilioMaxSmsBody UTF-16 code units.
std::string twilio_sms_body(const NotificationMessage& msg);

// Length as Twilio counts it (UTF-16 code units).
std::size_t utf16_length(std::string_view utf8);

HttpRequestSpec twilio_call_request(std::string_view api_base, std::string_view account_sid,
                                    std::string_view auth_token, std::string_view from,
                                    std::string_view to, const NotificationMessage& msg);

HttpRequestSpec twilio_sms_request(std::string_view api_base, std::string_view account_sid,
                                   std::string_view auth_token, std::string_view from,
                                   std::string_view to, const NotificationMessage& msg);

}  // namespace sitewatch::notifiers
