#include <nlohmann/json.hpp>

#include "monitor/http/http_reply.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

void register_health_routes(Router& router, const RouteContext& ctx) {
    // Liveness: answering at all is the proof.
    router.get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        send_json(res, 200, {{"status", "ok"}});
    });
    // Readiness: the daemon has loaded its state and started checking.
    router.get("/readyz", [ctx](const httplib::Request&, httplib::Response& res) {
        if (ctx.fleet.ready())
            send_json(res, 200, {{"status", "ok"}});
        else
            send_error(res, 503, "not ready");
    });
}

}  // namespace sitewatch::http
