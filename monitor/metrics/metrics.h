#pragma once
// The contract's sitewatch_* metrics on one prometheus-cpp registry. Per-site children are
// cached (prometheus-cpp's Add() is slow on a hot path) and removed when a site goes.
// Thread-safe.
#include <memory>
#include <string>

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
