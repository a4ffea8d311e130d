#include "monitor/http/blackbox_probe.h"
#include "monitor/http/http_reply.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

void register_probe_route(Router& router, const RouteContext& ctx) {
    // Only configured sites, and only their latest stored result: this endpoint never fetches
    // anything, so it cannot be used as an open proxy or a port scanner.
    router.get("/probe", [ctx](const httplib::Request& req, httplib::Response& res) {
        const auto target = query_param(req, "target");
        if (!target || target->empty()) {
            send_error(res, 400, "missing target: /probe?target=<site name or URL>");
            return;
        }
        const auto site = ctx.fleet.site(*target);
        if (!site) {
            send_error(res, 404, "target is not a configured site: " + clip_for_message(*target));
            return;
        }
        // Not probe_success 0: "not checked yet" is not "down", and a 0 right after every
        // restart would fire blackbox-style ProbeFailed alerts. A failed scrape (up == 0)
        // says "no data" honestly.
        if (!site->has_response) {
            res.set_header("Retry-After", "5");
            send_error(res, 503, "site " + site->name + " has not been checked yet");
            return;
        }
        res.status = 200;
        res.set_content(render_blackbox_probe(*site), kPrometheusTextType);
    });
}

}  // namespace sitewatch::http
