#include <nlohmann/json.hpp>

#include "monitor/http/http_reply.h"
#include "monitor/http/json_encoding.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

namespace {

nlohmann::json window_json(const maintenance::MaintenanceWindow& w, TimePoint now) {
    const auto current = w.current(now);
    // The occurrence in progress, else the next one (none for a one-off that is over).
    const auto shown = current ? current : w.next_after(now);
    return {{"id", w.id},
            {"client", w.client},
            {"site", w.site.empty() ? nlohmann::json(nullptr) : nlohmann::json(w.site)},
            {"kind", w.kind == maintenance::WindowKind::one_off ? "one_off" : "recurring"},
            {"reason", w.reason},
            {"schedule", w.schedule_text()},
            {"active", current.has_value()},
            {"next_start", shown ? nlohmann::json(format_rfc3339(shown->from)) : nullptr},
            {"next_end", shown ? nlohmann::json(format_rfc3339(shown->to)) : nullptr}};
}

}  // namespace

void register_maintenance_route(Router& router, MaintenanceSource windows, NowSource now) {
    router.get("/api/v1/maintenance",
               [windows, now](const httplib::Request& req, httplib::Response& res) {
                   const TimePoint at = now();
                   const auto client = query_param(req, "client");
                   nlohmann::json list = nlohmann::json::array();
                   for (const auto& w : windows())
                       if (!client || client->empty() || w.client == *client)
                           list.push_back(window_json(w, at));
                   send_json(res, 200, {{"windows", std::move(list)}});
               });
}

}  // namespace sitewatch::http
