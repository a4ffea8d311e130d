#include "alerting/maintenance/maintenance_window.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "checks/text/humanize.h"

namespace sitewatch::maintenance {

namespace {

using std::chrono::days;
using std::chrono::duration_cast;
using std::chrono::floor;
using std::chrono::minutes;

constexpr std::array<const char*, 7> kDayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::array<const char*, 7> kFullDayNames = {"sunday",   "monday", "tuesday", "wednesday",
                                                      "thursday", "friday", "saturday"};

// 0 = Sunday for a day counted from the Unix epoch (1970-01-01 was a Thursday).
int weekday_of(long long day) { return static_cast<int>(((day % 7) + 7 + 4) % 7); }

long long day_of(TimePoint local) { return floor<days>(local.time_since_epoch()).count(); }

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool digits(const std::string& s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return false;
    for (std::size_t i = pos; i < pos + n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

int number(const std::string& s, std::size_t pos, std::size_t n) {
    return std::stoi(s.substr(pos, n));
}

std::string two(int v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

std::string offset_text(minutes offset) {
    const int total = static_cast<int>(offset.count());
    const int a = total < 0 ? -total : total;
    return std::string(total < 0 ? "-" : "+") + two(a / 60) + ":" + two(a % 60);
}

std::string duration_text(Millis d) {
    const long long m = duration_cast<minutes>(d).count();
    if (m % (24 * 60) == 0) return std::to_string(m / (24 * 60)) + "d";
    if (m % 60 == 0) return std::to_string(m / 60) + "h";
    if (m > 60) return std::to_string(m / 60) + "h" + std::to_string(m % 60) + "m";
    return std::to_string(m) + "m";
}

}  // namespace

std::vector<Interval> merge(std::vector<Interval> intervals) {
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval& a, const Interval& b) { return a.from < b.from; });
    std::vector<Interval> out;
    for (const auto& i : intervals) {
        if (i.to <= i.from) continue;
        if (!out.empty() && i.from <= out.back().to)
            out.back().to = std::max(out.back().to, i.to);
        else
            out.push_back(i);
    }
    return out;
}

Millis total_length(const std::vector<Interval>& merged) {
    Millis sum{0};
    for (const auto& i : merged) sum += i.length();
    return sum;
}

std::vector<Interval> clip(const std::vector<Interval>& intervals, Interval window) {
    std::vector<Interval> out;
    for (const auto& i : intervals) {
        Interval c{std::max(i.from, window.from), std::min(i.to, window.to)};
        if (c.from < c.to) out.push_back(c);
    }
    return out;
}

std::vector<Interval> subtract(const std::vector<Interval>& from,
                               const std::vector<Interval>& minus) {
    std::vector<Interval> out;
    for (auto piece : from) {
        for (const auto& m : minus) {
            if (m.to <= piece.from || m.from >= piece.to) continue;
            if (m.from > piece.from) out.push_back({piece.from, m.from});
            piece.from = std::max(piece.from, m.to);
            if (piece.from >= piece.to) break;
        }
        if (piece.from < piece.to) out.push_back(piece);
    }
    return out;
}

std::vector<Interval> MaintenanceWindow::occurrences(Interval span) const {
    std::vector<Interval> out;
    if (span.to <= span.from) return out;
    if (kind == WindowKind::one_off) {
        if (start < span.to && end > span.from) out.push_back({start, end});
        return out;
    }
    // Local days whose occurrence could reach into the span: from the day of (span start -
    // duration) to the day of the span's end.
    const auto to_local = [&](TimePoint t) { return t + utc_offset; };
    const long long first = day_of(to_local(span.from) - duration) - 1;
    const long long last = day_of(to_local(span.to));
    for (long long d = first; d <= last; ++d) {
        if (!(weekdays & (1u << weekday_of(d)))) continue;
        const TimePoint from = TimePoint(days(d)) + minutes(minute_of_day) -
                               duration_cast<Clock::duration>(utc_offset);
        const Interval occ{from, from + duration};
        if (occ.from < span.to && occ.to > span.from) out.push_back(occ);
    }
    return out;
}

std::optional<Interval> MaintenanceWindow::current(TimePoint t) const {
    for (const auto& occ : occurrences({t, t + Millis(1)}))
        if (occ.contains(t)) return occ;
    return std::nullopt;
}

std::optional<Interval> MaintenanceWindow::next_after(TimePoint t) const {
    if (kind == WindowKind::one_off) {
        if (start > t) return Interval{start, end};
        return std::nullopt;
    }
    // Any weekday set recurs within a week.
    for (const auto& occ : occurrences({t, t + days(8)}))
        if (occ.from > t) return occ;
    return std::nullopt;
}

std::string MaintenanceWindow::schedule_text() const {
    if (kind == WindowKind::one_off)
        return checks::format_rfc3339(start) + " to " + checks::format_rfc3339(end);
    std::string when;
    if (weekdays == kEveryDay) {
        when = "daily";
    } else {
        for (int d = 0; d < 7; ++d)
            if (weekdays & (1u << d)) when += (when.empty() ? "" : ",") + std::string(kDayNames[d]);
    }
    return when + " " + two(minute_of_day / 60) + ":" + two(minute_of_day % 60) + " " +
           offset_text(utc_offset) + " for " + duration_text(duration);
}

std::vector<const MaintenanceWindow*> windows_for(const std::vector<MaintenanceWindow>& windows,
                                                  const std::string& client,
                                                  const std::string& site) {
    std::vector<const MaintenanceWindow*> out;
    for (const auto& w : windows)
        if (w.applies_to(client, site)) out.push_back(&w);
    return out;
}

std::vector<Interval> maintenance_intervals(const std::vector<const MaintenanceWindow*>& windows,
                                            Interval span) {
    std::vector<Interval> all;
    for (const auto* w : windows)
        for (const auto& occ : w->occurrences(span)) all.push_back(occ);
    return merge(clip(all, span));
}

const MaintenanceWindow* active_window(const std::vector<const MaintenanceWindow*>& windows,
                                       TimePoint t) {
    const MaintenanceWindow* best = nullptr;
    TimePoint best_end{};
    for (const auto* w : windows) {
        // The latest end among all covering occurrences of this window.
        for (const auto& occ : w->occurrences({t, t + Millis(1)})) {
            if (!occ.contains(t)) continue;
            if (!best || occ.to > best_end) {
                best = w;
                best_end = occ.to;
            }
        }
    }
    return best;
}

std::optional<TimePoint> parse_rfc3339(const std::string& s) {
    // YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)
    if (s.size() < 20 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' ||
        !digits(s, 8, 2) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2) ||
        s[13] != ':' || !digits(s, 14, 2) || s[16] != ':' || !digits(s, 17, 2))
        return std::nullopt;
    std::size_t pos = 19;
    Millis fraction{0};
    if (s[pos] == '.') {
        std::size_t n = 0;
        int ms = 0;
        ++pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
            if (n < 3) ms = ms * 10 + (s[pos] - '0');
            ++n;
            ++pos;
        }
        if (n == 0) return std::nullopt;
        for (std::size_t k = n; k < 3; ++k) ms *= 10;
        fraction = Millis(ms);
    }
    const auto offset = parse_utc_offset(s.substr(pos));
    if (!offset) return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{year(number(s, 0, 4)), month(static_cast<unsigned>(number(s, 5, 2))),
                             day(static_cast<unsigned>(number(s, 8, 2)))};
    const int hh = number(s, 11, 2), mm = number(s, 14, 2), ss = number(s, 17, 2);
    if (!ymd.ok() || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    return TimePoint(sys_days(ymd)) + hours(hh) + minutes(mm) + seconds(ss) + fraction -
           duration_cast<Clock::duration>(*offset);
}

std::optional<std::uint8_t> parse_weekdays(const std::string& text) {
    const std::string t = lower(trim(text));
    if (t == "daily") return kEveryDay;
    std::uint8_t out = 0;
    std::size_t start = 0;
    while (start <= t.size()) {
        const auto comma = t.find(',', start);
        const std::string name =
            trim(t.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        bool found = false;
        for (int d = 0; d < 7; ++d)
            if (name == kDayNames[d] || name == kFullDayNames[d]) {
                out = static_cast<std::uint8_t>(out | (1u << d));
                found = true;
            }
        if (!found) return std::nullopt;
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (out == 0) return std::nullopt;
    return out;
}

std::optional<int> parse_time_of_day(const std::string& s) {
    if (s.size() != 5 || !digits(s, 0, 2) || s[2] != ':' || !digits(s, 3, 2)) return std::nullopt;
    const int h = number(s, 0, 2), m = number(s, 3, 2);
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::optional<minutes> parse_utc_offset(const std::string& s) {
    if (s == "Z" || s == "z") return minutes(0);
    if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || !digits(s, 1, 2) || s[3] != ':' ||
        !digits(s, 4, 2))
        return std::nullopt;
    const int h = number(s, 1, 2), m = number(s, 4, 2);
    if (m > 59 || h * 60 + m > 14 * 60) return std::nullopt;
    return minutes((s[0] == '-' ? -1 : 1) * (h * 60 + m));
}

}  // namespace sitewatch::maintenance
