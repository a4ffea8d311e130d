#include "monitor/metrics/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <cstddef>
#include <map>
#include <mutex>
#include <unordered_map>

#include "monitor/metrics/probe_outcome.h"
#include "monitor/metrics/text_exposition.h"

namespace sitewatch {

namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;
using prometheus::Labels;

constexpr std::size_t kConditionCount = std::size(kAllConditions);

// The contract's phase label values, in PhaseTimings order.
constexpr std::array<const char*, 5> kPhases = {"dns", "connect", "tls", "processing", "transfer"};

// Scheduler lag is normally a few milliseconds; seconds mean the process is overloaded.
const Histogram::BucketBoundaries kLagBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                 0.25,  0.5,    1.0,   2.5,  5.0,   10.0, 30.0};

// Time to acknowledge / resolve: from half a minute (an engineer at the desk) to a day.
const Histogram::BucketBoundaries kIncidentSpanBuckets = {30,   60,   120,  300,   600,   900,
                                                          1800, 3600, 7200, 14400, 43200, 86400};

// The cached children of one site, so that a check never goes through Family::Add's
// label-map lookup.
struct SiteSeries {
    Gauge* success = nullptr;
    Gauge* duration = nullptr;
    std::array<Gauge*, kPhases.size()> phases{};
    Gauge* status_code = nullptr;
    Gauge* cert_expiry = nullptr;  // only while the site is https with a known chain
    Gauge* similarity = nullptr;   // only while the site has a trusted content baseline
    std::array<Gauge*, kConditionCount> conditions{};
    Counter* pass = nullptr;
    Counter* fail = nullptr;
};

std::string site_key(const std::string& client, const std::string& site) {
    std::string key = client;
    key.push_back('\0');  // cannot occur in either name, so keys never collide
    key += site;
    return key;
}

}  // namespace

struct Metrics::Impl {
    std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();

    Family<Gauge>& probe_success =
        prometheus::BuildGauge()
            .Name("sitewatch_probe_success")
            .Help("1 if the latest check of the site found nothing critical, else 0")
            .Register(*registry);
    Family<Gauge>& probe_duration = prometheus::BuildGauge()
                                        .Name("sitewatch_probe_duration_seconds")
                                        .Help("Duration of the latest check of the site")
                                        .Register(*registry);
    Family<Gauge>& phase_duration =
        prometheus::BuildGauge()
            .Name("sitewatch_probe_phase_duration_seconds")
            .Help("Duration of the latest check by phase, summed over redirects")
            .Register(*registry);
    Family<Gauge>& http_status = prometheus::BuildGauge()
                                     .Name("sitewatch_http_status_code")
                                     .Help("HTTP status of the latest check, 0 if none")
                                     .Register(*registry);
    Family<Gauge>& cert_expiry =
        prometheus::BuildGauge()
            .Name("sitewatch_tls_cert_expiry_timestamp_seconds")
            .Help("Earliest not-after of the site's certificate chain, in Unix seconds")
            .Register(*registry);
    Family<Gauge>& content_similarity =
        prometheus::BuildGauge()
            .Name("sitewatch_content_similarity_ratio")
            .Help(
                "Share of the learned-stable text blocks of the site's baseline on the latest "
                "page (1 = as the baseline)")
            .Register(*registry);
    Family<Gauge>& site_condition =
        prometheus::BuildGauge()
            .Name("sitewatch_site_condition")
            .Help("1 if the latest check has a finding of this condition, else 0")
            .Register(*registry);
    Family<Counter>& checks_total = prometheus::BuildCounter()
                                        .Name("sitewatch_checks_total")
                                        .Help("Checks run, by result (fail = a critical finding)")
                                        .Register(*registry);
    Family<Histogram>& scheduler_lag_family =
        prometheus::BuildHistogram()
            .Name("sitewatch_scheduler_lag_seconds")
            .Help("How late the scheduler started checks relative to their due time")
            .Register(*registry);
    Histogram& scheduler_lag = scheduler_lag_family.Add({}, kLagBuckets);
    Family<Gauge>& build_info = prometheus::BuildGauge()
                                    .Name("sitewatch_build_info")
                                    .Help("Always 1; the version label says which build runs")
                                    .Register(*registry);

    Family<Gauge>& incidents_open = prometheus::BuildGauge()
                                        .Name("sitewatch_incidents_open")
                                        .Help("Incidents open or acknowledged, not yet resolved")
                                        .Register(*registry);
    Family<Counter>& incidents_opened =
        prometheus::BuildCounter()
            .Name("sitewatch_incidents_opened_total")
            .Help("Incidents opened (a recurrence that reopens one is not counted again)")
            .Register(*registry);
    Family<Counter>& notifications =
        prometheus::BuildCounter()
            .Name("sitewatch_notifications_total")
            .Help("Notifications finished, by outbox target and result (sent, failed)")
            .Register(*registry);

    Family<Histogram>& time_to_acknowledge =
        prometheus::BuildHistogram()
            .Name("sitewatch_incident_time_to_acknowledge_seconds")
            .Help("From an incident's first failing check to its acknowledgement")
            .Register(*registry);
    Family<Histogram>& time_to_resolve =
        prometheus::BuildHistogram()
            .Name("sitewatch_incident_time_to_resolve_seconds")
            .Help("From an incident's first failing check to its resolution (auto or by hand)")
            .Register(*registry);
    Family<Gauge>& maintenance_active =
        prometheus::BuildGauge()
            .Name("sitewatch_maintenance_active")
            .Help("1 while the site is inside a maintenance window (nothing is paged), else 0")
            .Register(*registry);

    std::mutex incidents_mu;  // guards open_series
    std::map<std::string, Gauge*> open_series;

    std::mutex maintenance_mu;  // guards maintenance_series
    std::unordered_map<std::string, Gauge*> maintenance_series;

    std::mutex mu;  // guards sites
    std::unordered_map<std::string, SiteSeries> sites;

    SiteSeries& series_for(const std::string& client, const std::string& site) {
        auto [it, inserted] = sites.try_emplace(site_key(client, site));
        SiteSeries& s = it->second;
        if (!inserted) return s;
        const Labels base{{"client", client}, {"site", site}};
        s.success = &probe_success.Add(base);
        s.duration = &probe_duration.Add(base);
        s.status_code = &http_status.Add(base);
        for (std::size_t i = 0; i < kPhases.size(); ++i) {
            Labels l = base;
            l.emplace("phase", kPhases[i]);
            s.phases[i] = &phase_duration.Add(l);
        }
        for (std::size_t i = 0; i < kConditionCount; ++i) {
            Labels l = base;
            l.emplace("condition", to_string(kAllConditions[i]));
            s.conditions[i] = &site_condition.Add(l);
        }
        // Both results exist from the first check on, so rate() ratios never miss a series.
        Labels pass = base, fail = base;
        pass.emplace("result", "pass");
        fail.emplace("result", "fail");
        s.pass = &checks_total.Add(pass);
        s.fail = &checks_total.Add(fail);
        return s;
    }
};

Metrics::Metrics(const std::string& version) : impl_(std::make_unique<Impl>()) {
    impl_->build_info.Add({{"version", version}}).Set(1);
}

Metrics::~Metrics() = default;

void Metrics::record_check(const SiteStatus& status) {
    const bool passed = probe_passed(status);
    std::array<bool, kConditionCount> present{};
    for (const auto& f : status.findings)
        for (std::size_t i = 0; i < kConditionCount; ++i)
            if (kAllConditions[i] == f.condition) present[i] = true;
    const auto expiry = earliest_cert_expiry(status);

    std::lock_guard lock(impl_->mu);
    SiteSeries& s = impl_->series_for(status.client, status.name);
    s.success->Set(passed ? 1 : 0);
    (passed ? s.pass : s.fail)->Increment();
    for (std::size_t i = 0; i < kConditionCount; ++i) s.conditions[i]->Set(present[i] ? 1 : 0);

    if (status.has_response) {
        const Response& r = status.last_response;
        s.duration->Set(r.total_seconds);
        s.status_code->Set(r.http_status);
        const std::array<double, kPhases.size()> phases = {
            r.phases.dns, r.phases.connect, r.phases.tls, r.phases.processing, r.phases.transfer};
        for (std::size_t i = 0; i < kPhases.size(); ++i) s.phases[i]->Set(phases[i]);
    }

    if (expiry) {
        if (!s.cert_expiry)
            s.cert_expiry =
                &impl_->cert_expiry.Add({{"client", status.client}, {"site", status.name}});
        s.cert_expiry->Set(to_unix_seconds(*expiry));
    } else if (s.cert_expiry) {
        // A site moved to plain http, or never had a chain: a stale expiry would mislead alerts.
        impl_->cert_expiry.Remove(s.cert_expiry);
        s.cert_expiry = nullptr;
    }

    // Only a check that read a page against a trusted baseline moves the ratio; a failed
    // fetch keeps the last known value rather than reporting 0 or dropping the series.
    if (status.content_similarity) {
        if (!s.similarity)
            s.similarity =
                &impl_->content_similarity.Add({{"client", status.client}, {"site", status.name}});
        s.similarity->Set(*status.content_similarity);
    }
}

void Metrics::set_open_incidents(const std::vector<IncidentCount>& counts) {
    std::lock_guard lock(impl_->incidents_mu);
    std::map<std::string, int> now;
    for (const auto& c : counts) {
        const std::string key = c.client + '\0' + c.condition + '\0' + c.severity;
        auto it = impl_->open_series.find(key);
        if (it == impl_->open_series.end())
            it = impl_->open_series
                     .emplace(key, &impl_->incidents_open.Add({{"client", c.client},
                                                               {"condition", c.condition},
                                                               {"severity", c.severity}}))
                     .first;
        now[key] += c.open;
    }
    // Series that were open once stay at 0 rather than vanish, so a graph shows the drop.
    for (auto& [key, gauge] : impl_->open_series) {
        auto it = now.find(key);
        gauge->Set(it == now.end() ? 0 : it->second);
    }
}

void Metrics::incident_opened(const std::string& client, const std::string& condition,
                              const std::string& severity) {
    impl_->incidents_opened
        .Add({{"client", client}, {"condition", condition}, {"severity", severity}})
        .Increment();
}

void Metrics::incident_acknowledged(const std::string& client, const std::string& condition,
                                    const std::string& severity, double seconds) {
    impl_->time_to_acknowledge
        .Add({{"client", client}, {"condition", condition}, {"severity", severity}},
             kIncidentSpanBuckets)
        .Observe(seconds > 0 ? seconds : 0.0);
}

void Metrics::incident_resolved(const std::string& client, const std::string& condition,
                                const std::string& severity, double seconds) {
    impl_->time_to_resolve
        .Add({{"client", client}, {"condition", condition}, {"severity", severity}},
             kIncidentSpanBuckets)
        .Observe(seconds > 0 ? seconds : 0.0);
}

void Metrics::set_maintenance_active(const std::string& client, const std::string& site,
                                     bool active) {
    std::lock_guard lock(impl_->maintenance_mu);
    auto [it, inserted] = impl_->maintenance_series.try_emplace(site_key(client, site), nullptr);
    if (inserted) it->second = &impl_->maintenance_active.Add({{"client", client}, {"site", site}});
    it->second->Set(active ? 1 : 0);
}

void Metrics::notification_finished(const std::string& channel, bool sent) {
    impl_->notifications.Add({{"channel", channel}, {"result", sent ? "sent" : "failed"}})
        .Increment();
}

void Metrics::declare_incident_series(const std::vector<std::string>& clients,
                                      const std::vector<std::string>& channels) {
    std::lock_guard lock(impl_->incidents_mu);
    for (const auto& client : clients)
        for (const Condition condition : kAllConditions)
            for (const Severity severity : {Severity::critical, Severity::warning}) {
                const prometheus::Labels labels{{"client", client},
                                                {"condition", to_string(condition)},
                                                {"severity", to_string(severity)}};
                impl_->incidents_opened.Add(labels);  // Add() returns an existing child as is
                const std::string key =
                    client + '\0' + to_string(condition) + '\0' + to_string(severity);
                if (!impl_->open_series.contains(key))
                    impl_->open_series.emplace(key, &impl_->incidents_open.Add(labels));
            }
    for (const auto& channel : channels)
        for (const char* result : {"sent", "failed"})
            impl_->notifications.Add({{"channel", channel}, {"result", result}});
}

void Metrics::observe_scheduler_lag(double seconds) {
    // A clock step can make lag negative (or NaN from bad arithmetic); count it as on time.
    impl_->scheduler_lag.Observe(seconds > 0 ? seconds : 0.0);
}

void Metrics::remove_site(const std::string& client, const std::string& site) {
    {
        std::lock_guard lock(impl_->maintenance_mu);
        auto m = impl_->maintenance_series.find(site_key(client, site));
        if (m != impl_->maintenance_series.end()) {
            impl_->maintenance_active.Remove(m->second);
            impl_->maintenance_series.erase(m);
        }
    }
    std::lock_guard lock(impl_->mu);
    auto it = impl_->sites.find(site_key(client, site));
    if (it == impl_->sites.end()) return;
    SiteSeries& s = it->second;
    impl_->probe_success.Remove(s.success);
    impl_->probe_duration.Remove(s.duration);
    impl_->http_status.Remove(s.status_code);
    for (Gauge* g : s.phases) impl_->phase_duration.Remove(g);
    for (Gauge* g : s.conditions) impl_->site_condition.Remove(g);
    if (s.cert_expiry) impl_->cert_expiry.Remove(s.cert_expiry);
    if (s.similarity) impl_->content_similarity.Remove(s.similarity);
    impl_->checks_total.Remove(s.pass);
    impl_->checks_total.Remove(s.fail);
    impl_->sites.erase(it);
}

std::string Metrics::serialize() const {
    return render_text_exposition(impl_->registry->Collect());
}

std::shared_ptr<prometheus::Registry> Metrics::registry() const { return impl_->registry; }

}  // namespace sitewatch
