#include "monitor/config/config.h"

namespace sitewatch::config {

const char* to_string(Role r) {
    switch (r) {
        case Role::strategist:
            return "strategist";
        case Role::pm:
            return "pm";
        case Role::lead_dev:
            return "lead_dev";
    }
    return "strategist";  // unreachable for valid enum values; keeps -Wreturn-type quiet
}

std::vector<const SiteConfig*> Config::sites() const {
    std::vector<const SiteConfig*> out;
    for (const auto& client : clients) {
        for (const auto& site : client.sites) out.push_back(&site);
    }
    return out;
}

const SiteConfig* Config::find_site(std::string_view name) const {
    for (const auto& client : clients) {
        for (const auto& site : client.sites) {
            if (site.name == name) return &site;
        }
    }
    return nullptr;
}

std::vector<maintenance::MaintenanceWindow> Config::maintenance_windows() const {
    std::vector<maintenance::MaintenanceWindow> out;
    for (const auto& client : clients) {
        out.insert(out.end(), client.maintenance.begin(), client.maintenance.end());
        for (const auto& site : client.sites)
            out.insert(out.end(), site.maintenance.begin(), site.maintenance.end());
    }
    return out;
}

}  // namespace sitewatch::config
