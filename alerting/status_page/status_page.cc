#include "alerting/status_page/status_page.h"

#include <algorithm>
#include <map>

#include "alerting/status_page/public_wording.h"

namespace sitewatch::status_page {

namespace {

// Worse statuses compare greater; maintenance is planned, so it ranks below any outage.
int rank(ComponentStatus s) {
    switch (s) {
        case ComponentStatus::operational:
            return 0;
        case ComponentStatus::under_maintenance:
            return 1;
        case ComponentStatus::degraded_performance:
            return 2;
        case ComponentStatus::partial_outage:
            return 3;
        case ComponentStatus::major_outage:
            return 4;
    }
    return 0;
}

bool is_unresolved(IncidentStatus s) { return s != IncidentStatus::resolved; }

// The public updates, oldest first: each state change of the timeline, made consistent with the
// incident's current state (the timeline may have lost its middle on a very long incident),
// and the closing "resolved" once the monitoring hour has passed.
std::vector<IncidentUpdate> updates_of(const Incident& incident, TimePoint now) {
    std::vector<IncidentUpdate> out;
    bool was_resolved = false;
    const auto post = [&](IncidentStatus status, TimePoint at, bool reopened = false) {
        if (!out.empty() && out.back().status == status) return;
        out.push_back({status, update_text(incident, status, at, reopened), at});
    };
    for (const auto& e : incident.timeline) {
        if (e.kind == "opened") {
            post(IncidentStatus::investigating, e.at);
        } else if (e.kind == "reopened") {
            if (out.empty()) post(IncidentStatus::investigating, incident.detected_at);
            post(IncidentStatus::investigating, e.at, was_resolved);
            was_resolved = false;
        } else if (e.kind == "acknowledged") {
            if (out.empty()) post(IncidentStatus::investigating, incident.detected_at);
            post(IncidentStatus::identified, e.at);
        } else if (e.kind == "resolved") {
            if (out.empty()) post(IncidentStatus::investigating, incident.detected_at);
            post(IncidentStatus::monitoring, e.at);
            was_resolved = true;
        }
    }
    if (out.empty()) post(IncidentStatus::investigating, incident.detected_at);
    switch (incident.state) {
        case IncidentState::open:
            break;
        case IncidentState::acknowledged:
            post(IncidentStatus::identified, incident.acknowledged_at.value_or(out.back().at));
            break;
        case IncidentState::resolved: {
            const TimePoint resolved = incident.resolved_at.value_or(out.back().at);
            post(IncidentStatus::monitoring, resolved);
            if (now >= resolved + kMonitoringWindow)
                post(IncidentStatus::resolved, resolved + kMonitoringWindow);
            break;
        }
    }
    return out;
}

std::optional<TimePoint> public_resolution(const Incident& incident) {
    if (incident.state != IncidentState::resolved || !incident.resolved_at) return std::nullopt;
    return *incident.resolved_at + kMonitoringWindow;
}

PublicIncident public_incident(const Incident& incident, TimePoint now) {
    PublicIncident p;
    p.id = std::to_string(incident.id);
    p.name = incident_title(incident);
    p.component = incident.site;
    p.status = public_status(incident, now);
    p.impact = impact_of(incident);
    auto updates = updates_of(incident, now);
    p.created_at = updates.front().at;
    p.updated_at = updates.back().at;
    if (p.status == IncidentStatus::resolved) p.resolved_at = public_resolution(incident);
    std::reverse(updates.begin(), updates.end());
    p.updates = std::move(updates);
    return p;
}

// When the incident last moved its component: opened, reopened or resolved (not acknowledged
// or the end of monitoring, which leave the component as it was).
TimePoint component_change(const PublicIncident& p) {
    for (const auto& u : p.updates)  // newest first
        if (u.status == IncidentStatus::investigating || u.status == IncidentStatus::monitoring)
            return u.at;
    return p.created_at;
}

void set_indicator(StatusPage& page) {
    ComponentStatus worst = ComponentStatus::operational;
    for (const auto& c : page.components)
        if (rank(c.status) > rank(worst)) worst = c.status;
    switch (worst) {
        case ComponentStatus::major_outage:
            page.indicator = Indicator::critical;
            page.description = "Major System Outage";
            break;
        case ComponentStatus::partial_outage:
            page.indicator = Indicator::major;
            page.description = "Partial System Outage";
            break;
        case ComponentStatus::degraded_performance:
            page.indicator = Indicator::minor;
            page.description = "Minor Service Outage";
            break;
        case ComponentStatus::under_maintenance:
            page.indicator = Indicator::none;
            page.description = "Service Under Maintenance";
            break;
        case ComponentStatus::operational:
            page.indicator = Indicator::none;
            page.description = "All Systems Operational";
            break;
    }
}

}  // namespace

const char* to_string(ComponentStatus s) {
    switch (s) {
        case ComponentStatus::operational:
            return "operational";
        case ComponentStatus::degraded_performance:
            return "degraded_performance";
        case ComponentStatus::partial_outage:
            return "partial_outage";
        case ComponentStatus::major_outage:
            return "major_outage";
        case ComponentStatus::under_maintenance:
            return "under_maintenance";
    }
    return "operational";
}

const char* to_string(Indicator i) {
    switch (i) {
        case Indicator::none:
            return "none";
        case Indicator::minor:
            return "minor";
        case Indicator::major:
            return "major";
        case Indicator::critical:
            return "critical";
    }
    return "none";
}

const char* to_string(IncidentStatus s) {
    switch (s) {
        case IncidentStatus::investigating:
            return "investigating";
        case IncidentStatus::identified:
            return "identified";
        case IncidentStatus::monitoring:
            return "monitoring";
        case IncidentStatus::resolved:
            return "resolved";
    }
    return "investigating";
}

const char* to_string(Impact i) {
    switch (i) {
        case Impact::none:
            return "none";
        case Impact::minor:
            return "minor";
        case Impact::major:
            return "major";
        case Impact::critical:
            return "critical";
    }
    return "none";
}

const char* label(ComponentStatus s) {
    switch (s) {
        case ComponentStatus::operational:
            return "Operational";
        case ComponentStatus::degraded_performance:
            return "Degraded performance";
        case ComponentStatus::partial_outage:
            return "Partial outage";
        case ComponentStatus::major_outage:
            return "Major outage";
        case ComponentStatus::under_maintenance:
            return "Under maintenance";
    }
    return "Operational";
}

const char* label(IncidentStatus s) {
    switch (s) {
        case IncidentStatus::investigating:
            return "Investigating";
        case IncidentStatus::identified:
            return "Identified";
        case IncidentStatus::monitoring:
            return "Monitoring";
        case IncidentStatus::resolved:
            return "Resolved";
    }
    return "Investigating";
}

Impact impact_of(const Incident& incident) {
    if (incident.severity == Severity::warning) return Impact::minor;
    if (incident.condition == Condition::down || incident.condition == Condition::error)
        return Impact::critical;
    return Impact::major;
}

ComponentStatus component_status(const Incident& open_incident) {
    switch (impact_of(open_incident)) {
        case Impact::critical:
            return ComponentStatus::major_outage;
        case Impact::major:
            return ComponentStatus::partial_outage;
        case Impact::minor:
            return ComponentStatus::degraded_performance;
        case Impact::none:
            break;
    }
    return ComponentStatus::operational;
}

IncidentStatus public_status(const Incident& incident, TimePoint now) {
    switch (incident.state) {
        case IncidentState::open:
            return IncidentStatus::investigating;
        case IncidentState::acknowledged:
            return IncidentStatus::identified;
        case IncidentState::resolved:
            break;
    }
    if (incident.resolved_at && now < *incident.resolved_at + kMonitoringWindow)
        return IncidentStatus::monitoring;
    return IncidentStatus::resolved;
}

StatusPage build_status_page(const StatusPageInput& input, TimePoint now) {
    StatusPage page;
    page.name = input.client;
    std::map<std::string, std::size_t> component_of;
    for (const auto& s : input.sites) {
        if (component_of.count(s.name)) continue;
        component_of[s.name] = page.components.size();
        page.components.push_back(
            {s.name,
             s.in_maintenance ? ComponentStatus::under_maintenance : ComponentStatus::operational,
             std::nullopt});
    }

    for (const auto& incident : input.incidents) {
        if (incident.client != input.client) continue;
        const auto c = component_of.find(incident.site);
        if (c == component_of.end()) continue;
        Component& component = page.components[c->second];
        if (incident.is_open() && component.status != ComponentStatus::under_maintenance) {
            const auto s = component_status(incident);
            if (rank(s) > rank(component.status)) component.status = s;
        }
        if (!incident.is_open() &&
            (!incident.resolved_at || *incident.resolved_at + kHistory < now))
            continue;
        auto p = public_incident(incident, now);
        const TimePoint changed = component_change(p);
        if (!component.updated_at || changed > *component.updated_at)
            component.updated_at = changed;
        page.incidents.push_back(std::move(p));
    }

    std::stable_sort(page.incidents.begin(), page.incidents.end(),
                     [](const PublicIncident& a, const PublicIncident& b) {
                         if (is_unresolved(a.status) != is_unresolved(b.status))
                             return is_unresolved(a.status);
                         return a.created_at > b.created_at;
                     });
    set_indicator(page);
    page.updated_at = now;
    std::optional<TimePoint> latest;
    for (const auto& p : page.incidents)
        if (!latest || p.updated_at > *latest) latest = p.updated_at;
    if (latest) page.updated_at = *latest;
    return page;
}

}  // namespace sitewatch::status_page
