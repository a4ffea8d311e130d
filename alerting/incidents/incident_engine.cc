#include "alerting/incidents/incident_engine.h"

#include <algorithm>
#include <limits>

namespace sitewatch {

namespace {

constexpr int kStateVersion = 1;

void saturating_increment(int& n) {
    if (n < std::numeric_limits<int>::max()) ++n;
}

// The key's finding in this check: its critical one if any, else its warning.
const Finding* finding_for(const Findings& findings, Condition c) {
    const Finding* found = nullptr;
    for (const auto& f : findings) {
        if (f.condition != c) continue;
        if (!found || (f.severity == Severity::critical && found->severity != Severity::critical))
            found = &f;
    }
    return found;
}

nlohmann::json evidence_detail(const Finding& f) {
    return {{"check", f.check},
            {"summary", f.summary},
            {"rule", f.evidence.rule},
            {"excerpt", f.evidence.excerpt},
            {"before", f.evidence.before},
            {"after", f.evidence.after}};
}

nlohmann::json ms(TimePoint t) {
    return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
}

}  // namespace

const char* to_string(IncidentEventKind k) {
    switch (k) {
        case IncidentEventKind::opened:
            return "opened";
        case IncidentEventKind::reopened:
            return "reopened";
        case IncidentEventKind::evidence_added:
            return "evidence_added";
        case IncidentEventKind::severity_raised:
            return "severity_raised";
        case IncidentEventKind::resolved:
            return "resolved";
        case IncidentEventKind::acknowledged:
            return "acknowledged";
        case IncidentEventKind::flapping_started:
            return "flapping_started";
        case IncidentEventKind::flapping_stopped:
            return "flapping_stopped";
        case IncidentEventKind::page_due:
            return "page_due";
    }
    return "opened";
}

CheckOutcome CheckOutcome::from(std::string client, std::string site, std::string url,
                                Findings findings, const ConfirmationUpdate& update,
                                const SiteConfirmation& confirmation, TimePoint at) {
    CheckOutcome o;
    o.client = std::move(client);
    o.site = std::move(site);
    o.url = std::move(url);
    o.at = at;
    o.findings = std::move(findings);
    o.confirmed_failure = update.failed && update.health == SiteHealth::down;
    o.failing_since = confirmation.failing_since();
    return o;
}

IncidentEngine::IncidentEngine(IncidentPolicy policy) { set_policy(policy); }

void IncidentEngine::set_policy(IncidentPolicy policy) {
    policy.failures = std::max(1, policy.failures);
    policy.recover_successes = std::max(1, policy.recover_successes);
    policy_ = policy;
}

IncidentEvent IncidentEngine::event_for(IncidentEventKind kind, const Incident& i, TimePoint at,
                                        bool page) const {
    return IncidentEvent{kind, i.id, i.client, i.site, i.condition, i.severity, page, at};
}

bool IncidentEngine::flapping(const std::string& site) const {
    const auto it = flaps_.find(site);
    return it != flaps_.end() && it->second.flapping();
}

Incident& IncidentEngine::open_incident(const CheckOutcome& check, const Finding& f, KeyState& key,
                                        std::vector<IncidentEvent>& events) {
    const bool critical = f.severity == Severity::critical;
    const bool page = critical && !flapping(check.site);
    TimePoint started = key.since.value_or(check.at);
    if (critical && check.failing_since) started = std::min(started, *check.failing_since);

    Incident* previous = key.latest ? &incidents_.at(*key.latest) : nullptr;
    if (previous && previous->resolved_at &&
        check.at - *previous->resolved_at <= policy_.followup_window) {
        // The same problem back soon after: one incident, so its history stays in one place.
        Incident& i = *previous;
        i.state = IncidentState::open;
        i.severity = f.severity;
        i.resolved_at.reset();
        i.resolved_by.clear();
        i.acknowledged_at.reset();
        i.acknowledged_by.clear();
        ++i.reopen_count;
        ++i.occurrences;
        i.last_seen_at = check.at;
        i.last_summary = f.summary;
        i.paged = page;
        i.add_timeline({check.at, "reopened", "reopened: " + f.summary, evidence_detail(f)});
        events.push_back(event_for(IncidentEventKind::reopened, i, check.at, page));
        return i;
    }

    Incident i;
    i.id = next_id_++;
    i.client = check.client;
    i.site = check.site;
    i.url = check.url;
    i.condition = f.condition;
    i.severity = f.severity;
    i.started_at = started;
    i.detected_at = check.at;
    i.last_seen_at = check.at;
    i.summary = i.last_summary = f.summary;
    i.first_evidence = f.evidence;
    i.occurrences = std::max(1, key.present);
    if (previous) i.previous_incident = previous->id;
    i.paged = page;
    i.add_timeline({check.at, "opened", f.summary, evidence_detail(f)});
    key.latest = i.id;
    auto& stored = incidents_[i.id] = std::move(i);
    events.push_back(event_for(IncidentEventKind::opened, stored, check.at, page));
    return stored;
}

std::vector<IncidentEvent> IncidentEngine::record(const CheckOutcome& check) {
    std::vector<IncidentEvent> events;
    const bool failed =
        std::any_of(check.findings.begin(), check.findings.end(),
                    [](const Finding& f) { return f.severity == Severity::critical; });

    // Flapping first, so an incident opened by this very check already knows not to page.
    auto flap = flaps_.try_emplace(check.site, FlapDetector(policy_.flap)).first;
    const FlapChange change = flap->second.record(!failed);
    const auto site_open = [&] {
        std::vector<Incident*> out;
        for (auto& [id, i] : incidents_)
            if (i.site == check.site && i.is_open()) out.push_back(&i);
        return out;
    };
    if (change != FlapChange::none) {
        const bool started = change == FlapChange::started;
        const std::string kind = started ? "flapping_started" : "flapping_stopped";
        const auto ekind =
            started ? IncidentEventKind::flapping_started : IncidentEventKind::flapping_stopped;
        const nlohmann::json detail{{"percent_state_change", flap->second.percent()}};
        const auto open_here = site_open();
        for (Incident* i : open_here)
            i->add_timeline(
                {check.at, kind,
                 started ? "the site is flapping: pages are held" : "the site stopped flapping",
                 detail});
        // One event per site, not per incident: flapping is a property of the site.
        IncidentEvent e{ekind,        open_here.empty() ? 0 : open_here.front()->id,
                        check.client, check.site,
                        std::nullopt, Severity::warning,
                        false,        check.at};
        events.push_back(e);
        if (!started)
            for (Incident* i : open_here)
                if (i->severity == Severity::critical && i->state == IncidentState::open &&
                    !i->paged) {
                    i->paged = true;
                    events.push_back(event_for(IncidentEventKind::page_due, *i, check.at, true));
                }
    }

    for (const Condition c : kAllConditions) {
        const Finding* f = finding_for(check.findings, c);
        auto& key = keys_[{check.site, c}];
        if (f) {
            saturating_increment(key.present);
            key.absent = 0;
            if (!key.since) key.since = check.at;
        } else {
            saturating_increment(key.absent);
            key.present = 0;
            key.since.reset();
        }
        Incident* current = key.latest ? &incidents_.at(*key.latest) : nullptr;
        if (current && !current->is_open()) current = nullptr;

        if (!f) {
            if (current && key.absent >= policy_.recover_successes) {
                current->state = IncidentState::resolved;
                current->resolved_at = check.at;
                current->resolved_by = "auto";
                current->add_timeline({check.at, "resolved",
                                       std::to_string(key.absent) + " checks passed without it",
                                       nullptr});
                events.push_back(event_for(IncidentEventKind::resolved, *current, check.at, false));
            }
            continue;
        }

        const bool critical = f->severity == Severity::critical;
        const bool confirmed = critical ? check.confirmed_failure : key.present >= policy_.failures;
        if (!current) {
            if (confirmed) open_incident(check, *f, key, events);
            continue;
        }
        // A repeat: evidence, not a new incident.
        ++current->occurrences;
        current->last_seen_at = check.at;
        if (critical && confirmed && current->severity == Severity::warning) {
            current->severity = Severity::critical;
            const bool page = !flapping(check.site) && current->state == IncidentState::open;
            current->paged = current->paged || page;
            current->last_summary = f->summary;
            current->add_timeline(
                {check.at, "severity_raised", "now critical: " + f->summary, evidence_detail(*f)});
            events.push_back(
                event_for(IncidentEventKind::severity_raised, *current, check.at, page));
        } else if (f->summary != current->last_summary) {
            current->last_summary = f->summary;
            current->add_timeline({check.at, "evidence", f->summary, evidence_detail(*f)});
            events.push_back(
                event_for(IncidentEventKind::evidence_added, *current, check.at, false));
        }
    }
    return events;
}

std::optional<IncidentEvent> IncidentEngine::acknowledge(std::uint64_t id, const std::string& who,
                                                         TimePoint at) {
    const auto it = incidents_.find(id);
    if (it == incidents_.end() || it->second.state != IncidentState::open) return std::nullopt;
    Incident& i = it->second;
    i.state = IncidentState::acknowledged;
    i.acknowledged_at = at;
    i.acknowledged_by = who;
    i.add_timeline({at, "acknowledged", "acknowledged by " + who, {{"by", who}}});
    return event_for(IncidentEventKind::acknowledged, i, at, false);
}

std::optional<IncidentEvent> IncidentEngine::resolve(std::uint64_t id, const std::string& who,
                                                     TimePoint at, const std::string& note) {
    const auto it = incidents_.find(id);
    if (it == incidents_.end() || !it->second.is_open()) return std::nullopt;
    Incident& i = it->second;
    i.state = IncidentState::resolved;
    i.resolved_at = at;
    i.resolved_by = who;
    i.add_timeline({at,
                    "resolved",
                    note.empty() ? "resolved by " + who : "resolved by " + who + ": " + note,
                    {{"by", who}, {"note", note}}});
    if (!note.empty()) i.notes.push_back({at, who, note});
    // If the problem is still there, the next confirmed failure reopens it (follow-up window).
    return event_for(IncidentEventKind::resolved, i, at, false);
}

bool IncidentEngine::add_note(std::uint64_t id, const std::string& who, const std::string& text,
                              TimePoint at) {
    const auto it = incidents_.find(id);
    if (it == incidents_.end() || text.empty()) return false;
    it->second.notes.push_back({at, who, text});
    it->second.add_timeline({at, "note", who + ": " + text, {{"by", who}}});
    return true;
}

std::vector<const Incident*> IncidentEngine::open() const {
    std::vector<const Incident*> out;
    for (const auto& [id, i] : incidents_)
        if (i.is_open()) out.push_back(&i);
    return out;
}

const Incident* IncidentEngine::find(std::uint64_t id) const {
    const auto it = incidents_.find(id);
    return it == incidents_.end() ? nullptr : &it->second;
}

nlohmann::json IncidentEngine::to_json(bool with_incidents) const {
    nlohmann::json incidents = nlohmann::json::array();
    if (with_incidents)
        for (const auto& [id, i] : incidents_) incidents.push_back(sitewatch::to_json(i));
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& [k, s] : keys_)
        keys.push_back({{"site", k.first},
                        {"condition", to_string(k.second)},
                        {"latest", s.latest ? nlohmann::json(*s.latest) : nlohmann::json()},
                        {"present", s.present},
                        {"absent", s.absent},
                        {"since_unix_ms", s.since ? ms(*s.since) : nlohmann::json()}});
    nlohmann::json flaps = nlohmann::json::object();
    for (const auto& [site, d] : flaps_) flaps[site] = d.to_json();
    return {{"version", kStateVersion},
            {"next_id", next_id_},
            {"incidents", std::move(incidents)},
            {"keys", std::move(keys)},
            {"flapping", std::move(flaps)}};
}

std::optional<IncidentEngine> IncidentEngine::from_json(const nlohmann::json& j,
                                                        IncidentPolicy policy) {
    if (!j.is_object() || j.value("version", nlohmann::json()) != kStateVersion)
        return std::nullopt;
    const auto next = j.find("next_id");
    const auto incidents = j.find("incidents");
    const auto keys = j.find("keys");
    const auto flaps = j.find("flapping");
    if (next == j.end() || !next->is_number_unsigned() || incidents == j.end() ||
        !incidents->is_array() || keys == j.end() || !keys->is_array() || flaps == j.end() ||
        !flaps->is_object())
        return std::nullopt;

    IncidentEngine e(policy);
    e.next_id_ = next->get<std::uint64_t>();
    for (const auto& ij : *incidents) {
        auto i = incident_from_json(ij);
        // Ids are never reused: every saved id must lie below the next one.
        if (!i || i->id >= e.next_id_ || e.incidents_.count(i->id)) return std::nullopt;
        const auto id = i->id;
        e.incidents_.emplace(id, std::move(*i));
    }
    for (const auto& kj : *keys) {
        if (!kj.is_object() || !kj.contains("site") || !kj["site"].is_string() ||
            !kj.contains("condition") || !kj["condition"].is_string())
            return std::nullopt;
        const auto c = parse_condition(kj["condition"].get<std::string>());
        if (!c) return std::nullopt;
        KeyState s;
        const auto latest = kj.find("latest");
        if (latest != kj.end() && !latest->is_null()) {
            if (!latest->is_number_unsigned() || !e.incidents_.count(latest->get<std::uint64_t>()))
                return std::nullopt;
            s.latest = latest->get<std::uint64_t>();
        }
        for (auto [name, out] :
             {std::pair{"present", &s.present}, std::pair{"absent", &s.absent}}) {
            const auto it = kj.find(name);
            if (it == kj.end() || !it->is_number_integer() || *it < 0 ||
                *it > std::numeric_limits<int>::max())
                return std::nullopt;
            *out = it->get<int>();
        }
        const auto since = kj.find("since_unix_ms");
        if (since != kj.end() && !since->is_null()) {
            if (!since->is_number_integer()) return std::nullopt;
            s.since = TimePoint{
                std::chrono::duration_cast<Clock::duration>(Millis{since->get<std::int64_t>()})};
        }
        e.keys_[{kj["site"].get<std::string>(), *c}] = s;
    }
    for (const auto& [site, fj] : flaps->items()) {
        auto d = FlapDetector::from_json(fj, policy.flap);
        if (!d) return std::nullopt;
        e.flaps_.emplace(site, std::move(*d));
    }
    return e;
}

}  // namespace sitewatch
