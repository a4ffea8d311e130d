#include <cmath>
#include <nlohmann/json.hpp>

#include "alerting/sla/sla_document.h"
#include "monitor/http/gzip_encoding.h"
#include "monitor/http/http_reply.h"
#include "monitor/http/json_encoding.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

namespace {

using nlohmann::json;

// Division by the scale (not multiplication by 10000) gives the double nearest the decimal.
json rounded(double v, double scale) { return std::round(v * scale) / scale; }

json optional_number(const std::optional<double>& v, double scale) {
    return v ? rounded(*v, scale) : json(nullptr);
}

json minutes(Millis m) { return rounded(std::chrono::duration<double>(m).count() / 60.0, 100); }

json counts_json(const sla::IncidentCounts& c) {
    return {{"total", c.total},
            {"by_condition", c.by_condition.empty() ? json::object() : json(c.by_condition)},
            {"by_severity", c.by_severity.empty() ? json::object() : json(c.by_severity)}};
}

json stats_json(const sla::SpanStats& s) {
    return {{"mean", optional_number(s.mean, 10)}, {"p90", optional_number(s.p90, 10)}};
}

json site_json(const sla::SiteFigures& f) {
    return {{"site", f.site},
            {"url", f.url},
            {"uptime_percent", optional_number(f.uptime_percent, 10000)},
            {"downtime_minutes", minutes(f.downtime)},
            {"maintenance_minutes", minutes(f.maintenance)},
            {"monitored_minutes", minutes(f.monitored)},
            {"incidents", counts_json(f.incidents)},
            {"time_to_acknowledge_seconds", stats_json(f.time_to_acknowledge)},
            {"time_to_resolve_seconds", stats_json(f.time_to_resolve)},
            {"longest_outage_minutes", minutes(f.longest_outage)},
            {"tls_days_left", f.tls_days_left ? json(*f.tls_days_left) : json(nullptr)}};
}

json client_json(const sla::ClientFigures& f) {
    json sites = json::array();
    for (const auto& s : f.sites) sites.push_back(site_json(s));
    return {{"client", f.client},
            {"uptime_percent", optional_number(f.uptime_percent, 10000)},
            {"downtime_minutes", minutes(f.downtime)},
            {"maintenance_minutes", minutes(f.maintenance)},
            {"incidents", counts_json(f.incidents)},
            {"time_to_acknowledge_seconds", stats_json(f.time_to_acknowledge)},
            {"time_to_resolve_seconds", stats_json(f.time_to_resolve)},
            {"longest_outage_minutes", minutes(f.longest_outage)},
            {"sites", std::move(sites)}};
}

// The month asked for (default: the current one); nullopt after answering 400.
std::optional<sla::Month> month_of_request(const httplib::Request& req, httplib::Response& res,
                                           TimePoint now) {
    const auto text = query_param(req, "month");
    if (!text || text->empty()) return sla::month_of(now);
    auto m = sla::parse_month(*text);
    if (!m) send_error(res, 400, "month must be YYYY-MM, got " + clip_for_message(*text));
    return m;
}

std::vector<sla::SlaInput> gather(const SlaSources& src, const sla::Month& month, TimePoint now,
                                  const std::string& client) {
    IncidentFilter filter;
    filter.client = client;
    return gather_sla_inputs(src.desk.incidents(filter),
                             client.empty() ? src.fleet.sites() : src.fleet.sites_of(client),
                             src.windows(), src.first_check, month, now, client);
}

}  // namespace

void register_sla_routes(Router& router, SlaSources src) {
    router.get("/api/v1/sla", [src](const httplib::Request& req, httplib::Response& res) {
        const TimePoint now = src.now();
        const auto month = month_of_request(req, res, now);
        if (!month) return;
        const std::string client = query_param(req, "client").value_or("");
        const auto inputs = gather(src, *month, now, client);
        if (!client.empty() && inputs.empty())
            return send_error(res, 404, "no such client: " + clip_for_message(client));
        json clients = json::array();
        for (const auto& in : inputs) clients.push_back(client_json(sla::compute_sla(in)));
        const json body = {{"month", month->text()},
                           {"from", format_rfc3339(month->start())},
                           {"to", format_rfc3339(month->end())},
                           {"definition", sla::kSlaDefinition},
                           {"clients", std::move(clients)}};
        res.status = 200;
        send_compressible(req, res, body.dump(-1, ' ', false, json::error_handler_t::replace),
                          kJsonType);
    });

    router.get("/api/v1/sla/([^/]+)/report",
               [src](const httplib::Request& req, httplib::Response& res) {
                   const TimePoint now = src.now();
                   const auto month = month_of_request(req, res, now);
                   if (!month) return;
                   const auto format = query_param(req, "format").value_or("md");
                   if (format != "md" && format != "html")
                       return send_error(res, 400, "format must be md or html");
                   const std::string client = req.matches[1].str();
                   const auto inputs = gather(src, *month, now, client);
                   if (inputs.empty())
                       return send_error(res, 404, "no such client: " + clip_for_message(client));
                   const auto figures = sla::compute_sla(inputs.front());
                   res.status = 200;
                   if (format == "html")
                       res.set_content(sla::render_sla_html(figures, inputs.front()),
                                       "text/html; charset=utf-8");
                   else
                       res.set_content(sla::render_sla_markdown(figures, inputs.front()),
                                       "text/markdown; charset=utf-8");
               });
}

}  // namespace sitewatch::http
