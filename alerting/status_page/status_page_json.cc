#include "alerting/status_page/status_page_json.h"

#include "checks/text/humanize.h"

namespace sitewatch::status_page {

namespace {

nlohmann::json time_or_null(const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(checks::format_rfc3339(*t)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json to_summary_json(const StatusPage& page) {
    nlohmann::json components = nlohmann::json::array();
    for (const auto& c : page.components)
        components.push_back({{"name", c.name},
                              {"status", to_string(c.status)},
                              {"updated_at", time_or_null(c.updated_at)}});
    nlohmann::json incidents = nlohmann::json::array();
    for (const auto& i : page.incidents) {
        nlohmann::json updates = nlohmann::json::array();
        for (const auto& u : i.updates)
            updates.push_back({{"status", to_string(u.status)},
                               {"body", u.body},
                               {"created_at", checks::format_rfc3339(u.at)}});
        incidents.push_back({{"id", i.id},
                             {"name", i.name},
                             {"status", to_string(i.status)},
                             {"impact", to_string(i.impact)},
                             {"components", nlohmann::json::array({{{"name", i.component}}})},
                             {"created_at", checks::format_rfc3339(i.created_at)},
                             {"updated_at", checks::format_rfc3339(i.updated_at)},
                             {"resolved_at", time_or_null(i.resolved_at)},
                             {"incident_updates", std::move(updates)}});
    }
    return {
        {"page", {{"name", page.name}, {"updated_at", checks::format_rfc3339(page.updated_at)}}},
        {"status", {{"indicator", to_string(page.indicator)}, {"description", page.description}}},
        {"components", std::move(components)},
        {"incidents", std::move(incidents)}};
}

}  // namespace sitewatch::status_page
