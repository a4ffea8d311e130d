#pragma once
// Gathers what the SLA arithmetic (alerting/sla/) needs from the running daemon: incidents
// from the IncidentDesk (held in memory), sites and certificate expiry from the fleet,
// maintenance windows from the config, and each site's first stored check of the month.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "alerting/maintenance/maintenance_window.h"
#include "alerting/sla/sla_report.h"
#include "monitor/daemon/site_status.h"
#include "monitor/incidents/incident_desk.h"
#include "monitor/store/store.h"

namespace sitewatch {

// The first stored check of a site within a month, read from the store once and remembered
// (the first check of a month never changes once there is one), so that asking for a month
// again reads nothing.
class FirstCheckCache {
public:
    explicit FirstCheckCache(Store& store) : store_(store) {}
    std::optional<TimePoint> first_check(const std::string& site, const sla::Month& month);

private:
    Store& store_;
    std::mutex mu_;
    std::map<std::pair<std::string, std::string>, TimePoint> known_;
};

using FirstCheckLookup =
    std::function<std::optional<TimePoint>(const std::string& site, const sla::Month& month)>;

// One SlaInput per client of `sites` (config order), or only `client` when it is not empty
// (no entry when no site belongs to it). `incidents`: any order, other clients' ignored.
std::vector<sla::SlaInput> gather_sla_inputs(
    const std::vector<IncidentSnapshot>& incidents, const std::vector<SiteStatus>& sites,
    const std::vector<maintenance::MaintenanceWindow>& windows, const FirstCheckLookup& first_check,
    const sla::Month& month, TimePoint now, const std::string& client);

}  // namespace sitewatch
