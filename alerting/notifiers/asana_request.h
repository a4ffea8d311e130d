#pragma once
// Asana tasks for warning incidents: POST {api_base}/api/1.0/tasks (or {api_base}/tasks when
// api_base already ends in /api/1.0, as the config's default does), Authorization: Bearer <token>,
// {"data": {"name", "notes", "projects": [project]}}.
#include <string>
#include <string_view>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notifiers {

HttpRequestSpec asana_task_request(std::string_view api_base, std::string_view token,
                                   std::string_view project_gid, const NotificationMessage& msg);

}  // namespace sitewatch::notifiers
