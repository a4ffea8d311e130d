#include "checks/transport/transport_check.h"

#include <algorithm>
#include <chrono>
#include <string>

#include "checks/text/humanize.h"
#include "checks/url/url_host.h"

namespace sitewatch::checks {

namespace {

// The URL libcurl was working on when it gave up: after redirects it is not the one asked for.
const std::string& attempted_url(const Response& r) {
    return r.final_url.empty() ? r.url : r.final_url;
}

std::string with_reason(std::string prefix, const std::string& reason) {
    return reason.empty() ? prefix : prefix + ": " + reason;
}

std::string summarise(const Response& r, const CheckSpec& spec) {
    const std::string host = url_host(attempted_url(r));
    switch (r.transport_error) {
        case TransportError::dns:
            return "DNS lookup failed for " + (host.empty() ? attempted_url(r) : host);
        case TransportError::connect_refused:
            return "connection refused";
        case TransportError::connect_failed:
            return host.empty() ? std::string("could not connect") : "could not connect to " + host;
        case TransportError::timeout: {
            const double limit = std::chrono::duration<double>(spec.timeout).count();
            return "timed out after " + format_seconds(limit);
        }
        case TransportError::reset:
            return "connection reset";
        case TransportError::tls_handshake:
            return "TLS handshake failed: " +
                   (r.error_message.empty() ? std::string("no reason given") : r.error_message);
        case TransportError::too_many_redirects: {
            // libcurl only gives up when a redirect beyond the limit is answered, so at least
            // limit + 1 happened even if the probe recorded fewer hops.
            const auto hops = std::max<long long>(static_cast<long long>(r.redirects.size()),
                                                  static_cast<long long>(spec.max_redirects) + 1);
            return "too many redirects (" + std::to_string(hops) + " > " +
                   std::to_string(spec.max_redirects) + ")";
        }
        case TransportError::protocol:
            return "malformed HTTP response";
        case TransportError::other:
            return with_reason("request failed", r.error_message);
        case TransportError::none:
            break;
    }
    return "request failed";
}

}  // namespace

std::optional<Finding> check_transport(const Response& response, const CheckSpec& spec) {
    if (response.transport_error == TransportError::none) return std::nullopt;
    Finding f;
    f.condition = Condition::down;
    f.severity = Severity::critical;
    f.check = "transport";
    f.summary = summarise(response, spec);
    f.evidence.rule = std::string("transport.") + to_string(response.transport_error);
    f.evidence.excerpt = response.error_message;
    f.evidence.after = attempted_url(response);
    return f;
}

}  // namespace sitewatch::checks
