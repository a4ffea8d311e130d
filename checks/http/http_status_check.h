#pragma once
// Layer 2: the server answered, but not with a status the site expects (after redirects).
#include <optional>

#include "checks/model/check_spec.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"

namespace sitewatch::checks {

// nullopt when the final status is in spec.expect_status. Otherwise:
//  - CDN origin errors (520-527, 530): `down`/critical, rule "http.cdn_origin" — the CDN
//    answered because the site behind it did not;
//  - any other unexpected status: `error`/critical, rule "http.status";
//  - no status at all without a transport error: `down`/critical, rule "http.no_response".
// Only meaningful when the transfer succeeded (see check_transport).
std::optional<Finding> check_http_status(const Response& response, const CheckSpec& spec);

}  // namespace sitewatch::checks
