#pragma once
// How one delivery attempt ended, and when (or whether) to try again. Pure: callers pass `now`.
//
// Classification of one attempt:
//   2xx                                  sent
//   408, 425, 429, 5xx, network errors   retry (transient; Retry-After honoured, capped)
//   any other status (1xx, 3xx, 4xx)     failed: permanent. Redirects are never followed
//                                        (Standard Webhooks: 3xx is a failure), and a 4xx such
//                                        as 400, 401, 403, 404 or 410 will not heal by itself.
//
// Schedules (deterministic, no jitter): the delay before attempt n+1 is first_delay * 2^(n-1),
// capped at max_delay; a Retry-After longer than that delay replaces it, itself capped at
// max_retry_after. The delivery gives up when it has made max_attempts attempts or when the next
// attempt would fall later than `budget` after the delivery was created.
//
//   person channels (phone, sms, slack, email): the escalation must fail over quickly to the
//     person's next channel, so at most 5 attempts within 60 s of creation:
//     delays 2 s, 4 s, 8 s, 16 s (attempts at about 0, 2, 6, 14 and 30 s); Retry-After ≤ 30 s.
//   broadcasts (webhook, pagerduty, asana): nobody waits on them, so they persist for about an
//     hour, in the spirit of Standard Webhooks' schedule: at most 11 attempts within 1 h,
//     delays 5 s, 10 s, 20 s, 40 s, 80 s, 160 s, 320 s, 640 s, then 15 min (attempts at about
//     0 s, 5 s, 15 s, 35 s, 75 s, 2.6 min, 5.3 min, 10.6 min, 21 min, 36 min, 51 min);
//     Retry-After ≤ 15 min.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "alerting/outbox/delivery.h"
#include "checks/model/time.h"

namespace sitewatch::outbox {

enum class AttemptResult { sent, retry, failed };
const char* to_string(AttemptResult r);

// One attempt as the sender saw it.
struct AttemptOutcome {
    AttemptResult result = AttemptResult::retry;
    int http_status = 0;  // 0 when no HTTP answer was read (network error, SMTP)
    std::optional<std::chrono::seconds> retry_after;  // from the answer's Retry-After
    // Why it was not sent (becomes the outbox row's last_error), or a short note when it was.
    std::string detail;
};

// The result for an HTTP status (no transport error).
AttemptResult classify_http_status(int status);

// A transport error (non-empty `transport_error`: refused, timeout, TLS, …) is a retry whatever
// `http_status` says; otherwise classify_http_status. `detail` says what happened in one line.
AttemptOutcome classify_attempt(int http_status, std::string_view transport_error,
                                std::optional<std::chrono::seconds> retry_after,
                                std::string_view response_excerpt = {});

// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date (IMF-fixdate), as a delay from
// `now` (never negative). nullopt when absent or unreadable.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, TimePoint now);

struct RetrySchedule {
    int max_attempts = 0;
    std::chrono::seconds first_delay{0};
    std::chrono::seconds max_delay{0};
    std::chrono::seconds max_retry_after{0};
    std::chrono::seconds budget{0};  // from the delivery's creation to its last attempt
};

// True for phone, sms, slack and email: a person is waiting for it.
bool is_person_channel(Target t);
RetrySchedule retry_schedule(Target t);

// The delay after `attempts_made` failed attempts (1 = after the first), before Retry-After.
std::chrono::seconds backoff_delay(const RetrySchedule& s, int attempts_made);

// After a retryable failure: when to try again, or nullopt to give up. `attempts_made` counts
// the attempt that just failed.
std::optional<TimePoint> next_attempt_at(Target t, int attempts_made, TimePoint created_at,
                                         TimePoint now,
                                         std::optional<std::chrono::seconds> retry_after);

}  // namespace sitewatch::outbox
