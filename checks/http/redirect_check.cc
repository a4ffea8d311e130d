#include "checks/http/redirect_check.h"

#include <string>

#include "checks/url/registrable_domain.h"
#include "checks/url/url_host.h"

namespace sitewatch::checks {

namespace {

// "https://a/ (301) → https://b/ (302) → https://evil.example/".
std::string describe_chain(const Response& r, const std::string& final_url) {
    std::string out;
    for (const auto& hop : r.redirects) out += hop.url + " (" + std::to_string(hop.status) + ") → ";
    out += final_url;
    return out;
}

}  // namespace

Findings check_redirect_domain(const Response& r) {
    if (r.redirects.empty()) return {};
    const std::string& final_url = r.final_url.empty() ? r.redirects.back().location : r.final_url;
    const std::string requested_host = url_host(r.url);
    const std::string final_host = url_host(final_url);
    if (requested_host.empty() || final_host.empty()) return {};
    if (same_registrable_domain(requested_host, final_host)) return {};

    const std::size_t hops = r.redirects.size();
    Finding f;
    f.condition = Condition::defaced;
    f.severity = Severity::critical;
    f.check = "http";
    f.summary = "redirects to another site: " + final_host + " (via " + std::to_string(hops) +
                (hops == 1 ? " redirect)" : " redirects)");
    f.evidence.rule = "http.foreign_redirect";
    f.evidence.before = r.url;
    f.evidence.after = final_url;
    f.evidence.excerpt = describe_chain(r, final_url);
    return {f};
}

}  // namespace sitewatch::checks
