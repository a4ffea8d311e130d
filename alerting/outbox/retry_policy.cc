#include "alerting/outbox/retry_policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>

namespace sitewatch::outbox {

namespace {

using std::chrono::seconds;

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool parse_int(std::string_view s, long long& out) {
    if (s.empty()) return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

// "Sun, 06 Nov 1994 08:49:37 GMT" → Unix seconds.
std::optional<long long> parse_imf_fixdate(std::string_view s) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
        s[16] != ' ' || s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT")
        return std::nullopt;
    long long day = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (!parse_int(s.substr(5, 2), day) || !parse_int(s.substr(12, 4), year) ||
        !parse_int(s.substr(17, 2), hour) || !parse_int(s.substr(20, 2), minute) ||
        !parse_int(s.substr(23, 2), second))
        return std::nullopt;
    const auto month_it = std::find(kMonths.begin(), kMonths.end(), s.substr(8, 3));
    if (month_it == kMonths.end()) return std::nullopt;
    const unsigned month = static_cast<unsigned>(month_it - kMonths.begin()) + 1;
    const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(year)},
                                          std::chrono::month{month},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    const auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
    return static_cast<long long>(days) * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace

const char* to_string(AttemptResult r) {
    switch (r) {
        case AttemptResult::sent:
            return "sent";
        case AttemptResult::retry:
            return "retry";
        case AttemptResult::failed:
            return "failed";
    }
    return "unknown";
}

AttemptResult classify_http_status(int status) {
    if (status >= 200 && status <= 299) return AttemptResult::sent;
    if (status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599))
        return AttemptResult::retry;
    if (status <= 0) return AttemptResult::retry;  // no answer at all
    return AttemptResult::failed;
}

AttemptOutcome classify_attempt(int http_status, std::string_view transport_error,
                                std::optional<std::chrono::seconds> retry_after,
                                std::string_view response_excerpt) {
    AttemptOutcome out;
    out.http_status = http_status;
    out.retry_after = retry_after;
    if (!transport_error.empty()) {
        out.result = AttemptResult::retry;
        out.detail = std::string(transport_error);
        return out;
    }
    out.result = classify_http_status(http_status);
    out.detail = "HTTP " + std::to_string(http_status);
    const std::string_view excerpt = trim(response_excerpt);
    if (!excerpt.empty() && out.result != AttemptResult::sent)
        out.detail += ": " + std::string(excerpt);
    return out;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, TimePoint now) {
    value = trim(value);
    if (value.empty()) return std::nullopt;
    long long secs = 0;
    if (std::isdigit(static_cast<unsigned char>(value.front()))) {
        if (!parse_int(value, secs) || secs < 0) return std::nullopt;
        return seconds(std::min(secs, 365LL * 86400));
    }
    const auto when = parse_imf_fixdate(value);
    if (!when) return std::nullopt;
    const long long now_s = std::chrono::duration_cast<seconds>(now.time_since_epoch()).count();
    return seconds(std::clamp(*when - now_s, 0LL, 365LL * 86400));
}

bool is_person_channel(Target t) {
    return t == Target::phone || t == Target::sms || t == Target::slack || t == Target::email;
}

RetrySchedule retry_schedule(Target t) {
    if (is_person_channel(t))
        return {.max_attempts = 5,
                .first_delay = seconds(2),
                .max_delay = seconds(16),
                .max_retry_after = seconds(30),
                .budget = seconds(60)};
    return {.max_attempts = 11,
            .first_delay = seconds(5),
            .max_delay = seconds(15 * 60),
            .max_retry_after = seconds(15 * 60),
            .budget = seconds(60 * 60)};
}

std::chrono::seconds backoff_delay(const RetrySchedule& s, int attempts_made) {
    seconds delay = s.first_delay;
    for (int i = 1; i < attempts_made && delay < s.max_delay; ++i) delay *= 2;
    return std::min(delay, s.max_delay);
}

std::optional<TimePoint> next_attempt_at(Target t, int attempts_made, TimePoint created_at,
                                         TimePoint now,
                                         std::optional<std::chrono::seconds> retry_after) {
    const RetrySchedule s = retry_schedule(t);
    if (attempts_made >= s.max_attempts) return std::nullopt;
    seconds delay = backoff_delay(s, std::max(attempts_made, 1));
    if (retry_after) delay = std::max(delay, std::min(*retry_after, s.max_retry_after));
    const TimePoint next = now + delay;
    if (next > created_at + s.budget) return std::nullopt;
    return next;
}

}  // namespace sitewatch::outbox
