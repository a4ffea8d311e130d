#include <nlohmann/json.hpp>
#include <string>

#include "monitor/http/http_reply.h"
#include "monitor/http/json_encoding.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

namespace {

// POST /api/v1/sites/{name}/baseline. 200 {"site", "accepted_at", "message"}; 404 for a site
// that is not configured; 409 when there is no HTML page to accept yet; 501 when the fleet
// keeps no baselines. Token-checked by the router like every POST.
void accept_baseline(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1].str();
    const auto site = ctx.fleet.site(name);
    if (!site || site->name != name) {  // site() also matches URLs; this route takes names
        send_error(res, 404, "no such site: " + clip_for_message(name));
        return;
    }
    const BaselineAcceptance a = ctx.fleet.accept_baseline(site->name);
    using Outcome = BaselineAcceptance::Outcome;
    switch (a.outcome) {
        case Outcome::accepted:
            send_json(res, 200,
                      {{"site", site->name},
                       {"accepted_at", time_or_null(a.accepted_at)},
                       {"message", a.message}});
            return;
        case Outcome::unknown_site:  // removed by a reload since the lookup above
            send_error(res, 404,
                       a.message.empty() ? "no such site: " + clip_for_message(name) : a.message);
            return;
        case Outcome::no_page_yet:
            send_error(
                res, 409,
                a.message.empty() ? "no page of " + site->name + " to accept yet" : a.message);
            return;
        case Outcome::not_html:
            send_error(res, 409,
                       a.message.empty() ? "the latest page of " + site->name + " is not HTML"
                                         : a.message);
            return;
        case Outcome::unsupported:
            send_error(res, 501,
                       a.message.empty() ? "content baselines are not supported" : a.message);
            return;
    }
    send_error(res, 500, "unexpected baseline outcome");
}

}  // namespace

void register_baseline_route(Router& router, const RouteContext& ctx) {
    router.post("/api/v1/sites/([^/]+)/baseline",
                [ctx](const httplib::Request& req, httplib::Response& res) {
                    accept_baseline(ctx, req, res);
                });
}

}  // namespace sitewatch::http
