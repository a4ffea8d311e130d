#pragma once
// What route handlers may use. The referenced objects outlive the HttpServer and are
// thread-safe: handlers run concurrently on the server's worker threads.
#include "monitor/daemon/fleet_view.h"
#include "monitor/metrics/metrics.h"
#include "monitor/store/store.h"

namespace sitewatch::http {

struct RouteContext {
    FleetView& fleet;
    Metrics& metrics;
    Store& store;
};

}  // namespace sitewatch::http
