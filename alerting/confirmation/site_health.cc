#include "alerting/confirmation/site_health.h"

namespace sitewatch {

const char* to_string(SiteHealth h) {
    switch (h) {
        case SiteHealth::pending: return "pending";
        case SiteHealth::up: return "up";
        case SiteHealth::degraded: return "degraded";
        case SiteHealth::down: return "down";
    }
    return "pending";
}

std::optional<SiteHealth> parse_site_health(std::string_view s) {
    for (SiteHealth h :
         {SiteHealth::pending, SiteHealth::up, SiteHealth::degraded, SiteHealth::down})
        if (s == to_string(h)) return h;
    return std::nullopt;
}

}  // namespace sitewatch
