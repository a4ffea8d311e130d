#pragma once
// Asana tasks for warning incidents: POST {api_base}/tasks, where api_base is the API root with
// its version (the config's default is "https://app.asana.com/api/1.0"),
// Authorization: Bearer <token>, {"data": {"name", "notes", "projects": [project]}}.
#include <string>
#include <string_view>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

HttpRequestSpec asana_task_request(std::string_view api_base, std::string_view token,
                                   std::string_view project_gid, const NotificationMessage& msg);

}  // namespace sitewatch::notifiers
