// How one notification attempt is judged, and when the next one happens.
#include "alerting/outbox/retry_policy.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace sitewatch;
using namespace sitewatch::outbox;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {
const TimePoint kT0 = sys_days{year{2026} / 11 / 24} + 14h;
}

TEST_CASE("a 2xx answer is sent, 408 425 429 and 5xx are retried, other answers fail for good",
          "[notify]") {
    for (int s : {200, 201, 202, 204, 299}) CHECK(classify_http_status(s) == AttemptResult::sent);
    for (int s : {408, 425, 429, 500, 502, 503, 504, 599})
        CHECK(classify_http_status(s) == AttemptResult::retry);
    for (int s : {100, 301, 302, 400, 401, 403, 404, 410, 422})
        CHECK(classify_http_status(s) == AttemptResult::failed);
}

TEST_CASE("a network error is retried whatever status was read, and says what went wrong",
          "[notify]") {
    const AttemptOutcome refused = classify_attempt(0, "Couldn't connect to server", std::nullopt);
    CHECK(refused.result == AttemptResult::retry);
    CHECK(refused.detail == "Couldn't connect to server");
    CHECK(classify_attempt(200, "Timeout was reached", std::nullopt).result ==
          AttemptResult::retry);
    const AttemptOutcome bad = classify_attempt(400, "", std::nullopt, "  invalid_payload ");
    CHECK(bad.result == AttemptResult::failed);
    CHECK(bad.http_status == 400);
    CHECK(bad.detail == "HTTP 400: invalid_payload");
    CHECK(classify_attempt(202, "", std::nullopt, "ok").detail == "HTTP 202");
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date, and nonsense is ignored",
          "[notify]") {
    CHECK(parse_retry_after("120", kT0) == 120s);
    CHECK(parse_retry_after(" 0 ", kT0) == 0s);
    CHECK(parse_retry_after("Tue, 24 Nov 2026 14:00:30 GMT", kT0) == 30s);
    CHECK(parse_retry_after("Tue, 24 Nov 2026 13:00:00 GMT", kT0) == 0s);  // in the past
    CHECK_FALSE(parse_retry_after("", kT0));
    CHECK_FALSE(parse_retry_after("-5", kT0));
    CHECK_FALSE(parse_retry_after("soon", kT0));
    CHECK_FALSE(parse_retry_after("Tue, 24 Foo 2026 14:00:30 GMT", kT0));
}

TEST_CASE("person channels retry at 2 4 8 and 16 seconds and give up within a minute", "[notify]") {
    for (Target t : {Target::phone, Target::sms, Target::slack, Target::email}) {
        CHECK(is_person_channel(t));
        TimePoint now = kT0;
        std::vector<seconds> delays;
        for (int attempts = 1;; ++attempts) {
            const auto next = next_attempt_at(t, attempts, kT0, now, std::nullopt);
            if (!next) break;
            delays.push_back(duration_cast<seconds>(*next - now));
            now = *next;
        }
        CHECK(delays == std::vector<seconds>{2s, 4s, 8s, 16s});
        CHECK(now - kT0 <= 60s);
    }
}

TEST_CASE("broadcasts back off exponentially up to 15 minutes and persist for about an hour",
          "[notify]") {
    for (Target t : {Target::webhook, Target::pagerduty, Target::asana}) {
        CHECK_FALSE(is_person_channel(t));
        TimePoint now = kT0;
        std::vector<seconds> delays;
        for (int attempts = 1;; ++attempts) {
            const auto next = next_attempt_at(t, attempts, kT0, now, std::nullopt);
            if (!next) break;
            delays.push_back(duration_cast<seconds>(*next - now));
            now = *next;
        }
        CHECK(delays == std::vector<seconds>{5s, 10s, 20s, 40s, 80s, 160s, 320s, 640s, 900s, 900s});
        CHECK(now - kT0 <= 60min);
        CHECK(now - kT0 >= 45min);
    }
}

TEST_CASE("a longer Retry-After is honoured up to the channel's cap, a shorter one changes nothing",
          "[notify]") {
    CHECK(next_attempt_at(Target::webhook, 1, kT0, kT0, 120s) == kT0 + 120s);
    CHECK(next_attempt_at(Target::webhook, 1, kT0, kT0, 1s) == kT0 + 5s);
    CHECK(next_attempt_at(Target::webhook, 1, kT0, kT0, 24h) == kT0 + 15min);
    CHECK(next_attempt_at(Target::sms, 1, kT0, kT0, 20s) == kT0 + 20s);
    CHECK(next_attempt_at(Target::sms, 1, kT0, kT0, 1h) == kT0 + 30s);
}

TEST_CASE("a retry that would fall outside the budget gives up instead", "[notify]") {
    // A page created 55 s ago cannot wait 16 s more.
    CHECK_FALSE(next_attempt_at(Target::phone, 4, kT0, kT0 + 55s, std::nullopt));
    // A stale row found after a long outage gets no second try.
    CHECK_FALSE(next_attempt_at(Target::sms, 1, kT0, kT0 + 2h, std::nullopt));
    CHECK_FALSE(next_attempt_at(Target::webhook, 11, kT0, kT0 + 1min, std::nullopt));
}
