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

}  // namespace sitewatch
