#include "alerting/notifiers/pagerduty_request.h"

#include <nlohmann/json.hpp>

#include "alerting/notifiers/encoding.h"
#include "alerting/notifiers/message_text.h"
#include "checks/text/humanize.h"
#include "checks/url/url_host.h"

namespace sitewatch::notifiers {

namespace {
constexpr std::size_t kMaxSummary = 1024;
}

std::string pagerduty_dedup_key(std::uint64_t incident_id) {
    return "sitewatch-" + std::to_string(incident_id);
}

std::string pagerduty_event_action(std::string_view event) {
    if (event == "acknowledged") return "acknowledge";
    if (event == "resolved") return "resolve";
    return "trigger";
}

std::string pagerduty_severity(std::string_view severity) {
    if (severity == "critical" || severity == "error" || severity == "warning" ||
        severity == "info")
        return std::string(severity);
    return "error";
}

HttpRequestSpec pagerduty_request(std::string_view api_base, std::string_view routing_key,
                                  const NotificationMessage& msg) {
    const std::string action = pagerduty_event_action(msg.event);
    nlohmann::json event = {{"routing_key", routing_key},
                            {"event_action", action},
                            {"dedup_key", pagerduty_dedup_key(msg.incident_id)}};
    if (action == "trigger") {
        std::string source = checks::url_host(msg.url);
        if (source.empty()) source = msg.site.empty() ? std::string("sitewatch") : msg.site;
        nlohmann::json details = {{"incident_id", msg.incident_id},
                                  {"event", msg.event},
                                  {"client", msg.client},
                                  {"site", msg.site},
                                  {"url", msg.url},
                                  {"condition", msg.condition},
                                  {"severity", msg.severity},
                                  {"summary", msg.summary}};
        if (!msg.evidence_excerpt.empty())
            details["evidence"] = truncate_utf8(msg.evidence_excerpt, 4000);
        event["payload"] = {{"summary", truncate_utf8(incident_title(msg), kMaxSummary)},
                            {"source", source},
                            {"severity", pagerduty_severity(msg.severity)},
                            {"timestamp", checks::format_rfc3339(msg.at)},
                            {"component", msg.site},
                            {"group", msg.client},
                            {"class", msg.condition},
                            {"custom_details", details}};
        nlohmann::json links = nlohmann::json::array();
        if (!msg.ack_url.empty())
            links.push_back({{"href", msg.ack_url}, {"text", "Acknowledge in sitewatch"}});
        if (!msg.incident_url.empty())
            links.push_back({{"href", msg.incident_url}, {"text", "Incident in sitewatch"}});
        if (!links.empty()) event["links"] = links;
        event["client"] = "sitewatch";
        if (!msg.incident_url.empty()) event["client_url"] = msg.incident_url;
    }
    HttpRequestSpec request;
    request.method = "POST";
    request.url = without_trailing_slash(api_base) + "/v2/enqueue";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return request;
}

}  // namespace sitewatch::notifiers
