#include "monitor/incidents/report_builder.h"

#include <algorithm>

#include "alerting/reports/client_update.h"
#include "alerting/reports/debrief.h"
#include "alerting/reports/downtime.h"
#include "alerting/reports/incident_report.h"
#include "alerting/reports/similar_incidents.h"

namespace sitewatch {

namespace {

// How far before an incident's first failing check the history is read: a stretch that began
// just before it must count from its real start.
constexpr auto kHistoryLead = std::chrono::minutes(10);

std::optional<reports::Debrief> debrief_of(const IncidentSnapshot& s) {
    if (!s.extras.debrief) return std::nullopt;
    return reports::debrief_from_json(*s.extras.debrief);
}

reports::PastIncident past_of(const Incident& i, const IncidentExtras* extras,
                              const TeamDirectory* directory) {
    reports::PastIncident p;
    p.id = i.id;
    p.client = i.client;
    if (directory)
        if (const auto* c = directory->client(i.client)) p.client_tags = c->tags;
    p.condition = i.condition;
    p.site = i.site;
    p.opened_at = i.detected_at;
    p.resolved_at = i.resolved_at;
    p.summary = i.summary;
    if (extras && extras->debrief) p.debrief = reports::debrief_from_json(*extras->debrief);
    return p;
}

std::string plan_words(const std::string& plan) {
    if (plan.empty()) return {};
    std::string out = plan;
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::string signature_of(const ClientDirectoryEntry* client) {
    if (!client) return {};
    for (const auto& p : client->team)
        if (p.role == escalation::Role::strategist) return p.name + ", Strategist";
    return {};
}

}  // namespace

ClientUpdateText client_update_text(const IncidentSnapshot& s, std::string_view stage,
                                    const ClientDirectoryEntry* client) {
    reports::ClientUpdateInput in;
    in.incident = s.incident;
    in.client_name = client ? client->name : s.incident.client;
    if (s.extras.hours_logged > 0) in.hours_spent = s.extras.hours_logged;
    // The seeds want the client kept informed: promise the next word within the hour.
    if (stage == "investigating") in.next_update_in = std::chrono::hours(1);
    in.signed_by = signature_of(client);
    const auto u = reports::render_client_update(in, stage == "resolved"
                                                         ? reports::UpdateStage::resolved
                                                         : reports::UpdateStage::investigating);
    return {u.subject, u.text};
}

std::vector<std::uint64_t> similar_incident_ids(const Incident& incident,
                                                const std::vector<SimilarCandidate>& past,
                                                const TeamDirectory& directory) {
    reports::SimilarQuery q;
    q.incident_id = incident.id;
    q.client = incident.client;
    q.condition = incident.condition;
    if (const auto* c = directory.client(incident.client)) q.client_tags = c->tags;
    std::vector<reports::PastIncident> candidates;
    candidates.reserve(past.size());
    for (const auto& c : past) candidates.push_back(past_of(*c.incident, c.extras, &directory));
    std::vector<std::uint64_t> ids;
    for (const auto& m : reports::find_similar_incidents(q, candidates))
        ids.push_back(m.incident.id);
    return ids;
}

std::optional<nlohmann::json> debrief_from_request(const nlohmann::json& body, TimePoint now,
                                                   std::string* error) {
    if (!body.is_object()) {
        if (error) *error = "the debrief must be a JSON object";
        return std::nullopt;
    }
    nlohmann::json j = body;
    // The server stamps the time; a missing part is an empty one, a mistyped one an error.
    j["at_unix_ms"] = std::chrono::duration_cast<Millis>(now.time_since_epoch()).count();
    for (const char* key : {"issue", "investigation", "resolution", "prevention", "by"})
        if (!j.contains(key)) j[key] = "";
    auto d = reports::debrief_from_json(j, error);
    if (!d) return std::nullopt;
    return reports::to_json(*d);
}

DeskAnswer render_report(const IncidentSnapshot& s, const std::vector<IncidentSnapshot>& linked,
                         const ClientDirectoryEntry* client, Store& store,
                         std::string_view audience, std::string_view format, TimePoint now) {
    const auto a = reports::parse_audience(audience);
    if (!a) return {DeskOutcome::invalid, "audience must be client or internal", {}, {}};
    const auto f = reports::parse_format(format);
    if (!f) return {DeskOutcome::invalid, "format must be md or html", {}, {}};

    const Incident& i = s.incident;
    const TimePoint end = i.resolved_at.value_or(now);
    std::vector<reports::CheckPoint> history;
    try {
        for (const auto& r : store.results_between(i.site, i.started_at - kHistoryLead, end))
            history.push_back({r.checked_at, r.success, r.condition, r.confirm});
    } catch (const std::exception& e) {
        return {DeskOutcome::unavailable,
                std::string("the check history cannot be read: ") + e.what(),
                {},
                {}};
    }

    reports::ReportInput in;
    in.incident = i;
    in.client_name = client ? client->name : i.client;
    in.client_plan = client ? plan_words(client->plan) : std::string{};
    if (s.escalation) in.escalation_steps = s.escalation->steps();
    in.debrief = debrief_of(s);
    if (s.extras.hours_logged > 0) in.hours_logged = s.extras.hours_logged;
    in.downtime = reports::compute_downtime(std::move(history), i, now);
    for (const auto& l : linked) {
        reports::SimilarIncident m;
        m.incident = past_of(l.incident, &l.extras, nullptr);
        m.why = l.incident.client == i.client ? reports::Similarity::same_client
                                              : reports::Similarity::shared_stack;
        if (m.why == reports::Similarity::shared_stack && client) m.shared_tags = client->tags;
        in.similar.push_back(std::move(m));
    }
    in.now = now;
    DeskAnswer out;
    out.body = reports::render_incident_report(in, *a, *f);
    out.content_type =
        *f == reports::Format::html ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8";
    return out;
}

}  // namespace sitewatch
