#include "monitor/incidents/sla_gathering.h"

#include <algorithm>

namespace sitewatch {

std::optional<TimePoint> FirstCheckCache::first_check(const std::string& site,
                                                      const sla::Month& month) {
    const auto key = std::pair{site, month.text()};
    {
        std::lock_guard lock(mu_);
        if (auto it = known_.find(key); it != known_.end()) return it->second;
    }
    // The first hour with checks, then the first raw result inside it (raw results are pruned
    // sooner than rollups; the hour's start is the fallback).
    const auto hours = store_.hourly_rollups(site, month.start(), month.end());
    auto first = std::find_if(hours.begin(), hours.end(),
                              [](const HourlyRollup& h) { return h.checks > 0; });
    if (first == hours.end()) return std::nullopt;
    TimePoint at = std::max(first->hour, month.start());
    const auto results = store_.results_between(site, at, first->hour + std::chrono::hours(1));
    if (!results.empty()) at = std::max(at, results.front().checked_at);
    std::lock_guard lock(mu_);
    known_[key] = at;
    return at;
}

std::vector<sla::SlaInput> gather_sla_inputs(
    const std::vector<IncidentSnapshot>& incidents, const std::vector<SiteStatus>& sites,
    const std::vector<maintenance::MaintenanceWindow>& windows, const FirstCheckLookup& first_check,
    const sla::Month& month, TimePoint now, const std::string& client) {
    std::vector<sla::SlaInput> out;
    std::map<std::string, std::size_t> index;  // client -> out
    const maintenance::Interval span{month.start(), month.end()};
    for (const auto& s : sites) {
        if (!client.empty() && s.client != client) continue;
        auto [it, fresh] = index.try_emplace(s.client, out.size());
        if (fresh) out.push_back(sla::SlaInput{s.client, month, now, {}, {}});
        sla::SlaSite site;
        site.name = s.name;
        site.url = s.url;
        site.tls_expires_at = s.tls_expires_at;
        site.maintenance = maintenance::maintenance_intervals(
            maintenance::windows_for(windows, s.client, s.name), span);
        if (first_check) site.first_check = first_check(s.name, month);
        out[it->second].sites.push_back(std::move(site));
    }
    if (out.empty()) return out;
    for (const auto& snap : incidents) {
        const Incident& i = snap.incident;
        auto it = index.find(i.client);
        if (it == index.end()) continue;
        // Neither in the month nor overlapping it: irrelevant.
        if (i.started_at >= span.to || (i.resolved_at && *i.resolved_at < span.from)) continue;
        out[it->second].incidents.push_back({i.id, i.site, to_string(i.condition),
                                             to_string(i.severity), i.started_at, i.detected_at,
                                             i.acknowledged_at, i.resolved_at});
    }
    return out;
}

}  // namespace sitewatch
