#pragma once
// Turning a configured site into what the probe engine and the store need.
#include <cstdint>

#include "monitor/config/config.h"
#include "monitor/daemon/site_status.h"
#include "monitor/probe/probe_request.h"
#include "monitor/store/store.h"

namespace sitewatch {

ProbeRequest make_probe_request(const config::SiteConfig& site, std::uint64_t id);

// The earliest certificate expiry in the response's chain, if any.
std::optional<TimePoint> earliest_expiry(const Response& r);

// The stored form of a site's latest check.
CheckRecord make_check_record(const SiteStatus& status, bool confirm);

}  // namespace sitewatch
