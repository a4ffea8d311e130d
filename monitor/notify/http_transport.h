#pragma once
// Performs one notifiers::HttpRequestSpec with libcurl, for the notification senders. Never
// throws for network failures: they come back as `transport_error`.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "alerting/notifiers/notification.h"

namespace sitewatch::notify {

struct HttpTransportOptions {
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds total_timeout{15000};
    std::size_t max_response_bytes = 64 * 1024;  // read at most this much of the answer body
    std::string ca_file;                         // extra trust (tests); empty: the system's
};

struct HttpResult {
    int http_status = 0;                     // 0 when no answer was read
    std::optional<std::string> retry_after;  // the raw Retry-After header value
    std::string transport_error;             // empty when an answer was read
    std::string body_excerpt;                // first ≤ 300 bytes of the answer, one line
};

// Redirects are never followed (a 3xx is returned as it is). Basic authentication when the
// spec names a user or password. The answer body beyond max_response_bytes is not read (the
// transfer is cut there, and that is not an error).
HttpResult perform_http(const notifiers::HttpRequestSpec& request,
                        const HttpTransportOptions& options = {});

// curl_global_init once per process (thread-safe).
void ensure_curl_initialized();

}  // namespace sitewatch::notify
