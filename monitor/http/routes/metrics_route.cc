#include "monitor/http/gzip_encoding.h"
#include "monitor/http/http_reply.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

void register_metrics_route(Router& router, const RouteContext& ctx) {
    // Prometheus 3 refuses scrapes without a valid Content-Type, so it is spelled out in full.
    router.get("/metrics", [ctx](const httplib::Request& req, httplib::Response& res) {
        res.status = 200;
        send_compressible(req, res, ctx.metrics.serialize(), kPrometheusTextType);
    });
}

}  // namespace sitewatch::http
