#pragma once
// A response slower than the site's expect.max_response_time.
#include <optional>

#include "checks/model/check_spec.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"

namespace sitewatch::checks {

// `down`/warning with rule "response_time.slow" when the whole transfer took longer than
// spec.max_response_time; nullopt when within it or when no limit is set.
std::optional<Finding> check_response_time(const Response& response, const CheckSpec& spec);

}  // namespace sitewatch::checks
