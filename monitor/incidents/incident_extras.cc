#include "monitor/incidents/incident_extras.h"

namespace sitewatch {

namespace {

std::int64_t ms(TimePoint t) {
    return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
}

TimePoint from_ms(const nlohmann::json& j) {
    if (!j.is_number_integer()) return TimePoint{};
    return TimePoint{std::chrono::duration_cast<Clock::duration>(Millis{j.get<std::int64_t>()})};
}

std::string str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

void IncidentExtras::add(TimePoint at, std::string kind, std::string text) {
    timeline.push_back({at, std::move(kind), std::move(text)});
    // Keep the first entries and the newest: a flood of notification outcomes must not grow
    // the row without bound.
    if (timeline.size() > kTimelineMax) timeline.erase(timeline.begin() + kTimelineMax / 4);
}

nlohmann::json to_json(const IncidentExtras& e) {
    nlohmann::json timeline = nlohmann::json::array();
    for (const auto& t : e.timeline)
        timeline.push_back({{"at_unix_ms", ms(t.at)}, {"kind", t.kind}, {"text", t.text}});
    nlohmann::json updates = nlohmann::json::array();
    for (const auto& u : e.client_updates)
        updates.push_back({{"stage", u.stage},
                           {"status", u.status},
                           {"subject", u.subject},
                           {"text", u.text},
                           {"at_unix_ms", ms(u.at)},
                           {"contacts", u.contacts}});
    nlohmann::json j{{"version", 1},
                     {"timeline", std::move(timeline)},
                     {"client_updates", std::move(updates)},
                     {"linked", e.linked},
                     {"hours_logged", e.hours_logged},
                     {"followup_sent", e.followup_sent}};
    if (e.debrief) j["debrief"] = *e.debrief;
    if (e.followup_at) j["followup_at_unix_ms"] = ms(*e.followup_at);
    if (e.paged_with) j["paged_with"] = *e.paged_with;
    return j;
}

IncidentExtras incident_extras_from_json(const nlohmann::json& j) {
    IncidentExtras e;
    if (!j.is_object()) return e;
    if (auto t = j.find("timeline"); t != j.end() && t->is_array())
        for (const auto& x : *t)
            if (x.is_object())
                e.timeline.push_back({from_ms(x.value("at_unix_ms", nlohmann::json())),
                                      str(x, "kind"), str(x, "text")});
    if (auto u = j.find("client_updates"); u != j.end() && u->is_array())
        for (const auto& x : *u)
            if (x.is_object()) {
                ClientUpdateRecord r{str(x, "stage"),
                                     str(x, "status"),
                                     str(x, "subject"),
                                     str(x, "text"),
                                     from_ms(x.value("at_unix_ms", nlohmann::json())),
                                     0};
                if (auto c = x.find("contacts"); c != x.end() && c->is_number_integer())
                    r.contacts = c->get<int>();
                e.client_updates.push_back(std::move(r));
            }
    if (auto d = j.find("debrief"); d != j.end() && d->is_object()) e.debrief = *d;
    if (auto l = j.find("linked"); l != j.end() && l->is_array())
        for (const auto& x : *l)
            if (x.is_number_unsigned()) e.linked.push_back(x.get<std::uint64_t>());
    if (auto h = j.find("hours_logged"); h != j.end() && h->is_number()) e.hours_logged = *h;
    if (auto f = j.find("followup_at_unix_ms"); f != j.end() && f->is_number_integer())
        e.followup_at = from_ms(*f);
    if (auto s = j.find("followup_sent"); s != j.end() && s->is_boolean()) e.followup_sent = *s;
    if (auto p = j.find("paged_with"); p != j.end() && p->is_number_unsigned())
        e.paged_with = p->get<std::uint64_t>();
    return e;
}

}  // namespace sitewatch
