#pragma once
// How a site's latest check reads as a probe result. /metrics and /probe both use these so
// that sitewatch_probe_success and blackbox's probe_success never disagree.
#include <optional>
#include <string_view>

#include "checks/model/time.h"
#include "monitor/daemon/site_status.h"

namespace sitewatch {

// A check passes when it produced no critical finding: warnings (a certificate expiring in
// ten days, a slow response) do not make a probe fail, as in blackbox_exporter.
bool probe_passed(const SiteStatus& status);

// True for an https:// URL (scheme compared case-insensitively).
bool is_https_url(std::string_view url);

// The earliest not_after of the site's certificate chain: the daemon's tls_expires_at, else
// computed from the latest response's chain. Empty for plain-http sites and when no chain is
// known.
std::optional<TimePoint> earliest_cert_expiry(const SiteStatus& status);

}  // namespace sitewatch
