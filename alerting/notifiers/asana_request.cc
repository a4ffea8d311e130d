#include "alerting/notifiers/asana_request.h"

#include <nlohmann/json.hpp>

#include "alerting/notifiers/encoding.h"
#include "alerting/notifiers/message_text.h"

namespace sitewatch::notifiers {

HttpRequestSpec asana_task_request(std::string_view api_base, std::string_view token,
                                   std::string_view project_gid, const NotificationMessage& msg) {
    const nlohmann::json body = {{"data",
                                  {{"name", truncate_utf8(incident_title(msg), 250)},
                                   {"notes", incident_body(msg)},
                                   {"projects", nlohmann::json::array({project_gid})}}}};
    HttpRequestSpec request;
    request.method = "POST";
    // api_base is the API root with its version, as the config's default
    // "https://app.asana.com/api/1.0".
    request.url = without_trailing_slash(api_base) + "/tasks";
    request.headers = {{"Authorization", "Bearer " + one_line(token)},
                       {"Content-Type", "application/json"},
                       {"Accept", "application/json"}};
    request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return request;
}

}  // namespace sitewatch::notifiers
