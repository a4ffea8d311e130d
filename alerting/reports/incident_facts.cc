#include "alerting/reports/incident_facts.h"

#include <algorithm>
#include <tuple>

namespace sitewatch::reports {

std::string resolution_note(const Incident& incident) {
    if (!incident.resolved_at) return {};
    for (auto it = incident.timeline.rbegin(); it != incident.timeline.rend(); ++it) {
        if (it->kind != "resolved") continue;
        if (it->detail.is_object()) {
            const auto n = it->detail.find("note");
            if (n != it->detail.end() && n->is_string() && !n->get<std::string>().empty())
                return n->get<std::string>();
        }
        break;
    }
    for (auto it = incident.notes.rbegin(); it != incident.notes.rend(); ++it)
        if (it->at == *incident.resolved_at && it->by == incident.resolved_by) return it->text;
    return {};
}

std::vector<Note> merged_notes(const Incident& incident, const std::vector<Note>& extra) {
    std::vector<Note> out = incident.notes;
    out.insert(out.end(), extra.begin(), extra.end());
    const auto key = [](const Note& n) { return std::tie(n.at, n.by, n.text); };
    std::stable_sort(out.begin(), out.end(),
                     [&](const Note& a, const Note& b) { return key(a) < key(b); });
    out.erase(std::unique(out.begin(), out.end(),
                          [&](const Note& a, const Note& b) { return key(a) == key(b); }),
              out.end());
    return out;
}

std::string main_rule(const Incident& incident) {
    if (!incident.first_evidence.rule.empty()) return incident.first_evidence.rule;
    for (const auto& e : incident.timeline) {
        if (!e.detail.is_object()) continue;
        const auto r = e.detail.find("rule");
        if (r != e.detail.end() && r->is_string() && !r->get<std::string>().empty())
            return r->get<std::string>();
    }
    return {};
}

std::string site_label(const Incident& incident) {
    if (!incident.site.empty()) return incident.site;
    if (!incident.url.empty()) return incident.url;
    return "the website";
}

std::string state_words(const Incident& incident) {
    switch (incident.state) {
        case IncidentState::resolved:
            return "Resolved";
        case IncidentState::acknowledged:
            return "Still open: acknowledged, our team is working on it";
        case IncidentState::open:
            return "Still open: being investigated";
    }
    return "Still open";
}

}  // namespace sitewatch::reports
