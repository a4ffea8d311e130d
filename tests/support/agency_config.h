#pragma once
// The agency config that incident tests and the incident benchmark share: a team of three
// (Strategist Dana, PM Priya, lead developer Lee), a public URL, and the webhook and
// PagerDuty notifiers (no secrets read: the service never sends). Clients are the caller's.
#include <string>

#include "monitor/config/config.h"

namespace sitewatch::testing {

inline config::Config agency_config(const std::string& sqlite_path) {
    config::Config c;
    c.storage.sqlite = sqlite_path;
    c.server.public_url = "https://sitewatch.agency.example";
    c.team = {{"Dana", config::Role::strategist, "+15550100001", "+15550100001", "U0DANA",
               "dana@agency.example"},
              {"Priya", config::Role::pm, "+15550100002", "", "", "priya@agency.example"},
              {"Lee", config::Role::lead_dev, "+15550100003", "", "", ""}};
    c.notifiers.webhook = config::WebhookConfig{"https://hooks.example/sw", "secret"};
    c.notifiers.pagerduty = config::PagerDutyConfig{"key", "https://events.pagerduty.com"};
    return c;
}

}  // namespace sitewatch::testing
