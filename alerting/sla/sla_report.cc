#include "alerting/sla/sla_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace sitewatch::sla {

const char* const kSlaDefinition =
    "uptime by time = 1 - downtime / (monitored time - maintenance time); downtime = time "
    "covered by critical incidents of condition down or error (the site not serving its "
    "content), from the incident's first failing check to its resolution (or now), clipped to "
    "the month and the monitored time, minus maintenance; monitored time = from the site's "
    "first stored check in the month (or the month's start) to the month's end or now; other "
    "conditions (defaced, malformed, security, slow, certificate...) count as incidents but "
    "not as downtime";

namespace {

using maintenance::Interval;
using std::chrono::duration;
using std::chrono::duration_cast;

bool is_downtime(const SlaIncident& i) {
    return i.severity == "critical" && (i.condition == "down" || i.condition == "error");
}

double seconds(Millis m) { return duration<double>(m).count(); }

SpanStats stats(const std::vector<double>& values) {
    SpanStats s;
    if (values.empty()) return s;
    s.mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
    s.p90 = percentile(values, 90);
    return s;
}

void count(IncidentCounts& c, const SlaIncident& i) {
    ++c.total;
    ++c.by_condition[i.condition];
    ++c.by_severity[i.severity];
}

std::optional<double> uptime(Millis monitored, Millis maintenance, Millis downtime) {
    const Millis counted = monitored - maintenance;
    if (counted <= Millis(0)) return std::nullopt;
    return 100.0 * (1.0 - static_cast<double>(downtime.count()) / counted.count());
}

Millis longest(const std::vector<Interval>& merged) {
    Millis best{0};
    for (const auto& i : merged) best = std::max(best, i.length());
    return best;
}

}  // namespace

TimePoint Month::start() const {
    using namespace std::chrono;
    return TimePoint(sys_days(
        year_month_day{std::chrono::year(year), std::chrono::month(month), std::chrono::day(1)}));
}

TimePoint Month::end() const {
    return month == 12 ? Month{year + 1, 1}.start() : Month{year, month + 1}.start();
}

std::string Month::text() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u", year, month);
    return buf;
}

std::optional<Month> parse_month(const std::string& t) {
    if (t.size() != 7 || t[4] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    const int year = std::stoi(t.substr(0, 4));
    const int month = std::stoi(t.substr(5, 2));
    if (year < 2000 || year > 2999 || month < 1 || month > 12) return std::nullopt;
    return Month{year, static_cast<unsigned>(month)};
}

Month month_of(TimePoint t) {
    using namespace std::chrono;
    const year_month_day ymd{floor<days>(t)};
    return Month{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())};
}

std::optional<double> percentile(std::vector<double> values, double p) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * values.size()));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

int days_left(TimePoint expires_at, TimePoint now) {
    return static_cast<int>(std::chrono::floor<std::chrono::days>(expires_at - now).count());
}

ClientFigures compute_sla(const SlaInput& in) {
    ClientFigures c;
    c.client = in.client;
    c.month = in.month;
    c.from = in.month.start();
    c.to = in.month.end();
    const TimePoint until = std::min(c.to, in.now);
    std::vector<double> client_tta, client_ttr;

    for (const auto& site : in.sites) {
        SiteFigures f;
        f.site = site.name;
        f.url = site.url;
        const TimePoint watched_from = std::max(c.from, site.first_check.value_or(c.from));
        const Interval monitored{watched_from, std::max(watched_from, until)};
        f.monitored = monitored.length();
        const auto maint = maintenance::merge(maintenance::clip(site.maintenance, monitored));
        f.maintenance = maintenance::total_length(maint);

        std::vector<Interval> down;
        std::vector<double> tta, ttr;
        for (const auto& i : in.incidents) {
            if (i.site != site.name) continue;
            if (is_downtime(i)) down.push_back({i.started_at, i.resolved_at.value_or(in.now)});
            // Counted in the month the incident opened.
            if (i.opened_at < c.from || i.opened_at >= c.to) continue;
            count(f.incidents, i);
            f.incident_ids.push_back(i.id);
            if (i.acknowledged_at)
                tta.push_back(seconds(duration_cast<Millis>(*i.acknowledged_at - i.started_at)));
            if (i.resolved_at)
                ttr.push_back(seconds(duration_cast<Millis>(*i.resolved_at - i.started_at)));
        }
        std::sort(f.incident_ids.begin(), f.incident_ids.end());
        const auto outage =
            maintenance::subtract(maintenance::merge(maintenance::clip(down, monitored)), maint);
        f.downtime = maintenance::total_length(outage);
        f.longest_outage = longest(outage);
        f.uptime_percent = uptime(f.monitored, f.maintenance, f.downtime);
        f.time_to_acknowledge = stats(tta);
        f.time_to_resolve = stats(ttr);
        if (site.tls_expires_at) f.tls_days_left = days_left(*site.tls_expires_at, in.now);

        c.monitored += f.monitored;
        c.maintenance += f.maintenance;
        c.downtime += f.downtime;
        c.longest_outage = std::max(c.longest_outage, f.longest_outage);
        c.incidents.total += f.incidents.total;
        for (const auto& [k, n] : f.incidents.by_condition) c.incidents.by_condition[k] += n;
        for (const auto& [k, n] : f.incidents.by_severity) c.incidents.by_severity[k] += n;
        client_tta.insert(client_tta.end(), tta.begin(), tta.end());
        client_ttr.insert(client_ttr.end(), ttr.begin(), ttr.end());
        c.sites.push_back(std::move(f));
    }
    c.uptime_percent = uptime(c.monitored, c.maintenance, c.downtime);
    c.time_to_acknowledge = stats(client_tta);
    c.time_to_resolve = stats(client_ttr);
    return c;
}

}  // namespace sitewatch::sla
