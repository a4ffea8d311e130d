#pragma once
// The contract's sitewatch_* metrics on one prometheus-cpp registry. Per-site children are
// cached (prometheus-cpp's Add() is slow on a hot path) and removed when a site goes.
// Thread-safe.
#include <memory>
#include <string>
#include <vector>

#include "checks/model/finding.h"
#include "monitor/daemon/site_status.h"

namespace prometheus {
class Registry;
}

namespace sitewatch {

class Metrics {
public:
    explicit Metrics(const std::string& version);
    ~Metrics();

    // After every check: probe_success, durations, phases, status code, cert expiry,
    // site_condition (one series per condition), checks_total{result}.
    void record_check(const SiteStatus& status);
    void observe_scheduler_lag(double seconds);
    // Incidents: the open count of every (client, condition, severity) given replaces the
    // previous picture (a combination no longer given drops to 0), and one opening counted.
    struct IncidentCount {
        std::string client, condition, severity;
        int open = 0;
    };
    void set_open_incidents(const std::vector<IncidentCount>& counts);
    void incident_opened(const std::string& client, const std::string& condition,
                         const std::string& severity);
    // Extension: time from the first failing check to acknowledgement / resolution (auto or
    // by hand), sitewatch_incident_time_to_{acknowledge,resolve}_seconds histograms.
    void incident_acknowledged(const std::string& client, const std::string& condition,
                               const std::string& severity, double seconds);
    void incident_resolved(const std::string& client, const std::string& condition,
                           const std::string& severity, double seconds);
    // Extension: sitewatch_maintenance_active{client,site}, 1 inside a maintenance window.
    void set_maintenance_active(const std::string& client, const std::string& site, bool active);
    // A notification's final outcome: result "sent" or "failed"; channel is the outbox target.
    void notification_finished(const std::string& channel, bool sent);
    // Creates the incident and notification series at 0 for every configured client (each
    // condition and severity) and channel, without touching existing values: a counter that
    // appears only at its first increment hides that increment from increase() and rate().
    void declare_incident_series(const std::vector<std::string>& clients,
                                 const std::vector<std::string>& channels);

    // Drops every series of a site that left the config.
    void remove_site(const std::string& client, const std::string& site);

    // Prometheus text exposition format 0.0.4.
    std::string serialize() const;
    std::shared_ptr<prometheus::Registry> registry() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sitewatch
