#include "checks/text/humanize.h"

#include <cstdio>

namespace sitewatch::checks {

namespace {

std::string count_of(long long n, const char* unit) {
    std::string out = std::to_string(n) + " " + unit;
    if (n != 1) out += "s";
    return out;
}

}  // namespace

std::string format_date(TimePoint t) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string format_rfc3339(TimePoint t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - day)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return format_date(t) + buf;
}

std::string format_seconds(double seconds, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f s", decimals, seconds);
    return buf;
}

std::string describe_span(std::chrono::seconds span) {
    const long long s = span.count() < 0 ? -span.count() : span.count();
    if (s >= 86400) return count_of(s / 86400, "day");
    if (s >= 3600) return count_of(s / 3600, "hour");
    if (s >= 60) return count_of(s / 60, "minute");
    return "less than a minute";
}

}  // namespace sitewatch::checks
