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

namespace {

// Groups that describe that the page was replaced, not by what: next to a strong
// signature (an error page, a notify page) they only repeat it, under another condition.
bool describes_replacement(const SensorSignal& s) {
    return s.group == SensorGroup::blocks || s.group == SensorGroup::size ||
           s.group == SensorGroup::structure ||
           (s.group == SensorGroup::head && (s.finding.evidence.rule == "content.title_changed" ||
                                             s.finding.evidence.rule == "content.heading_changed"));
}

}  // namespace

Findings vote(const SensorSignals& signals) {
    Findings out;
    bool strong_signature = false;
    for (const auto& s : signals)
        if (s.strong && s.group == SensorGroup::signature) strong_signature = true;

    std::set<SensorGroup> groups;          // every group that fired, supporting included
    std::set<SensorGroup> primary_groups;  // groups with a signal that may stand alone
    SensorSignals weak;
    for (const auto& s : signals) {
        if (!s.strong && strong_signature && describes_replacement(s)) continue;
        groups.insert(s.group);
        if (!s.supporting) primary_groups.insert(s.group);
        if (s.strong)
            out.push_back(s.finding);
        else
            weak.push_back(s);
    }
    if (weak.empty() || primary_groups.empty()) return out;
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
        if (s.supporting) continue;
        Finding f = s.finding;
        f.severity = Severity::warning;
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace sitewatch::checks
