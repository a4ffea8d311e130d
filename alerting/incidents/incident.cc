#include "alerting/incidents/incident.h"

#include <chrono>

namespace sitewatch {

namespace {

nlohmann::json ms(TimePoint t) {
    return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
}
nlohmann::json ms_or_null(const std::optional<TimePoint>& t) {
    return t ? ms(*t) : nlohmann::json(nullptr);
}

// Each reader returns false when the field is present but of the wrong type (or required
// and missing); the caller then refuses the whole incident.
bool read_time(const nlohmann::json& j, const char* key, TimePoint& out) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return false;
    out = TimePoint{std::chrono::duration_cast<Clock::duration>(Millis{it->get<std::int64_t>()})};
    return true;
}
bool read_opt_time(const nlohmann::json& j, const char* key, std::optional<TimePoint>& out) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    TimePoint t;
    if (!read_time(j, key, t)) return false;
    out = t;
    return true;
}
bool read_string(const nlohmann::json& j, const char* key, std::string& out,
                 bool required = false) {
    const auto it = j.find(key);
    if (it == j.end()) return !required;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}
template <typename Int>
bool read_int(const nlohmann::json& j, const char* key, Int& out, bool required = false) {
    const auto it = j.find(key);
    if (it == j.end()) return !required;
    if (!it->is_number_integer() || *it < 0) return false;
    out = it->get<Int>();
    return true;
}

nlohmann::json evidence_json(const Evidence& e) {
    return {{"rule", e.rule}, {"excerpt", e.excerpt}, {"before", e.before}, {"after", e.after}};
}
bool read_evidence(const nlohmann::json& j, Evidence& e) {
    if (!j.is_object()) return false;
    return read_string(j, "rule", e.rule) && read_string(j, "excerpt", e.excerpt) &&
           read_string(j, "before", e.before) && read_string(j, "after", e.after);
}

}  // namespace

const char* to_string(IncidentState s) {
    switch (s) {
        case IncidentState::open:
            return "open";
        case IncidentState::acknowledged:
            return "acknowledged";
        case IncidentState::resolved:
            return "resolved";
    }
    return "open";
}

std::optional<IncidentState> parse_incident_state(std::string_view s) {
    for (auto v : {IncidentState::open, IncidentState::acknowledged, IncidentState::resolved})
        if (s == to_string(v)) return v;
    return std::nullopt;
}

void Incident::add_timeline(TimelineEntry e) {
    timeline.push_back(std::move(e));
    if (timeline.size() > kTimelineMax) {
        timeline.erase(timeline.begin() + static_cast<std::ptrdiff_t>(kTimelineHead));
        ++timeline_dropped;
    }
}

Millis Incident::time_to_detect() const {
    return std::chrono::duration_cast<Millis>(detected_at - started_at);
}
std::optional<Millis> Incident::time_to_acknowledge() const {
    if (!acknowledged_at) return std::nullopt;
    return std::chrono::duration_cast<Millis>(*acknowledged_at - started_at);
}
std::optional<Millis> Incident::time_to_resolve() const {
    if (!resolved_at) return std::nullopt;
    return std::chrono::duration_cast<Millis>(*resolved_at - started_at);
}

nlohmann::json to_json(const Incident& i) {
    nlohmann::json timeline = nlohmann::json::array();
    for (const auto& e : i.timeline)
        timeline.push_back(
            {{"at_unix_ms", ms(e.at)}, {"kind", e.kind}, {"text", e.text}, {"detail", e.detail}});
    nlohmann::json notes = nlohmann::json::array();
    for (const auto& n : i.notes)
        notes.push_back({{"at_unix_ms", ms(n.at)}, {"by", n.by}, {"text", n.text}});
    return {{"id", i.id},
            {"client", i.client},
            {"site", i.site},
            {"url", i.url},
            {"condition", to_string(i.condition)},
            {"severity", to_string(i.severity)},
            {"state", to_string(i.state)},
            {"started_at_unix_ms", ms(i.started_at)},
            {"detected_at_unix_ms", ms(i.detected_at)},
            {"last_seen_at_unix_ms", ms(i.last_seen_at)},
            {"acknowledged_at_unix_ms", ms_or_null(i.acknowledged_at)},
            {"resolved_at_unix_ms", ms_or_null(i.resolved_at)},
            {"acknowledged_by", i.acknowledged_by},
            {"resolved_by", i.resolved_by},
            {"summary", i.summary},
            {"last_summary", i.last_summary},
            {"evidence", evidence_json(i.first_evidence)},
            {"occurrences", i.occurrences},
            {"reopen_count", i.reopen_count},
            {"previous_incident",
             i.previous_incident ? nlohmann::json(*i.previous_incident) : nlohmann::json()},
            {"paged", i.paged},
            {"timeline", std::move(timeline)},
            {"timeline_dropped", i.timeline_dropped},
            {"notes", std::move(notes)}};
}

std::optional<Incident> incident_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    Incident i;
    std::string condition, severity, state;
    const bool ok =
        read_int(j, "id", i.id, true) && i.id > 0 && read_string(j, "client", i.client) &&
        read_string(j, "site", i.site, true) && read_string(j, "url", i.url) &&
        read_string(j, "condition", condition, true) &&
        read_string(j, "severity", severity, true) && read_string(j, "state", state, true) &&
        read_time(j, "started_at_unix_ms", i.started_at) &&
        read_time(j, "detected_at_unix_ms", i.detected_at) &&
        read_opt_time(j, "acknowledged_at_unix_ms", i.acknowledged_at) &&
        read_opt_time(j, "resolved_at_unix_ms", i.resolved_at) &&
        read_string(j, "acknowledged_by", i.acknowledged_by) &&
        read_string(j, "resolved_by", i.resolved_by) && read_string(j, "summary", i.summary) &&
        read_string(j, "last_summary", i.last_summary) &&
        read_int(j, "occurrences", i.occurrences) && read_int(j, "reopen_count", i.reopen_count) &&
        read_int(j, "timeline_dropped", i.timeline_dropped);
    if (!ok) return std::nullopt;
    const auto c = parse_condition(condition);
    const auto s = parse_severity(severity);
    const auto st = parse_incident_state(state);
    if (!c || !s || !st) return std::nullopt;
    i.condition = *c;
    i.severity = *s;
    i.state = *st;
    if (i.state == IncidentState::resolved && !i.resolved_at) return std::nullopt;
    if (i.state == IncidentState::acknowledged && !i.acknowledged_at) return std::nullopt;
    i.last_seen_at = i.detected_at;
    if (j.contains("last_seen_at_unix_ms") && !read_time(j, "last_seen_at_unix_ms", i.last_seen_at))
        return std::nullopt;
    if (const auto e = j.find("evidence"); e != j.end() && !read_evidence(*e, i.first_evidence))
        return std::nullopt;
    if (const auto p = j.find("previous_incident"); p != j.end() && !p->is_null()) {
        if (!p->is_number_unsigned()) return std::nullopt;
        i.previous_incident = p->get<std::uint64_t>();
    }
    if (const auto p = j.find("paged"); p != j.end()) {
        if (!p->is_boolean()) return std::nullopt;
        i.paged = p->get<bool>();
    }
    if (const auto t = j.find("timeline"); t != j.end()) {
        if (!t->is_array()) return std::nullopt;
        for (const auto& e : *t) {
            TimelineEntry entry;
            if (!e.is_object() || !read_time(e, "at_unix_ms", entry.at) ||
                !read_string(e, "kind", entry.kind, true) || !read_string(e, "text", entry.text))
                return std::nullopt;
            if (const auto d = e.find("detail"); d != e.end()) entry.detail = *d;
            i.timeline.push_back(std::move(entry));
        }
    }
    if (const auto n = j.find("notes"); n != j.end()) {
        if (!n->is_array()) return std::nullopt;
        for (const auto& e : *n) {
            Note note;
            if (!e.is_object() || !read_time(e, "at_unix_ms", note.at) ||
                !read_string(e, "by", note.by) || !read_string(e, "text", note.text, true))
                return std::nullopt;
            i.notes.push_back(std::move(note));
        }
    }
    return i;
}

}  // namespace sitewatch
