#include "monitor/incidents/incident_service.h"

#include <openssl/rand.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "alerting/escalation/ack_link.h"
#include "monitor/incidents/report_builder.h"
#include "monitor/metrics/metrics.h"

namespace sitewatch {

namespace {

constexpr int kBookkeepingVersion = 1;
// The engine's bookkeeping holds a counter per (site, condition): written with events at most
// this often, so that a burst (a shared host going down takes hundreds of sites with it) is
// not hundreds of full rewrites.
constexpr auto kBookkeepingEvery = std::chrono::seconds(5);
// Acknowledgement links stay valid for a week: longer than any escalation, and a link found in
// a mailbox a month later must not acknowledge a new occurrence.
constexpr auto kAckLinkValidity = std::chrono::hours(24 * 7);
// "In the days following the resolution ... the PM should check in with the client" (seeds).
constexpr auto kFollowupAfter = std::chrono::hours(48);
constexpr std::size_t kMaxNoteLength = 10000;

std::string random_secret() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        throw std::runtime_error("cannot generate the acknowledgement-link secret");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 15]);
    }
    return out;
}

IncidentPolicy policy_from(const config::Config& cfg) {
    IncidentPolicy p;
    // The engine's thresholds are fleet-wide; per-site confirm.failures still decides when a
    // critical failure is confirmed (SiteConfirmation), which is what pages.
    const auto sites = cfg.sites();
    if (!sites.empty()) {
        p.failures = sites.front()->confirm_failures;
        p.recover_successes = sites.front()->recover_successes;
    }
    p.followup_window =
        std::chrono::duration_cast<std::chrono::seconds>(cfg.escalation.followup_window);
    return p;
}

std::string public_url_from(const config::Config& cfg) {
    if (!cfg.server.public_url.empty()) return cfg.server.public_url;
    return "http://" + cfg.server.listen;
}

outbox::Target target_of(escalation::Channel c) {
    switch (c) {
        case escalation::Channel::phone:
            return outbox::Target::phone;
        case escalation::Channel::sms:
            return outbox::Target::sms;
        case escalation::Channel::slack:
            return outbox::Target::slack;
        case escalation::Channel::email:
            return outbox::Target::email;
    }
    return outbox::Target::email;
}

// Outbox keys of an escalation run: the step id, and for a reopened incident's new run a
// "/<reopen count>" suffix, so the new run's steps are not mistaken for the first run's.
std::string step_key(const std::string& step_id, int reopen_count) {
    return reopen_count == 0 ? step_id : step_id + "/" + std::to_string(reopen_count);
}

std::pair<std::string, int> split_step_key(const std::string& key) {
    // A step id ends with its channel; anything after that is the run suffix. (Checking the
    // end rather than looking for '/' keeps a person named "Ops/Night" a person.)
    for (const char* channel : {":phone", ":sms", ":slack", ":email"}) {
        const std::string_view c(channel);
        if (key.size() >= c.size() && key.compare(key.size() - c.size(), c.size(), c) == 0)
            return {key, 0};
    }
    const auto slash = key.rfind('/');
    if (slash == std::string::npos || slash + 1 == key.size() ||
        key.find_first_not_of("0123456789", slash + 1) != std::string::npos)
        return {key, -1};
    try {
        return {key.substr(0, slash), std::stoi(key.substr(slash + 1))};
    } catch (const std::exception&) {
        return {key, -1};
    }
}

std::string clip(std::string_view s, std::size_t n) {
    if (s.size() <= n) return std::string(s);
    std::size_t cut = n;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return std::string(s.substr(0, cut)) + "…";
}

}  // namespace

IncidentService::IncidentService(Store& store, Metrics* metrics, const config::Config& cfg, Now now)
    : store_(store), metrics_(metrics), now_(std::move(now)), engine_(policy_from(cfg)) {
    apply_config(cfg);
    restore();
}

IncidentService::~IncidentService() = default;

void IncidentService::apply_config(const config::Config& cfg) {
    std::lock_guard lock(mu_);
    engine_.set_policy(policy_from(cfg));
    directory_ = TeamDirectory(cfg);
    public_url_ = public_url_from(cfg);
    has_webhook_ = cfg.notifiers.webhook.has_value();
    has_pagerduty_ = cfg.notifiers.pagerduty.has_value();
    has_asana_ = cfg.notifiers.asana.has_value();
    windows_ = cfg.maintenance_windows();
    site_windows_.clear();
    site_windows_index_.clear();
    for (const auto* s : cfg.sites()) {
        site_windows_index_[s->name] = site_windows_.size();
        site_windows_.push_back(
            {s->client, s->name, maintenance::windows_for(windows_, s->client, s->name)});
    }
    if (metrics_) declare_metric_series(cfg);
    // Sites without windows are 0 for good; tick() keeps the others current.
    if (metrics_)
        for (const auto& s : site_windows_)
            if (s.windows.empty()) metrics_->set_maintenance_active(s.client, s.site, false);
    publish_maintenance(now_());
}

void IncidentService::declare_metric_series(const config::Config& cfg) {
    std::vector<std::string> clients;
    for (const auto& c : cfg.clients) clients.push_back(c.name);
    const auto& n = cfg.notifiers;
    std::vector<std::string> channels;
    if (n.twilio) channels.insert(channels.end(), {"phone", "sms"});
    if (n.slack) channels.push_back("slack");
    if (n.email) channels.push_back("email");
    if (n.webhook) channels.push_back("webhook");
    if (n.pagerduty) channels.push_back("pagerduty");
    if (n.asana) channels.push_back("asana");
    metrics_->declare_incident_series(clients, channels);
}

std::vector<maintenance::MaintenanceWindow> IncidentService::maintenance_windows() const {
    std::lock_guard lock(mu_);
    return windows_;
}

const maintenance::MaintenanceWindow* IncidentService::maintenance_for(const Incident& i,
                                                                       TimePoint now) const {
    auto it = site_windows_index_.find(i.site);
    if (it == site_windows_index_.end()) return nullptr;
    return maintenance::active_window(site_windows_[it->second].windows, now);
}

void IncidentService::publish_maintenance(TimePoint now) {
    if (!metrics_) return;
    for (const auto& s : site_windows_)
        if (!s.windows.empty())
            metrics_->set_maintenance_active(s.client, s.site,
                                             maintenance::active_window(s.windows, now) != nullptr);
}

void IncidentService::end_maintenance_holds(TimePoint now, Changes& ch) {
    for (auto id :
         std::vector<std::uint64_t>(held_for_maintenance_.begin(), held_for_maintenance_.end())) {
        const Incident* i = engine_.find(id);
        if (!i || i->state != IncidentState::open) {
            held_for_maintenance_.erase(id);
            continue;
        }
        if (maintenance_for(*i, now)) continue;
        held_for_maintenance_.erase(id);
        // A site still broken after its maintenance is an emergency.
        extras_[id].add(now, "maintenance",
                        "the maintenance window ended with the incident still open: escalation "
                        "starts now");
        start_escalation(*i, now, ch);
        broadcast(*i, "escalated", now, ch, /*pagerduty=*/true, false);
    }
}

void IncidentService::set_outbox_poke(std::function<void()> poke) {
    std::lock_guard lock(mu_);
    poke_ = std::move(poke);
}

std::string IncidentService::ack_secret() const {
    std::lock_guard lock(mu_);
    return ack_secret_;
}

void IncidentService::restore() {
    std::lock_guard lock(mu_);
    AlertingState state = store_.load_alerting();
    nlohmann::json saved;
    if (state.engine_json)
        saved = nlohmann::json::parse(*state.engine_json, nullptr, /*allow_exceptions=*/false);
    if (saved.is_object()) {
        if (auto s = saved.find("ack_secret"); s != saved.end() && s->is_string())
            ack_secret_ = s->get<std::string>();
    }
    Changes ch;
    if (ack_secret_.empty()) {
        ack_secret_ = random_secret();
        ch.bookkeeping = true;
    }

    nlohmann::json book = saved.is_object() ? saved.value("engine", nlohmann::json()) : nullptr;
    if (!book.is_object())
        book = {{"version", 1},
                {"next_id", 1},
                {"keys", nlohmann::json::array()},
                {"flapping", nlohmann::json::object()}};
    book["incidents"] = nlohmann::json::array();

    std::uint64_t max_id = 0;
    std::map<std::pair<std::string, std::string>, std::uint64_t> latest;
    for (const auto& row : state.incidents) {
        max_id = std::max(max_id, row.id);
        auto j = nlohmann::json::parse(row.incident_json, nullptr, false);
        auto incident = incident_from_json(j);
        if (!incident || incident->id != row.id) {
            std::cerr << "sitewatch: incident " << row.id
                      << " in the store is unreadable; it is kept there untouched\n";
            unreadable_.insert(row.id);
            continue;
        }
        auto& l = latest[{incident->site, to_string(incident->condition)}];
        l = std::max(l, incident->id);
        book["incidents"].push_back(j);
        if (!row.escalation_json.empty()) {
            std::string why;
            if (auto e = escalation::Escalation::from_json_string(row.escalation_json, &why))
                escalations_.emplace(row.id, std::move(*e));
            else
                std::cerr << "sitewatch: the escalation of incident " << row.id
                          << " is unreadable (" << why << "); it does not resume\n";
        }
        if (!row.extras_json.empty())
            extras_[row.id] =
                incident_extras_from_json(nlohmann::json::parse(row.extras_json, nullptr, false));
    }
    // The bookkeeping may be older than the newest incident rows (it is written less often):
    // every (site, condition) must point at its newest incident, or an open one would never
    // resolve.
    if (!book["keys"].is_array()) book["keys"] = nlohmann::json::array();
    for (auto& k : book["keys"]) {
        if (!k.is_object() || !k.contains("site") || !k.contains("condition")) continue;
        if (!k["site"].is_string() || !k["condition"].is_string()) continue;
        auto it = latest.find({k["site"].get<std::string>(), k["condition"].get<std::string>()});
        if (it == latest.end()) {
            k["latest"] = nullptr;  // its incident is unreadable or gone
            continue;
        }
        k["latest"] = it->second;
        latest.erase(it);
    }
    for (const auto& [key, id] : latest)
        book["keys"].push_back({{"site", key.first},
                                {"condition", key.second},
                                {"latest", id},
                                {"present", 0},
                                {"absent", 0},
                                {"since_unix_ms", nullptr}});
    if (!book["next_id"].is_number_unsigned() || book["next_id"].get<std::uint64_t>() <= max_id)
        book["next_id"] = max_id + 1;

    auto engine = IncidentEngine::from_json(book, engine_.policy());
    if (!engine) {
        // Counters and flap history are expendable; the incidents are not.
        std::cerr << "sitewatch: the incident engine's saved counters are unreadable; "
                     "counting starts again\n";
        book["flapping"] = nlohmann::json::object();
        for (auto& k : book["keys"]) {
            k["present"] = 0;
            k["absent"] = 0;
            k["since_unix_ms"] = nullptr;
        }
        engine = IncidentEngine::from_json(book, engine_.policy());
    }
    if (!engine)
        throw std::runtime_error("the incidents in the store cannot be restored consistently");
    engine_ = std::move(*engine);

    for (const auto& [id, x] : extras_)
        if (x.followup_at && !x.followup_sent) pending_followups_.insert(id);
    // A paging incident that never started an escalation and was not paged with another one
    // was held for maintenance; tick() starts it once the window is over.
    for (const auto* i : engine_.open()) {
        if (i->state != IncidentState::open || !i->paged || escalations_.count(i->id)) continue;
        auto x = extras_.find(i->id);
        if (x != extras_.end() && x->second.paged_with) continue;
        held_for_maintenance_.insert(i->id);
    }
    // Outcomes the outbox recorded after the escalation was last written.
    const TimePoint now = now_();
    for (auto& [id, esc] : escalations_) {
        if (esc.finished()) continue;
        active_escalations_.insert(id);
        const Incident* i = engine_.find(id);
        const int reopen = i ? i->reopen_count : 0;
        bool changed = false;
        for (const auto& s : std::vector<escalation::StepRecord>(esc.steps())) {
            if (s.status != escalation::StepStatus::outstanding) continue;
            auto row = store_.find_outbox(step_key(s.step.step_id, reopen));
            if (!row || row->status == "pending") continue;
            const TimePoint at = row->finished_at.value_or(now);
            changed |= row->status == "sent" ? esc.delivered(s.step.step_id, at)
                                             : esc.failed(s.step.step_id, at, row->last_error);
        }
        if (changed) ch.incidents.insert(id);
    }
    ch.metrics = true;
    commit(ch);
}

void IncidentService::record_check(const CheckOutcome& check) {
    std::lock_guard lock(mu_);
    auto events = engine_.record(check);
    if (events.empty()) return;
    Changes ch;
    handle_events(events, check.at, ch);
    commit(ch);
}

void IncidentService::handle_events(const std::vector<IncidentEvent>& events, TimePoint now,
                                    Changes& ch) {
    ch.bookkeeping = true;
    ch.metrics = true;
    // Several conditions of one site confirmed by the same check page once (the first in the
    // engine's condition order); the others follow that incident's escalation.
    std::map<std::string, std::uint64_t> paged_site;
    for (const auto& e : events) {
        if (e.incident_id) ch.incidents.insert(e.incident_id);
        const Incident* i = e.incident_id ? engine_.find(e.incident_id) : nullptr;
        switch (e.kind) {
            case IncidentEventKind::opened:
            case IncidentEventKind::reopened:
            case IncidentEventKind::severity_raised:
            case IncidentEventKind::page_due:
                if (!i) break;
                if (e.page) {
                    if (auto p = paged_site.find(e.site); p != paged_site.end()) {
                        on_opened(*i, e, now, ch, p->second);
                        break;
                    }
                    paged_site[e.site] = i->id;
                }
                on_opened(*i, e, now, ch, std::nullopt);
                break;
            case IncidentEventKind::resolved:
                if (i) on_resolved(*i, now, ch);
                break;
            case IncidentEventKind::acknowledged:
                if (i) on_acknowledged(i->id, i->acknowledged_by, now, ch);
                break;
            case IncidentEventKind::flapping_started:
            case IncidentEventKind::flapping_stopped: {
                const bool started = e.kind == IncidentEventKind::flapping_started;
                notifiers::NotificationMessage m;
                if (i) m = message_for(*i, "flapping", now);
                m.client = e.client;
                m.site = e.site;
                m.event = "flapping";
                m.summary = started ? e.site + " is flapping (up and down): pages are held"
                                    : e.site + " stopped flapping";
                const std::string base =
                    e.site + ":" + (started ? "flapping_started" : "flapping_stopped") + ":" +
                    std::to_string(
                        std::chrono::duration_cast<Millis>(e.at.time_since_epoch()).count());
                if (has_webhook_)
                    queue({base + ":webhook", outbox::Target::webhook, "", "", m}, e.incident_id,
                          now, ch);
                // A flapping site is not an emergency page but it is work: one ticket.
                if (started && has_asana_)
                    queue({base + ":asana", outbox::Target::asana, "", "", m}, e.incident_id, now,
                          ch);
                if (i) extras_[i->id].add(now, "flapping", m.summary);
                break;
            }
            case IncidentEventKind::evidence_added:
                break;
        }
    }
}

void IncidentService::on_opened(const Incident& i, const IncidentEvent& e, TimePoint now,
                                Changes& ch, std::optional<std::uint64_t> covered_by) {
    const bool fresh = e.kind == IncidentEventKind::opened;
    if (fresh && metrics_)
        metrics_->incident_opened(i.client, to_string(i.condition), to_string(i.severity));
    auto& x = extras_[i.id];
    if (e.kind == IncidentEventKind::reopened) {
        // A recurrence during the follow-up window: the check-in is moot until it resolves.
        x.followup_at.reset();
        pending_followups_.erase(i.id);
        x.followup_sent = false;
        x.paged_with.reset();
    }
    if (fresh) link_similar(i, now);
    // A warning turned critical, or a page held while the site flapped, is news to the
    // integrations that already heard "opened": they hear "escalated".
    const std::string event = e.kind == IncidentEventKind::reopened ? "reopened"
                              : fresh                               ? "opened"
                                                                    : "escalated";
    if (covered_by) {
        // The same check paged for another condition of this site: one page, not two.
        x.paged_with = *covered_by;
        x.add(now, "paged_with",
              "paged together with incident #" + std::to_string(*covered_by) + " of the same site");
        broadcast(i, event, now, ch, false, false);
    } else if (const auto* w = maintenance_for(i, now)) {
        // Findings and incidents are recorded as always, but nothing is paged, ticketed or
        // told to the client; a paging incident waits for the window's end.
        const bool held = e.page;
        if (held) held_for_maintenance_.insert(i.id);
        x.add(now, "maintenance",
              "opened during maintenance" + (w->reason.empty() ? "" : " (" + w->reason + ")") +
                  (held ? ": nobody is paged unless it is still open when the window ends"
                        : ": nobody is paged"));
        broadcast(i, event, now, ch, false, false);
    } else if (e.page) {
        start_escalation(i, now, ch);
        broadcast(i, event, now, ch, /*pagerduty=*/true, /*asana=*/false);
    } else if (i.severity == Severity::warning) {
        // Not an emergency: the ticket tracker, never a page (seeds: logged in Asana).
        broadcast(i, event, now, ch, false, /*asana=*/e.kind != IncidentEventKind::severity_raised);
    } else {
        broadcast(i, event, now, ch, false, false);  // critical while flapping: held
    }
}

void IncidentService::start_escalation(const Incident& i, TimePoint now, Changes& ch) {
    const auto* client = directory_.client(i.client);
    std::vector<escalation::Person> people =
        client ? client->team : std::vector<escalation::Person>{};
    escalation::Escalation esc(i.id, std::move(people), directory_.policy(), now);
    escalations_.insert_or_assign(i.id, std::move(esc));
    active_escalations_.insert(i.id);
    pump_escalation(i.id, now, ch);
}

void IncidentService::pump_escalation(std::uint64_t id, TimePoint now, Changes& ch) {
    auto it = escalations_.find(id);
    const Incident* i = engine_.find(id);
    if (it == escalations_.end() || !i) return;
    auto& esc = it->second;
    for (const auto& step : esc.due(now)) {
        const bool first = step.level == 1 && step.round == 0;
        auto msg =
            message_for(*i, first ? (i->reopen_count ? "reopened" : "opened") : "escalated", now);
        msg.ack_url = ack_link_for(id, step.person.name, now);
        const std::string key = step_key(step.step_id, i->reopen_count);
        msg.step_id = key;
        queue({key, target_of(step.channel), step.address, step.person.name, std::move(msg)}, id,
              now, ch);
    }
    if (esc.finished()) active_escalations_.erase(id);
    ch.incidents.insert(id);
}

void IncidentService::on_acknowledged(std::uint64_t id, const std::string& by, TimePoint now,
                                      Changes& ch) {
    const Incident* i = engine_.find(id);
    if (!i) return;
    ch.incidents.insert(id);
    held_for_maintenance_.erase(id);
    if (metrics_)
        if (auto tta = i->time_to_acknowledge())
            metrics_->incident_acknowledged(i->client, to_string(i->condition),
                                            to_string(i->severity),
                                            std::chrono::duration<double>(*tta).count());
    const bool paged = escalations_.count(id) > 0;
    if (auto it = escalations_.find(id); it != escalations_.end()) {
        it->second.acknowledge(by, now);
        active_escalations_.erase(id);
    }
    broadcast(*i, "acknowledged", now, ch, /*pagerduty=*/paged, false);
    // The seeds: once the resolution is in progress, the client is told.
    if (i->severity == Severity::critical && paged)
        queue_client_update(*i, "investigating", now, ch);
    // Incidents paged together with this one were acknowledged with it.
    std::vector<std::uint64_t> followers;
    for (const auto& [oid, x] : extras_)
        if (x.paged_with == id) followers.push_back(oid);
    for (auto oid : followers)
        if (auto e = engine_.acknowledge(oid, by, now)) {
            ch.incidents.insert(oid);
            if (const Incident* o = engine_.find(oid)) {
                broadcast(*o, "acknowledged", now, ch, false, false);
                if (metrics_)
                    if (auto tta = o->time_to_acknowledge())
                        metrics_->incident_acknowledged(
                            o->client, to_string(o->condition), to_string(o->severity),
                            std::chrono::duration<double>(*tta).count());
            }
        }
}

void IncidentService::on_resolved(const Incident& i, TimePoint now, Changes& ch) {
    ch.incidents.insert(i.id);
    held_for_maintenance_.erase(i.id);
    if (metrics_)
        if (auto ttr = i.time_to_resolve())
            metrics_->incident_resolved(i.client, to_string(i.condition), to_string(i.severity),
                                        std::chrono::duration<double>(*ttr).count());
    const bool paged = escalations_.count(i.id) > 0;
    if (auto it = escalations_.find(i.id); it != escalations_.end()) {
        it->second.cancel(now, "the incident resolved (" + i.resolved_by + ")");
        active_escalations_.erase(i.id);
    }
    broadcast(i, "resolved", now, ch, /*pagerduty=*/paged, false);
    if (i.severity == Severity::critical && paged) {
        auto& x = extras_[i.id];
        x.followup_at =
            now + std::min<Clock::duration>(kFollowupAfter, engine_.policy().followup_window);
        pending_followups_.insert(i.id);
        x.followup_sent = false;
        queue_client_update(i, "resolved", now, ch);
    }
}

void IncidentService::broadcast(const Incident& i, const std::string& event, TimePoint now,
                                Changes& ch, bool pagerduty, bool asana) {
    const std::string base =
        std::to_string(i.id) + ":" + event + ":" + std::to_string(i.reopen_count) + ":";
    const auto msg = message_for(i, event, now);
    if (has_webhook_)
        queue({base + "webhook", outbox::Target::webhook, "", "", msg}, i.id, now, ch);
    if (pagerduty && has_pagerduty_)
        queue({base + "pagerduty", outbox::Target::pagerduty, "", "", msg}, i.id, now, ch);
    if (asana && has_asana_)
        queue({base + "asana", outbox::Target::asana, "", "", msg}, i.id, now, ch);
}

void IncidentService::queue_client_update(const Incident& i, const std::string& stage,
                                          TimePoint now, Changes& ch) {
    const auto* client = directory_.client(i.client);
    auto& x = extras_[i.id];
    const auto text = client_update_text(snapshot(i), stage, client);
    x.client_updates.push_back({stage, "draft", text.subject, text.text, now, 0});
    const std::size_t index = x.client_updates.size() - 1;
    if (client && client->send_client_updates && send_to_contacts(i, index, now, ch) > 0) {
        x.add(now, "client_update",
              "client update (" + stage + ") sent to " +
                  std::to_string(x.client_updates[index].contacts) + " client contact(s)");
    } else {
        x.add(now, "client_update",
              "client update (" + stage + ") drafted for the Strategist to send");
    }
    ch.incidents.insert(i.id);
}

int IncidentService::send_to_contacts(const Incident& i, std::size_t index, TimePoint now,
                                      Changes& ch) {
    const auto* client = directory_.client(i.client);
    auto& r = extras_[i.id].client_updates.at(index);
    if (!client) return 0;
    int queued = 0;
    for (std::size_t c = 0; c < client->contacts.size(); ++c) {
        const auto& contact = client->contacts[c];
        for (auto channel : directory_.policy().channels) {
            if (contact.address(channel).empty()) continue;
            auto msg = message_for(i, "client_update", now);
            msg.summary = r.subject;
            msg.text = r.text;
            msg.ack_url.clear();
            // "<id>:client_update:<update>:<contact>:<channel>": delivery_finished reads it
            // back to try the contact's next channel.
            const std::string key = std::to_string(i.id) +
                                    ":client_update:" + std::to_string(index) + ":" +
                                    std::to_string(c) + ":" + escalation::to_string(channel);
            msg.step_id = key;
            queue({key, target_of(channel), contact.address(channel), contact.name, msg}, i.id, now,
                  ch);
            ++queued;
            break;  // the next channel only if this one fails (delivery_finished)
        }
    }
    if (queued > 0) {
        r.status = "queued";
        r.contacts = queued;
    }
    ch.incidents.insert(i.id);
    return queued;
}

DeskAnswer IncidentService::send_client_update(std::uint64_t id, const std::string& by) {
    std::lock_guard lock(mu_);
    const TimePoint now = now_();
    const Incident* i = engine_.find(id);
    if (!i) return {DeskOutcome::not_found, "no incident " + std::to_string(id), {}, {}};
    auto& x = extras_[id];
    if (x.client_updates.empty() || x.client_updates.back().status != "draft")
        return {DeskOutcome::conflict,
                "incident " + std::to_string(id) + " has no drafted client update to send",
                {},
                {}};
    Changes ch;
    const int queued = send_to_contacts(*i, x.client_updates.size() - 1, now, ch);
    if (queued == 0)
        return {DeskOutcome::invalid,
                "client " + i->client + " has no contacts with a phone, SMS, Slack or email",
                {},
                {}};
    x.add(now, "client_update",
          "client update (" + x.client_updates.back().stage + ") sent by " + by + " to " +
              std::to_string(queued) + " client contact(s)");
    commit(ch);
    return {DeskOutcome::done,
            "client update sent to " + std::to_string(queued) + " contact(s)",
            {},
            {}};
}

void IncidentService::queue_followup(const Incident& i, TimePoint now, Changes& ch) {
    auto& x = extras_[i.id];
    x.followup_sent = true;
    const escalation::Person* who = directory_.person(i.client, escalation::Role::pm);
    if (!who) who = directory_.person(i.client, escalation::Role::strategist);
    std::string reminder = "Follow-up: check in with " + i.client + " that the problem with " +
                           i.site + " (" + i.summary +
                           ") has not come back. sitewatch reopens the incident by itself if it "
                           "recurs within the follow-up window.";
    if (who) {
        // Not urgent: a message the PM reads, never a call.
        for (auto channel : {escalation::Channel::slack, escalation::Channel::email}) {
            if (who->address(channel).empty()) continue;
            auto msg = message_for(i, "followup", now);
            msg.summary = "Follow-up with " + i.client + " about " + i.site;
            msg.text = reminder;
            msg.ack_url.clear();
            const std::string key = std::to_string(i.id) +
                                    ":followup:" + std::to_string(i.reopen_count) + ":" +
                                    escalation::to_string(channel);
            msg.step_id = key;
            queue({key, target_of(channel), who->address(channel), who->name, msg}, i.id, now, ch);
            x.add(now, "followup",
                  "follow-up reminder sent to " + who->name + " by " +
                      escalation::to_string(channel));
            ch.incidents.insert(i.id);
            return;
        }
    }
    x.add(now, "followup", "follow-up due: " + reminder);
    ch.incidents.insert(i.id);
}

notifiers::NotificationMessage IncidentService::message_for(const Incident& i,
                                                            const std::string& event,
                                                            TimePoint now) const {
    notifiers::NotificationMessage m;
    m.incident_id = i.id;
    m.client = i.client;
    m.site = i.site;
    m.url = i.url;
    m.condition = to_string(i.condition);
    m.severity = to_string(i.severity);
    m.event = event;
    m.summary = i.last_summary.empty() ? i.summary : i.last_summary;
    m.evidence_excerpt = clip(i.first_evidence.excerpt, 300);
    std::string base = public_url_;
    while (!base.empty() && base.back() == '/') base.pop_back();
    m.incident_url = base + "/incidents/" + std::to_string(i.id);
    m.at = now;
    return m;
}

std::string IncidentService::ack_link_for(std::uint64_t id, const std::string& person,
                                          TimePoint now) const {
    return escalation::ack_url(
        public_url_, escalation::ack_token(ack_secret_, id, person, now + kAckLinkValidity));
}

void IncidentService::queue(outbox::Delivery d, std::uint64_t incident_id, TimePoint now,
                            Changes& ch) {
    OutboxRecord r;
    r.key = d.key;
    r.incident_id = incident_id;
    r.target = outbox::to_string(d.target);
    r.delivery_json = outbox::to_json(d).dump();
    r.created_at = now;
    r.next_attempt_at = now;
    ch.outbox.push_back(std::move(r));
}

void IncidentService::link_similar(const Incident& i, TimePoint now) {
    // Only candidates that can match (same condition; same client or a shared tag) are built,
    // so that a shared host taking hundreds of sites down stays linear in practice.
    const auto* client = directory_.client(i.client);
    std::vector<SimilarCandidate> past;
    for (const auto& [id, other] : engine_.all()) {
        if (id == i.id || other.condition != i.condition) continue;
        if (other.client != i.client) {
            const auto* oc = directory_.client(other.client);
            bool shared = false;
            if (client && oc)
                for (const auto& t : client->tags)
                    shared =
                        shared || std::find(oc->tags.begin(), oc->tags.end(), t) != oc->tags.end();
            if (!shared) continue;
        }
        auto x = extras_.find(id);
        past.push_back({&other, x == extras_.end() ? nullptr : &x->second});
    }
    auto ids = similar_incident_ids(i, past, directory_);
    if (ids.empty()) return;
    auto& x = extras_[i.id];
    x.linked = ids;
    std::string text = "similar past incidents:";
    for (auto id : ids) text += " #" + std::to_string(id);
    x.add(now, "linked", text);
}

void IncidentService::tick() {
    std::lock_guard lock(mu_);
    const TimePoint now = now_();
    Changes ch;
    publish_maintenance(now);
    end_maintenance_holds(now, ch);
    for (auto id :
         std::vector<std::uint64_t>(active_escalations_.begin(), active_escalations_.end())) {
        auto it = escalations_.find(id);
        if (it == escalations_.end()) {
            active_escalations_.erase(id);
            continue;
        }
        const auto wake = it->second.next_wakeup();
        if (!wake) {
            active_escalations_.erase(id);
            continue;
        }
        if (*wake <= now) pump_escalation(id, now, ch);
    }
    for (auto id :
         std::vector<std::uint64_t>(pending_followups_.begin(), pending_followups_.end())) {
        const auto& x = extras_[id];
        if (!x.followup_at || x.followup_sent) {
            pending_followups_.erase(id);
            continue;
        }
        if (*x.followup_at > now) continue;
        pending_followups_.erase(id);
        const Incident* i = engine_.find(id);
        if (i && !i->is_open()) queue_followup(*i, now, ch);
    }
    if (!ch.incidents.empty() || !ch.outbox.empty() || !unsaved_.incidents.empty() ||
        !unsaved_.outbox.empty() || unsaved_.bookkeeping)
        commit(ch);
}

void IncidentService::delivery_finished(const OutboxRecord& r) {
    std::lock_guard lock(mu_);
    const TimePoint now = now_();
    const bool sent = r.status == "sent";
    if (metrics_) metrics_->notification_finished(r.target, sent);
    Changes ch;
    const Incident* i = engine_.find(r.incident_id);
    auto [step_id, reopen] = split_step_key(r.key);
    auto esc = escalations_.find(r.incident_id);
    if (i && esc != escalations_.end() && reopen == i->reopen_count) {
        const TimePoint at = r.finished_at.value_or(now);
        const bool known = sent ? esc->second.delivered(step_id, at)
                                : esc->second.failed(step_id, at, r.last_error);
        if (known) {
            // A failure makes the person's next channel due at once.
            pump_escalation(r.incident_id, now, ch);
            commit(ch);
            return;
        }
    }
    if (!i) return;  // a site-level flapping notice: counted, nothing to record
    auto& x = extras_[i->id];
    auto d = outbox::delivery_from_json(nlohmann::json::parse(r.delivery_json, nullptr, false));
    const std::string who = d && !d->recipient.empty() ? " to " + d->recipient : "";
    x.add(now, "notification",
          r.target + who + (sent ? ": sent" : ": failed (" + clip(r.last_error, 200) + ")"));
    ch.incidents.insert(i->id);
    // A client update that could not reach a contact tries the contact's next channel.
    if (!sent && d && d->message.event == "client_update") {
        const auto* client = directory_.client(i->client);
        const auto parts = [&] {
            std::vector<std::string> out;
            std::size_t start = 0;
            for (std::size_t p; (p = r.key.find(':', start)) != std::string::npos; start = p + 1)
                out.push_back(r.key.substr(start, p - start));
            out.push_back(r.key.substr(start));
            return out;
        }();
        // "<id>:client_update:<update>:<contact>:<channel>"
        if (client && parts.size() == 5) {
            std::size_t c = 0;
            try {
                c = std::stoul(parts[3]);
            } catch (const std::exception&) {
                c = client->contacts.size();
            }
            const auto failed = escalation::parse_channel(parts[4]);
            if (c < client->contacts.size() && failed) {
                const auto& channels = directory_.policy().channels;
                auto pos = std::find(channels.begin(), channels.end(), *failed);
                for (auto it = pos == channels.end() ? pos : pos + 1; it != channels.end(); ++it) {
                    const auto& address = client->contacts[c].address(*it);
                    if (address.empty()) continue;
                    auto next = *d;
                    next.key = parts[0] + ":client_update:" + parts[2] + ":" + parts[3] + ":" +
                               escalation::to_string(*it);
                    next.target = target_of(*it);
                    next.address = address;
                    next.message.step_id = next.key;
                    queue(std::move(next), i->id, now, ch);
                    break;
                }
            }
        }
    }
    commit(ch);
}

void IncidentService::delivery_retrying(const OutboxRecord& r) {
    if (r.status != "pending") return;
    std::lock_guard lock(mu_);
    const Incident* i = engine_.find(r.incident_id);
    if (!i) return;
    const TimePoint now = now_();
    auto d = outbox::delivery_from_json(nlohmann::json::parse(r.delivery_json, nullptr, false));
    const std::string who = d && !d->recipient.empty() ? " to " + d->recipient : "";
    const auto wait = std::chrono::duration_cast<std::chrono::seconds>(r.next_attempt_at - now);
    extras_[i->id].add(now, "notify_retry",
                       r.target + who + ": attempt " + std::to_string(r.attempts) + " failed (" +
                           clip(r.last_error, 200) + "); retrying in " +
                           std::to_string(std::max<long long>(0, wait.count())) + " s");
    Changes ch;
    ch.incidents.insert(i->id);
    commit(ch);
}

void IncidentService::save_bookkeeping() {
    std::lock_guard lock(mu_);
    Changes ch;
    ch.bookkeeping = true;
    ch.force_bookkeeping = true;
    commit(ch);
}

IncidentRecord IncidentService::record_of(std::uint64_t id) const {
    const Incident& i = *engine_.find(id);
    IncidentRecord r;
    r.id = id;
    r.client = i.client;
    r.site = i.site;
    r.condition = to_string(i.condition);
    r.severity = to_string(i.severity);
    r.state = to_string(i.state);
    r.opened_at = i.detected_at;
    r.resolved_at = i.resolved_at;
    r.incident_json = to_json(i).dump();
    if (auto e = escalations_.find(id); e != escalations_.end())
        r.escalation_json = e->second.to_json_string();
    if (auto x = extras_.find(id); x != extras_.end()) r.extras_json = to_json(x->second).dump();
    return r;
}

void IncidentService::commit(Changes& ch) {
    // Caller holds mu_.
    const TimePoint now = now_();
    Changes all = std::move(unsaved_);
    unsaved_ = {};
    all.incidents.insert(ch.incidents.begin(), ch.incidents.end());
    for (auto& r : ch.outbox) all.outbox.push_back(std::move(r));
    all.bookkeeping = all.bookkeeping || ch.bookkeeping;
    all.force_bookkeeping = all.force_bookkeeping || ch.force_bookkeeping;
    all.metrics = all.metrics || ch.metrics;
    ch = {};

    AlertingWrite w;
    for (auto id : all.incidents)
        if (!unreadable_.count(id) && engine_.find(id)) w.incidents.push_back(record_of(id));
    w.outbox = all.outbox;
    bool deferred_bookkeeping = false;
    if (all.bookkeeping) {
        if (all.force_bookkeeping || now - bookkeeping_saved_at_ >= kBookkeepingEvery) {
            nlohmann::json j{{"version", kBookkeepingVersion},
                             {"engine", engine_.to_json(/*with_incidents=*/false)},
                             {"ack_secret", ack_secret_}};
            w.engine_json = j.dump();
        } else {
            deferred_bookkeeping = true;
        }
    }
    try {
        if (!w.incidents.empty() || !w.outbox.empty() || w.engine_json) store_.write_alerting(w);
    } catch (const std::exception& e) {
        std::cerr << "sitewatch: saving incidents failed (retried within a second): " << e.what()
                  << "\n";
        unsaved_ = std::move(all);
        // Nothing is sent before it is saved.
        return;
    }
    if (w.engine_json) bookkeeping_saved_at_ = now;
    // Written at a later tick; the restore reconciles counters older than the incident rows.
    unsaved_.bookkeeping = deferred_bookkeeping;
    if (all.metrics) update_metrics();
    if (!w.outbox.empty() && poke_) poke_();
}

void IncidentService::update_metrics() {
    if (!metrics_) return;
    std::map<std::tuple<std::string, std::string, std::string>, int> counts;
    for (const auto* i : engine_.open())
        ++counts[{i->client, to_string(i->condition), to_string(i->severity)}];
    std::vector<Metrics::IncidentCount> out;
    for (const auto& [k, n] : counts)
        out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), n});
    metrics_->set_open_incidents(out);
}

IncidentSnapshot IncidentService::snapshot(const Incident& i) const {
    IncidentSnapshot s{i, std::nullopt, {}};
    if (auto e = escalations_.find(i.id); e != escalations_.end()) s.escalation = e->second;
    if (auto x = extras_.find(i.id); x != extras_.end()) s.extras = x->second;
    return s;
}

std::vector<IncidentSnapshot> IncidentService::incidents(const IncidentFilter& filter) const {
    std::lock_guard lock(mu_);
    std::vector<IncidentSnapshot> out;
    const auto& all = engine_.all();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        const Incident& i = it->second;
        if (filter.state && i.state != *filter.state) continue;
        if (!filter.client.empty() && i.client != filter.client) continue;
        if (!filter.site.empty() && i.site != filter.site) continue;
        out.push_back(snapshot(i));
    }
    return out;
}

std::optional<IncidentSnapshot> IncidentService::incident(std::uint64_t id) const {
    std::lock_guard lock(mu_);
    const Incident* i = engine_.find(id);
    if (!i) return std::nullopt;
    return snapshot(*i);
}

DeskAnswer IncidentService::acknowledge_locked(std::uint64_t id, const std::string& by,
                                               TimePoint now) {
    const Incident* i = engine_.find(id);
    if (!i) return {DeskOutcome::not_found, "no incident " + std::to_string(id), {}, {}};
    auto e = engine_.acknowledge(id, by, now);
    if (!e)
        return {DeskOutcome::conflict,
                "incident " + std::to_string(id) + " is already " + to_string(i->state),
                {},
                {}};
    Changes ch;
    handle_events({*e}, now, ch);
    commit(ch);
    return {DeskOutcome::done, "acknowledged by " + by + "; escalation stopped", {}, {}};
}

DeskAnswer IncidentService::acknowledge(std::uint64_t id, const std::string& by) {
    std::lock_guard lock(mu_);
    return acknowledge_locked(id, by, now_());
}

DeskAnswer IncidentService::resolve(std::uint64_t id, const std::string& by,
                                    const std::string& note) {
    std::lock_guard lock(mu_);
    const TimePoint now = now_();
    const Incident* i = engine_.find(id);
    if (!i) return {DeskOutcome::not_found, "no incident " + std::to_string(id), {}, {}};
    if (note.size() > kMaxNoteLength)
        return {DeskOutcome::invalid, "the note is longer than 10000 bytes", {}, {}};
    auto e = engine_.resolve(id, by, now, note);
    if (!e)
        return {DeskOutcome::conflict,
                "incident " + std::to_string(id) + " is already resolved",
                {},
                {}};
    Changes ch;
    handle_events({*e}, now, ch);
    commit(ch);
    return {DeskOutcome::done, "resolved by " + by, {}, {}};
}

DeskAnswer IncidentService::add_note(std::uint64_t id, const std::string& by,
                                     const std::string& text, std::optional<double> hours) {
    std::lock_guard lock(mu_);
    const TimePoint now = now_();
    if (!engine_.find(id))
        return {DeskOutcome::not_found, "no incident " + std::to_string(id), {}, {}};
    if (text.empty()) return {DeskOutcome::invalid, "the note's text is empty", {}, {}};
    if (text.size() > kMaxNoteLength)
        return {DeskOutcome::invalid, "the note is longer than 10000 bytes", {}, {}};
    if (hours && !(*hours >= 0 && *hours <= 1000))
        return {DeskOutcome::invalid, "hours must be between 0 and 1000", {}, {}};
    engine_.add_note(id, by, text, now);
    if (hours && *hours > 0) {
        auto& x = extras_[id];
        x.hours_logged += *hours;
        x.add(now, "hours", by + " logged " + std::to_string(*hours).substr(0, 5) + " h");
    }
    Changes ch;
    ch.incidents.insert(id);
    commit(ch);
    return {DeskOutcome::done, "note added", {}, {}};
}

DeskAnswer IncidentService::add_debrief(std::uint64_t id, const nlohmann::json& body) {
    std::lock_guard lock(mu_);
    const TimePoint now = now_();
    if (!engine_.find(id))
        return {DeskOutcome::not_found, "no incident " + std::to_string(id), {}, {}};
    std::string why;
    auto d = debrief_from_request(body, now, &why);
    if (!d) return {DeskOutcome::invalid, why, {}, {}};
    auto& x = extras_[id];
    x.debrief = std::move(*d);
    x.add(now, "debrief", "debrief recorded by " + body.value("by", std::string("someone")));
    Changes ch;
    ch.incidents.insert(id);
    commit(ch);
    return {DeskOutcome::done, "debrief recorded", {}, {}};
}

DeskAnswer IncidentService::report(std::uint64_t id, std::string_view audience,
                                   std::string_view format) const {
    IncidentSnapshot s;
    std::vector<IncidentSnapshot> linked;
    std::optional<ClientDirectoryEntry> client;
    {
        std::lock_guard lock(mu_);
        const Incident* i = engine_.find(id);
        if (!i) return {DeskOutcome::not_found, "no incident " + std::to_string(id), {}, {}};
        s = snapshot(*i);
        for (auto l : s.extras.linked)
            if (const Incident* o = engine_.find(l)) linked.push_back(snapshot(*o));
        if (const auto* c = directory_.client(i->client)) client = *c;
    }
    // The store read for the check history happens outside the lock.
    return render_report(s, linked, client ? &*client : nullptr, store_, audience, format, now_());
}

std::optional<AckLinkView> IncidentService::check_ack_link(std::string_view token) const {
    std::lock_guard lock(mu_);
    auto claim = escalation::verify_ack_token(ack_secret_, token, now_());
    if (!claim) return std::nullopt;
    const Incident* i = engine_.find(claim->incident_id);
    if (!i) return std::nullopt;
    return AckLinkView{i->id,
                       claim->person,
                       i->client,
                       i->site,
                       i->last_summary.empty() ? i->summary : i->last_summary,
                       i->state};
}

DeskAnswer IncidentService::acknowledge_by_link(std::string_view token) {
    std::lock_guard lock(mu_);
    const TimePoint now = now_();
    auto claim = escalation::verify_ack_token(ack_secret_, token, now);
    if (!claim)
        return {DeskOutcome::invalid,
                "this acknowledgement link is not valid (or has expired)",
                {},
                {}};
    return acknowledge_locked(claim->incident_id, claim->person, now);
}

}  // namespace sitewatch
