#include "monitor/metrics/probe_outcome.h"

#include <algorithm>
#include <cctype>

namespace sitewatch {

bool probe_passed(const SiteStatus& status) {
    return std::none_of(status.findings.begin(), status.findings.end(),
                        [](const Finding& f) { return f.severity == Severity::critical; });
}

bool is_https_url(std::string_view url) {
    constexpr std::string_view kScheme = "https://";
    if (url.size() < kScheme.size()) return false;
    for (std::size_t i = 0; i < kScheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(url[i])) != kScheme[i]) return false;
    return true;
}

std::optional<TimePoint> earliest_cert_expiry(const SiteStatus& status) {
    if (!is_https_url(status.url)) return std::nullopt;
    if (status.tls_expires_at) return status.tls_expires_at;
    const auto& chain = status.last_response.cert_chain;
    if (!status.has_response || chain.empty()) return std::nullopt;
    auto earliest = std::min_element(chain.begin(), chain.end(),
                                     [](const CertificateInfo& a, const CertificateInfo& b) {
                                         return a.not_after < b.not_after;
                                     });
    return earliest->not_after;
}

}  // namespace sitewatch
