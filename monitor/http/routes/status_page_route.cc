// A client's public status page (CONTRACT: GET /status/{client}) and its summary.json-shaped
// twin GET /api/v1/status/{client} (an extension). Public: no token, read-only, and built
// from alerting/status_page, which copies no internal evidence. The client name is matched
// exactly against the configured sites' clients; anything else is 404.
#include <string>

#include "alerting/status_page/status_page.h"
#include "alerting/status_page/status_page_html.h"
#include "alerting/status_page/status_page_json.h"
#include "monitor/http/http_reply.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

namespace {

// The client's page now, or nullopt when no configured site belongs to `client`.
std::optional<status_page::StatusPage> page_of(const std::string& client, const FleetView& fleet,
                                               const IncidentDesk& desk,
                                               const InMaintenance& in_maintenance) {
    const TimePoint now = Clock::now();
    status_page::StatusPageInput input;
    input.client = client;
    for (const auto& s : fleet.sites_of(client))
        input.sites.push_back({s.name, in_maintenance && in_maintenance(s.client, s.name, now)});
    if (input.sites.empty()) return std::nullopt;
    IncidentFilter filter;
    filter.client = client;
    for (auto& snapshot : desk.incidents(filter))
        input.incidents.push_back(std::move(snapshot.incident));
    return status_page::build_status_page(input, now);
}

void public_headers(httplib::Response& res) {
    // No script at all; the one inline style sheet is the page's only resource.
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                   "form-action 'none'; frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-cache");
}

}  // namespace

void register_status_page_route(Router& router, const FleetView& fleet, const IncidentDesk& desk,
                                InMaintenance in_maintenance) {
    router.get(R"(/status/([^/]+))", [&fleet, &desk, in_maintenance](const httplib::Request& req,
                                                                     httplib::Response& res) {
        public_headers(res);
        const auto page = page_of(req.matches[1].str(), fleet, desk, in_maintenance);
        res.status = page ? 200 : 404;
        res.set_content(
            page ? status_page::render_html(*page) : status_page::render_not_found_html(),
            "text/html; charset=utf-8");
    });
    router.get(R"(/api/v1/status/([^/]+))", [&fleet, &desk, in_maintenance](
                                                const httplib::Request& req,
                                                httplib::Response& res) {
        public_headers(res);
        const auto page = page_of(req.matches[1].str(), fleet, desk, in_maintenance);
        if (!page)
            return send_error(
                res, 404, "no status page for client " + clip_for_message(req.matches[1].str()));
        send_json(res, 200, status_page::to_summary_json(*page));
    });
}

}  // namespace sitewatch::http
