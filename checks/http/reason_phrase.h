#pragma once
// Reason phrases for HTTP status codes, so a finding reads "HTTP 503 Service Unavailable".
#include <string>
#include <string_view>

namespace sitewatch::checks {

// The standard (RFC 9110 and friends) or well-known CDN phrase, or "" when unknown.
std::string_view http_reason_phrase(int status);

// "HTTP 503 Service Unavailable", or "HTTP 599" when the code has no known phrase.
std::string describe_http_status(int status);

}  // namespace sitewatch::checks
