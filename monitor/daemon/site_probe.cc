#include "monitor/daemon/site_probe.h"

#include <algorithm>
#include <cctype>

#include "checks/model/finding_json.h"
#include "sitewatch_version.h"

namespace sitewatch {

ProbeRequest make_probe_request(const config::SiteConfig& site, std::uint64_t id) {
    ProbeRequest r;
    r.id = id;
    r.url = site.url;
    r.method = site.method;
    r.headers = site.headers;
    r.user_agent =
        site.user_agent.empty() ? std::string("sitewatch/") + SITEWATCH_VERSION : site.user_agent;
    r.timeout = site.timeout;
    r.max_body = site.max_body;
    r.max_redirects = site.max_redirects;
    r.ca_file = site.tls.ca_file;
    r.resolve = site.resolve;
    return r;
}

namespace {

bool same_header_name(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

// The configured headers without `name` (so a request-specific value replaces it).
void drop_header(ProbeRequest& r, std::string_view name) {
    std::erase_if(r.headers, [&](const auto& h) { return same_header_name(h.first, name); });
}

}  // namespace

ProbeRequest make_crawler_request(const config::SiteConfig& site, std::uint64_t id) {
    ProbeRequest r = make_probe_request(site, id);
    r.method = "GET";  // the check compares bodies; a site checked with HEAD has none
    r.user_agent = std::string(kGooglebotUserAgent);
    drop_header(r, "user-agent");
    drop_header(r, "referer");
    r.headers.emplace_back("Referer", std::string(kSearchReferer));
    return r;
}

ProbeRequest make_asset_request(const config::SiteConfig& site, std::string_view asset_url,
                                std::uint64_t id) {
    ProbeRequest r = make_probe_request(site, id);
    r.url = std::string(asset_url);
    r.method = "GET";
    r.max_body = kAssetMaxBody;
    r.timeout = std::min(site.timeout, kAssetTimeout);
    drop_header(r, "referer");
    r.headers.emplace_back("Referer", site.url);
    return r;
}

std::optional<TimePoint> earliest_expiry(const Response& r) {
    std::optional<TimePoint> earliest;
    for (const auto& c : r.cert_chain)
        if (!earliest || c.not_after < *earliest) earliest = c.not_after;
    return earliest;
}

CheckRecord make_check_record(const SiteStatus& s, bool confirm) {
    CheckRecord rec;
    rec.client = s.client;
    rec.site = s.name;
    rec.checked_at = s.last_checked_at.value_or(TimePoint{});
    rec.confirm = confirm;
    rec.http_status = s.last_response.http_status;
    rec.response_time_ms = s.last_response.total_seconds * 1000.0;
    rec.tls_expires_at = s.tls_expires_at;
    const Finding* worst = most_severe(s.findings);
    rec.success = worst == nullptr;
    if (worst) {
        rec.condition = to_string(worst->condition);
        rec.severity = to_string(worst->severity);
        rec.summary = worst->summary;
        rec.findings_json = to_json(s.findings).dump();
    }
    return rec;
}

}  // namespace sitewatch
