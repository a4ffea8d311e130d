#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "monitor/http/baseline_encoding.h"
#include "monitor/http/gzip_encoding.h"
#include "monitor/http/http_reply.h"
#include "monitor/http/json_encoding.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

namespace {

constexpr std::size_t kDefaultResults = 50;
constexpr std::size_t kMaxResults = 1000;

std::optional<SiteHealth> parse_health(const std::string& s) {
    for (SiteHealth h :
         {SiteHealth::pending, SiteHealth::up, SiteHealth::degraded, SiteHealth::down})
        if (s == to_string(h)) return h;
    return std::nullopt;
}

// GET /api/v1/sites[?client=&status=&limit=&offset=]. One FleetView snapshot, no
// store access and no JSON DOM, so it stays fast with 10,000 sites.
void list_sites(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res) {
    const auto client = query_param(req, "client");
    std::optional<SiteHealth> health;
    if (auto s = query_param(req, "status")) {
        health = parse_health(*s);
        if (!health) {
            send_error(res, 400, "status must be one of pending, up, degraded, down");
            return;
        }
    }
    std::size_t offset = 0;
    if (auto s = query_param(req, "offset")) {
        auto v = parse_count(*s);
        if (!v) {
            send_error(res, 400, "offset must be a non-negative integer");
            return;
        }
        offset = *v;
    }
    std::optional<std::size_t> limit;
    if (auto s = query_param(req, "limit")) {
        limit = parse_count(*s);
        if (!limit) {
            send_error(res, 400, "limit must be a non-negative integer");
            return;
        }
    }

    const std::vector<SiteStatus> all = client ? ctx.fleet.sites_of(*client) : ctx.fleet.sites();
    std::string body;
    body.reserve(64 + 256 * std::min(all.size(), limit.value_or(all.size())));
    body += "{\"sites\":[";
    std::size_t total = 0, listed = 0;
    for (const auto& s : all) {
        if (client && s.client != *client) continue;
        if (health && s.health != *health) continue;
        const std::size_t index = total++;
        if (index < offset || (limit && index - offset >= *limit)) continue;
        if (listed++ > 0) body += ',';
        append_site_json(body, s);
    }
    body += "],\"total\":" + std::to_string(total) + "}";
    res.status = 200;
    send_compressible(req, res, std::move(body), kJsonType);
}

// GET /api/v1/sites/{name}/results[?limit=], newest first.
void site_results(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1].str();
    std::size_t limit = kDefaultResults;
    if (auto s = query_param(req, "limit")) {
        auto v = parse_count(*s);
        if (!v || *v < 1 || *v > kMaxResults) {
            send_error(res, 400, "limit must be an integer from 1 to 1000");
            return;
        }
        limit = *v;
    }
    const auto site = ctx.fleet.site(name);
    if (!site) {
        send_error(res, 404, "no such site: " + clip_for_message(name));
        return;
    }
    auto results = nlohmann::json::array();
    for (const auto& r : ctx.store.recent_results(site->name, limit))
        results.push_back(check_record_to_json(r));
    send_json(res, 200,
              {{"site", site->name}, {"client", site->client}, {"results", std::move(results)}});
}

// GET /api/v1/sites/{name}/baseline: the content baseline's facts (null before learning).
void site_baseline(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1].str();
    const auto site = ctx.fleet.site(name);
    if (!site || site->name != name) {  // site() also matches URLs; this route takes names
        send_error(res, 404, "no such site: " + clip_for_message(name));
        return;
    }
    send_json(res, 200, baseline_facts_to_json(*site, ctx.fleet.content_baseline(name).get()));
}

}  // namespace

void register_sites_routes(Router& router, const RouteContext& ctx) {
    router.get("/api/v1/sites", [ctx](const httplib::Request& req, httplib::Response& res) {
        list_sites(ctx, req, res);
    });
    router.get("/api/v1/sites/([^/]+)/results",
               [ctx](const httplib::Request& req, httplib::Response& res) {
                   site_results(ctx, req, res);
               });
    router.get("/api/v1/sites/([^/]+)/baseline",
               [ctx](const httplib::Request& req, httplib::Response& res) {
                   site_baseline(ctx, req, res);
               });
}

}  // namespace sitewatch::http
