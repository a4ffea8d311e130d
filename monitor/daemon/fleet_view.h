#pragma once
// What the HTTP server may ask of the running daemon. Implemented by the daemon; tests
// implement it with fixed data.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/baseline/content_baseline.h"
#include "monitor/daemon/baseline_acceptance.h"
#include "monitor/daemon/site_status.h"

namespace sitewatch {

class FleetView {
public:
    virtual ~FleetView() = default;
    // Every configured site, in config order.
    virtual std::vector<SiteStatus> sites() const = 0;
    // The sites of one client, in config order. A status page or one client's SLA needs ten
    // sites, not a copy of ten thousand; the default filters sites().
    virtual std::vector<SiteStatus> sites_of(std::string_view client) const {
        std::vector<SiteStatus> out;
        for (auto& s : sites())
            if (s.client == client) out.push_back(std::move(s));
        return out;
    }
    // By site name, or by exact URL (for /probe?target=).
    virtual std::optional<SiteStatus> site(std::string_view name_or_url) const = 0;
    virtual bool ready() const = 0;

    // Takes the site's latest page as its known-good content baseline (by site name). The
    // default is for fleets without content baselines.
    virtual BaselineAcceptance accept_baseline(std::string_view name) {
        (void)name;
        return {BaselineAcceptance::Outcome::unsupported,
                "this sitewatch does not keep content baselines", std::nullopt};
    }

    // The site's current content baseline (shared, immutable), or null when it has none yet
    // or the fleet keeps none. Read by GET /api/v1/sites/{name}/baseline.
    virtual std::shared_ptr<const checks::ContentBaseline> content_baseline(
        std::string_view name) const {
        (void)name;
        return nullptr;
    }
};

}  // namespace sitewatch
