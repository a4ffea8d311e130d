#include "monitor/http/incident_encoding.h"

#include <algorithm>
#include <chrono>

#include "monitor/http/json_encoding.h"

namespace sitewatch::http {

namespace {

nlohmann::json evidence_json(const Evidence& e) {
    return {{"rule", e.rule}, {"excerpt", e.excerpt}, {"before", e.before}, {"after", e.after}};
}

struct Line {
    TimePoint at;
    std::string kind, message;
};

std::string step_words(const escalation::StepRecord& r) {
    const auto& s = r.step;
    std::string who = s.person.name + " (" + escalation::describe(s.person.role) + ")";
    return who + " by " + escalation::to_string(s.channel);
}

nlohmann::json seconds_or_null(const std::optional<Millis>& d) {
    if (!d) return nullptr;
    return static_cast<double>(d->count()) / 1000.0;
}

}  // namespace

nlohmann::json incident_summary_json(const IncidentSnapshot& s) {
    const Incident& i = s.incident;
    return {{"id", i.id},
            {"client", i.client},
            {"site", i.site},
            {"url", i.url},
            {"condition", to_string(i.condition)},
            {"severity", to_string(i.severity)},
            {"state", to_string(i.state)},
            {"opened_at", format_rfc3339(i.detected_at)},
            {"acknowledged_at", time_or_null(i.acknowledged_at)},
            {"resolved_at", time_or_null(i.resolved_at)},
            {"summary", i.last_summary.empty() ? i.summary : i.last_summary},
            {"evidence", evidence_json(i.first_evidence)}};
}

nlohmann::json incident_detail_json(const IncidentSnapshot& s) {
    const Incident& i = s.incident;
    nlohmann::json j = incident_summary_json(s);
    j["started_at"] = format_rfc3339(i.started_at);
    j["first_summary"] = i.summary;
    j["acknowledged_by"] =
        i.acknowledged_by.empty() ? nlohmann::json() : nlohmann::json(i.acknowledged_by);
    j["resolved_by"] = i.resolved_by.empty() ? nlohmann::json() : nlohmann::json(i.resolved_by);
    j["occurrences"] = i.occurrences;
    j["reopen_count"] = i.reopen_count;
    j["previous_incident"] =
        i.previous_incident ? nlohmann::json(*i.previous_incident) : nlohmann::json();
    j["time_to_detect_seconds"] = seconds_or_null(i.time_to_detect());
    j["time_to_acknowledge_seconds"] = seconds_or_null(i.time_to_acknowledge());
    j["time_to_resolve_seconds"] = seconds_or_null(i.time_to_resolve());

    std::vector<Line> lines;
    for (const auto& t : i.timeline) lines.push_back({t.at, t.kind, t.text});
    if (i.timeline_dropped > 0)
        lines.push_back({i.timeline.size() > Incident::kTimelineHead
                             ? i.timeline[Incident::kTimelineHead].at
                             : i.last_seen_at,
                         "gap", std::to_string(i.timeline_dropped) + " repeated entries left out"});
    nlohmann::json escalation = nullptr;
    if (s.escalation) {
        const auto& e = *s.escalation;
        for (const auto& t : e.timeline()) lines.push_back({t.at, "escalation", t.text});
        nlohmann::json steps = nlohmann::json::array();
        for (const auto& r : e.steps()) {
            const bool final_round = r.step.round > 0;
            lines.push_back({r.handed_out_at, "notify",
                             std::string(final_round ? "final round: notifying " : "notifying ") +
                                 step_words(r)});
            if (r.outcome_at) {
                std::string what = r.status == escalation::StepStatus::delivered ? "delivered to "
                                   : r.status == escalation::StepStatus::timed_out
                                       ? "no report in time for "
                                       : "failed for ";
                lines.push_back({*r.outcome_at,
                                 std::string("notify_") + escalation::to_string(r.status),
                                 what + step_words(r) + (r.why.empty() ? "" : ": " + r.why)});
            }
            steps.push_back({{"id", r.step.step_id},
                             {"person", r.step.person.name},
                             {"role", escalation::to_string(r.step.person.role)},
                             {"channel", escalation::to_string(r.step.channel)},
                             {"level", r.step.level},
                             {"round", r.step.round},
                             {"handed_out_at", format_rfc3339(r.handed_out_at)},
                             {"status", escalation::to_string(r.status)},
                             {"outcome_at", time_or_null(r.outcome_at)},
                             {"why", r.why}});
        }
        escalation = {{"level", e.level()},
                      {"levels", e.levels()},
                      {"exhausted", e.exhausted()},
                      {"acknowledged_by", e.acknowledged_by() ? nlohmann::json(*e.acknowledged_by())
                                                              : nlohmann::json()},
                      {"stopped", e.stopped()},
                      {"steps", std::move(steps)}};
    }
    for (const auto& t : s.extras.timeline) lines.push_back({t.at, t.kind, t.text});
    // Compared to the millisecond: the escalation keeps its times in whole milliseconds, and a
    // finer engine time would put "escalation started" before the "opened" that started it.
    std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
        using std::chrono::floor;
        using std::chrono::milliseconds;
        return floor<milliseconds>(a.at) < floor<milliseconds>(b.at);
    });
    nlohmann::json timeline = nlohmann::json::array();
    for (const auto& l : lines)
        timeline.push_back(
            {{"at", format_rfc3339(l.at)}, {"kind", l.kind}, {"message", l.message}});
    j["timeline"] = std::move(timeline);
    j["escalation"] = std::move(escalation);

    nlohmann::json notes = nlohmann::json::array();
    for (const auto& n : i.notes)
        notes.push_back({{"at", format_rfc3339(n.at)}, {"by", n.by}, {"text", n.text}});
    j["notes"] = std::move(notes);
    nlohmann::json updates = nlohmann::json::array();
    for (const auto& u : s.extras.client_updates)
        updates.push_back({{"stage", u.stage},
                           {"status", u.status},
                           {"subject", u.subject},
                           {"text", u.text},
                           {"at", format_rfc3339(u.at)}});
    j["client_updates"] = std::move(updates);
    j["debrief"] = s.extras.debrief ? *s.extras.debrief : nlohmann::json();
    j["linked_incidents"] = s.extras.linked;
    j["hours_logged"] = s.extras.hours_logged;
    j["followup_at"] = time_or_null(s.extras.followup_at);
    j["paged_with"] = s.extras.paged_with ? nlohmann::json(*s.extras.paged_with) : nlohmann::json();
    return j;
}

}  // namespace sitewatch::http
