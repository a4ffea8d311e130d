#include "checks/page/sensor_vote.h"

#include <set>

namespace sitewatch::checks {

namespace {

// Which condition a set of agreeing groups describes, most specific evidence first.
Condition combined_condition(const SensorSignals& signals) {
    for (const auto& s : signals)
        if (s.group == SensorGroup::signature) return s.finding.condition;
    for (const auto& s : signals)
        if (s.group == SensorGroup::links || s.group == SensorGroup::resources ||
            s.group == SensorGroup::redirect)
            return s.finding.condition;
    for (const auto& s : signals)
        if (s.group == SensorGroup::head && s.finding.evidence.rule != "content.title_changed")
            return Condition::defaced;  // a new language or script: spam took the page over
    // A page replaced by something much smaller with no sign of an attacker is a placeholder
    // or a broken build ("Coming soon", an empty theme), not a defacement.
    for (const auto& s : signals)
        if (s.group == SensorGroup::size || s.group == SensorGroup::structure)
            return Condition::malformed;
    return Condition::defaced;
}

}  // namespace

Findings vote(const SensorSignals& signals) {
    Findings out;
    std::set<SensorGroup> groups;
    SensorSignals weak;
    for (const auto& s : signals) {
        groups.insert(s.group);
        if (s.strong)
            out.push_back(s.finding);
        else
            weak.push_back(s);
    }
    if (weak.empty()) return out;
    if (groups.size() >= 2) {
        Finding f = weak.front().finding;
        f.condition = combined_condition(weak);
        f.severity = Severity::critical;
        f.check = "content";
        f.evidence.rule = "content.vote";
        f.summary.clear();
        std::string names;
        for (const auto& s : weak) {
            if (!f.summary.empty()) f.summary += "; ";
            f.summary += s.finding.summary;
        }
        for (SensorGroup g : groups) names += std::string(names.empty() ? "" : ", ") + to_string(g);
        f.summary = "page content changed (" + names + "): " + f.summary;
        out.push_back(std::move(f));
        return out;
    }
    for (auto& s : weak) {
        Finding f = s.finding;
        f.severity = Severity::warning;
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace sitewatch::checks
