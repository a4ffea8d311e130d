#pragma once
// The built-in endpoints, one file each. HttpServer registers them in this order.
#include <functional>
#include <vector>

#include "alerting/maintenance/maintenance_window.h"
#include "monitor/http/route_context.h"
#include "monitor/http/router.h"
#include "monitor/incidents/incident_desk.h"
#include "monitor/incidents/sla_gathering.h"

namespace sitewatch::http {

// GET /healthz (always 200 while serving), GET /readyz (503 until the fleet is ready).
void register_health_routes(Router& router, const RouteContext& ctx);
// GET /metrics: the sitewatch_* registry in Prometheus text format 0.0.4.
void register_metrics_route(Router& router, const RouteContext& ctx);
// GET /api/v1/sites, GET /api/v1/sites/{name}/results and GET /api/v1/sites/{name}/baseline.
void register_sites_routes(Router& router, const RouteContext& ctx);
// POST /api/v1/sites/{name}/baseline: accepts the site's current content as its baseline.
void register_baseline_route(Router& router, const RouteContext& ctx);
// GET /probe?target=: blackbox_exporter output of a configured site's latest check.
void register_probe_route(Router& router, const RouteContext& ctx);
// GET / and /ui/...: the operator web UI (embedded files from monitor/ui/assets).
void register_ui_routes(Router& router);

// GET/POST /api/v1/incidents...: list, show, ack, resolve, notes, debrief, report.
void register_incident_routes(Router& router, IncidentDesk& desk);
// GET/POST /ack/{token}: the signed one-click acknowledgement links.
void register_ack_link_route(Router& router, IncidentDesk& desk);
// GET /status/{client} (HTML) and GET /api/v1/status/{client} (summary.json shape): a client's
// public status page, no token. `in_maintenance(client, site, now)` says whether a site is in
// a maintenance window; empty: never.
using InMaintenance =
    std::function<bool(const std::string& client, const std::string& site, TimePoint now)>;
void register_status_page_route(Router& router, const FleetView& fleet, const IncidentDesk& desk,
                                InMaintenance in_maintenance);

// Extension (issue 5 items 5 and 6): the current config's maintenance windows, and the clock.
using MaintenanceSource = std::function<std::vector<maintenance::MaintenanceWindow>()>;
using NowSource = std::function<TimePoint()>;
// GET /api/v1/maintenance: every configured window, whether it is active, its next occurrence.
void register_maintenance_route(Router& router, MaintenanceSource windows, NowSource now);
// GET /api/v1/sla?month=YYYY-MM[&client=] (figures) and GET /api/v1/sla/{client}/report
// ?month=&format=md|html (the monthly client report).
struct SlaSources {
    FleetView& fleet;
    const IncidentDesk& desk;
    MaintenanceSource windows;
    FirstCheckLookup first_check;
    NowSource now;
};
void register_sla_routes(Router& router, SlaSources sources);

}  // namespace sitewatch::http
