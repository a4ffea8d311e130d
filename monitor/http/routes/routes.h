#pragma once
// The built-in endpoints, one file each. HttpServer registers them in this order.
#include "monitor/http/route_context.h"
#include "monitor/http/router.h"
#include "monitor/incidents/incident_desk.h"

namespace sitewatch::http {

// GET /healthz (always 200 while serving), GET /readyz (503 until the fleet is ready).
void register_health_routes(Router& router, const RouteContext& ctx);
// GET /metrics: the sitewatch_* registry in Prometheus text format 0.0.4.
void register_metrics_route(Router& router, const RouteContext& ctx);
// GET /api/v1/sites and GET /api/v1/sites/{name}/results.
void register_sites_routes(Router& router, const RouteContext& ctx);
// POST /api/v1/sites/{name}/baseline: accepts the site's current content as its baseline.
void register_baseline_route(Router& router, const RouteContext& ctx);
// GET /probe?target=: blackbox_exporter output of a configured site's latest check.
void register_probe_route(Router& router, const RouteContext& ctx);

// GET/POST /api/v1/incidents...: list, show, ack, resolve, notes, debrief, report.
void register_incident_routes(Router& router, IncidentDesk& desk);
// GET/POST /ack/{token}: the signed one-click acknowledgement links.
void register_ack_link_route(Router& router, IncidentDesk& desk);

}  // namespace sitewatch::http
