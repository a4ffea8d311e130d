// IncidentService with a real SQLite store in a temporary directory and an injected clock: what
// it writes to the outbox (before anything can be sent), how the escalation moves, what a
// restart resumes, and how people act on incidents.
#include "monitor/incidents/incident_service.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "alerting/escalation/ack_link.h"
#include "alerting/outbox/delivery.h"
#include "monitor/metrics/metrics.h"
#include "monitor/store/store.h"
#include "tests/support/agency_config.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kStart = sys_days{year{2026} / 11 / 24} + 12h;

config::Config make_config(const std::string& db, bool send_client_updates = false) {
    config::Config c = testing::agency_config(db);
    c.escalation.ack_timeout = 5min;
    c.notifiers.asana = config::AsanaConfig{"token", "42", "https://app.asana.com/api/1.0"};
    config::ClientConfig acme;
    acme.name = "acme";
    acme.plan = "standard";
    acme.tags = {"wordpress"};
    acme.contacts = {{"Sam", "", "+15550200001", "", "sam@acme.example"}};
    acme.team = {"Dana", "Priya", "Lee"};
    acme.client_updates = send_client_updates ? "send" : "draft";
    config::SiteConfig site;
    site.client = "acme";
    site.name = "acme-shop";
    site.url = "https://shop.acme.example/";
    acme.sites.push_back(site);
    c.clients.push_back(acme);
    return c;
}

Finding http_503() {
    return {Condition::error,
            Severity::critical,
            "http",
            "HTTP 503 Service Unavailable",
            {"http.status", "503", "", ""}};
}
Finding defaced() {
    return {Condition::defaced,
            Severity::critical,
            "signature",
            "defacement page: hacked by",
            {"signature.hacked_by", "Hacked by x", "", ""}};
}
Finding slow() { return {Condition::error, Severity::warning, "response_time", "slow: 4.2 s", {}}; }

struct Harness {
    testing::TempDir dir;
    std::string db = (dir.path() / "sw.db").string();
    std::unique_ptr<Store> store = open_sqlite_store(db);
    Metrics metrics{"test"};
    TimePoint clock = kStart;
    config::Config cfg;
    std::unique_ptr<IncidentService> service;
    int pokes = 0;

    explicit Harness(bool send_updates = false) : cfg(make_config(db, send_updates)) { start(); }
    void start() {
        service =
            std::make_unique<IncidentService>(*store, &metrics, cfg, [this] { return clock; });
        service->set_outbox_poke([this] { ++pokes; });
    }
    void restart() {
        service.reset();
        store.reset();
        store = open_sqlite_store(db);
        start();
    }
    // A check of acme-shop; `confirmed` as SiteConfirmation would say after the re-check.
    void check(Findings f, bool confirmed, seconds step = 1s) {
        clock += step;
        CheckOutcome o;
        o.client = "acme";
        o.site = "acme-shop";
        o.url = "https://shop.acme.example/";
        o.at = clock;
        o.findings = std::move(f);
        o.confirmed_failure = confirmed;
        if (confirmed) o.failing_since = clock - 2s;
        service->record_check(o);
    }
    std::vector<OutboxRecord> pending() { return store->outbox_due(clock + 24h, 1000); }
    std::vector<outbox::Delivery> pending_to(outbox::Target t) {
        std::vector<outbox::Delivery> out;
        for (const auto& r : pending()) {
            auto d = outbox::delivery_from_json(nlohmann::json::parse(r.delivery_json));
            REQUIRE(d);
            if (d->target == t) out.push_back(*d);
        }
        return out;
    }
    // The outbox reports the entry sent (or failed) now.
    void finish(const std::string& key, bool sent, std::string why = {}) {
        auto r = store->find_outbox(key);
        REQUIRE(r);
        r->status = sent ? "sent" : "failed";
        r->attempts = 1;
        r->finished_at = clock;
        r->last_error = std::move(why);
        REQUIRE(store->update_outbox(*r));
        service->delivery_finished(*r);
    }
    void finish_all_pending() {
        for (const auto& r : pending()) finish(r.key, true);
    }
};

}  // namespace

TEST_CASE(
    "a confirmed failure opens one incident and queues the Strategist's phone call, the "
    "webhook and PagerDuty in the outbox",
    "[incidents][service]") {
    Harness h;
    h.check({http_503()}, false);
    CHECK(h.service->incidents({}).empty());
    h.check({http_503()}, true);
    const auto list = h.service->incidents({});
    REQUIRE(list.size() == 1);
    CHECK(list[0].incident.condition == Condition::error);
    CHECK(list[0].incident.state == IncidentState::open);
    CHECK(h.pokes >= 1);

    const auto phones = h.pending_to(outbox::Target::phone);
    REQUIRE(phones.size() == 1);
    CHECK(phones[0].address == "+15550100001");
    CHECK(phones[0].recipient == "Dana");
    CHECK(phones[0].message.event == "opened");
    CHECK(phones[0].message.ack_url.rfind("https://sitewatch.agency.example/ack/", 0) == 0);
    CHECK(h.pending_to(outbox::Target::webhook).size() == 1);
    CHECK(h.pending_to(outbox::Target::pagerduty).size() == 1);
    CHECK(h.pending_to(outbox::Target::asana).empty());
    // The incident row was written with the outbox rows.
    auto row = h.store->find_incident(list[0].incident.id);
    REQUIRE(row);
    CHECK(row->state == "open");
    CHECK_FALSE(row->escalation_json.empty());

    // Repeats add evidence, not incidents or notifications.
    const auto before = h.pending().size();
    h.check({http_503()}, true);
    h.check({http_503()}, true);
    CHECK(h.service->incidents({}).size() == 1);
    CHECK(h.pending().size() == before);
}

TEST_CASE(
    "without an acknowledgement the PM is phoned ack_timeout after the Strategist's call "
    "was delivered, and an acknowledgement stops the chain",
    "[incidents][service]") {
    Harness h;
    h.check({http_503()}, true);
    h.finish_all_pending();
    h.clock += 4min;
    h.service->tick();
    CHECK(h.pending_to(outbox::Target::phone).empty());
    h.clock += 61s;
    h.service->tick();
    auto phones = h.pending_to(outbox::Target::phone);
    REQUIRE(phones.size() == 1);
    CHECK(phones[0].recipient == "Priya");
    CHECK(phones[0].message.event == "escalated");
    h.finish_all_pending();

    const auto id = h.service->incidents({})[0].incident.id;
    CHECK(h.service->acknowledge(id, "Priya").outcome == DeskOutcome::done);
    CHECK(h.service->acknowledge(id, "Priya").outcome == DeskOutcome::conflict);
    // PagerDuty and the webhook hear of it; no more calls, however long.
    CHECK(h.pending_to(outbox::Target::pagerduty).size() == 1);
    CHECK(h.pending_to(outbox::Target::pagerduty)[0].message.event == "acknowledged");
    h.finish_all_pending();
    h.clock += 1h;
    h.service->tick();
    CHECK(h.pending_to(outbox::Target::phone).empty());
    const auto s = h.service->incident(id);
    REQUIRE(s);
    REQUIRE(s->escalation);
    CHECK(s->escalation->acknowledged());
    // The client is told once the resolution is in progress: drafted, as the config says.
    REQUIRE(s->extras.client_updates.size() == 1);
    CHECK(s->extras.client_updates[0].stage == "investigating");
    CHECK(s->extras.client_updates[0].status == "draft");
    CHECK_FALSE(s->extras.client_updates[0].text.empty());
}

TEST_CASE("a failed phone call makes the same person's SMS due at once", "[incidents][service]") {
    Harness h;
    h.check({http_503()}, true);
    const auto phone = h.pending_to(outbox::Target::phone);
    REQUIRE(phone.size() == 1);
    h.finish(phone[0].key, false, "HTTP 400: invalid number");
    const auto sms = h.pending_to(outbox::Target::sms);
    REQUIRE(sms.size() == 1);
    CHECK(sms[0].recipient == "Dana");
    CHECK(sms[0].address == "+15550100001");
}

TEST_CASE("a restarted service resumes the escalation where it was and queues no step twice",
          "[incidents][service]") {
    Harness h;
    h.check({http_503()}, true);
    const auto id = h.service->incidents({})[0].incident.id;
    const auto phone_key = h.pending_to(outbox::Target::phone).at(0).key;
    h.finish_all_pending();
    h.clock += 2min;
    h.restart();
    REQUIRE(h.service->incidents({}).size() == 1);
    CHECK(h.service->incidents({})[0].incident.id == id);
    h.service->tick();
    // The Strategist's delivered call is not queued again.
    CHECK(h.pending().empty());
    CHECK(h.store->find_outbox(phone_key)->status == "sent");
    // The timer continues from the delivery, not from the restart.
    h.clock += 3min + 1s;
    h.service->tick();
    const auto phones = h.pending_to(outbox::Target::phone);
    REQUIRE(phones.size() == 1);
    CHECK(phones[0].recipient == "Priya");
    // A new incident after the restart gets a new id.
    h.check({}, false);
    h.check({}, false);
    h.check({defaced()}, true);
    std::set<std::uint64_t> ids;
    for (const auto& s : h.service->incidents({})) ids.insert(s.incident.id);
    CHECK(ids.size() == 2);
}

TEST_CASE("an outbox outcome recorded while the daemon was down is applied on restart",
          "[incidents][service]") {
    Harness h;
    h.check({http_503()}, true);
    const auto key = h.pending_to(outbox::Target::phone).at(0).key;
    h.service.reset();  // dies before hearing the outcome
    auto r = h.store->find_outbox(key);
    r->status = "sent";
    r->finished_at = h.clock;
    REQUIRE(h.store->update_outbox(*r));
    h.restart();
    const auto s = h.service->incidents({}).at(0);
    REQUIRE(s.escalation);
    REQUIRE(s.escalation->steps().size() == 1);
    CHECK(s.escalation->steps()[0].status == escalation::StepStatus::delivered);
}

TEST_CASE("two conditions confirmed by the same check page once", "[incidents][service]") {
    Harness h;
    h.check({http_503(), defaced()}, true);
    const auto list = h.service->incidents({});
    REQUIRE(list.size() == 2);
    CHECK(h.pending_to(outbox::Target::phone).size() == 1);
    int followers = 0;
    for (const auto& s : list) followers += s.extras.paged_with ? 1 : 0;
    CHECK(followers == 1);
    // Acknowledging the paged one acknowledges the one it covered.
    for (const auto& s : list)
        if (!s.extras.paged_with) h.service->acknowledge(s.incident.id, "Dana");
    for (const auto& s : h.service->incidents({}))
        CHECK(s.incident.state == IncidentState::acknowledged);
}

TEST_CASE("a warning becomes an Asana task and pages nobody", "[incidents][service]") {
    Harness h;
    h.check({slow()}, false);
    h.check({slow()}, false);
    const auto list = h.service->incidents({});
    REQUIRE(list.size() == 1);
    CHECK(list[0].incident.severity == Severity::warning);
    CHECK(h.pending_to(outbox::Target::asana).size() == 1);
    CHECK(h.pending_to(outbox::Target::phone).empty());
    CHECK(h.pending_to(outbox::Target::pagerduty).empty());
    CHECK_FALSE(list[0].escalation);
}

TEST_CASE("a signed link acknowledges as the person it was sent to; a forged one is refused",
          "[incidents][service]") {
    Harness h;
    h.check({http_503()}, true);
    const auto url = h.pending_to(outbox::Target::phone).at(0).message.ack_url;
    const auto token = url.substr(url.rfind('/') + 1);
    auto forged = token;
    forged[forged.size() - 2] = forged[forged.size() - 2] == 'A' ? 'B' : 'A';
    CHECK_FALSE(h.service->check_ack_link(forged));
    CHECK(h.service->acknowledge_by_link(forged).outcome == DeskOutcome::invalid);
    const auto view = h.service->check_ack_link(token);
    REQUIRE(view);
    CHECK(view->person == "Dana");
    CHECK(h.service->acknowledge_by_link(token).outcome == DeskOutcome::done);
    CHECK(h.service->incidents({})[0].incident.acknowledged_by == "Dana");
    // The secret survives a restart: the link still verifies.
    h.restart();
    CHECK(h.service->check_ack_link(token));
}

TEST_CASE("a resolved critical incident schedules the PM's follow-up and tells the client",
          "[incidents][service]") {
    Harness h(/*send_updates=*/true);
    h.check({http_503()}, true);
    h.finish_all_pending();
    const auto id = h.service->incidents({})[0].incident.id;
    h.check({}, false);
    h.check({}, false);
    auto s = h.service->incident(id);
    REQUIRE(s);
    CHECK(s->incident.state == IncidentState::resolved);
    CHECK(s->incident.resolved_by == "auto");
    REQUIRE(s->extras.followup_at);
    // Sent to the client's contact on the first channel they have (SMS here).
    const auto sms = h.pending_to(outbox::Target::sms);
    REQUIRE(sms.size() == 1);
    CHECK(sms[0].recipient == "Sam");
    CHECK(sms[0].message.event == "client_update");
    CHECK_FALSE(sms[0].message.text.empty());
    // An SMS that fails falls back to the contact's email.
    h.finish(sms[0].key, false, "HTTP 400");
    CHECK(h.pending_to(outbox::Target::email).size() == 1);
    h.finish_all_pending();

    h.clock = *s->extras.followup_at + 1s;
    h.service->tick();
    const auto reminders = h.pending_to(outbox::Target::email);
    REQUIRE(reminders.size() == 1);
    CHECK(reminders[0].recipient == "Priya");
    CHECK(reminders[0].message.event == "followup");
}

TEST_CASE("a recurrence within the follow-up window reopens the same incident and pages again",
          "[incidents][service]") {
    Harness h;
    h.check({http_503()}, true);
    h.finish_all_pending();
    const auto id = h.service->incidents({})[0].incident.id;
    h.check({}, false);
    h.check({}, false);
    h.finish_all_pending();
    h.clock += 1h;
    h.check({http_503()}, true);
    const auto list = h.service->incidents({});
    REQUIRE(list.size() == 1);
    CHECK(list[0].incident.id == id);
    CHECK(list[0].incident.reopen_count == 1);
    CHECK_FALSE(list[0].extras.followup_at);
    const auto phones = h.pending_to(outbox::Target::phone);
    REQUIRE(phones.size() == 1);
    CHECK(phones[0].message.event == "reopened");
}

TEST_CASE("notes, hours and a debrief are kept with the incident; bad input is refused",
          "[incidents][service]") {
    Harness h;
    h.check({http_503()}, true);
    const auto id = h.service->incidents({})[0].incident.id;
    CHECK(h.service->add_note(id, "Lee", "restarted php-fpm", 1.5).outcome == DeskOutcome::done);
    CHECK(h.service->add_note(id, "Lee", "", std::nullopt).outcome == DeskOutcome::invalid);
    CHECK(h.service->add_note(id, "Lee", "x", -2.0).outcome == DeskOutcome::invalid);
    CHECK(h.service->add_note(999, "Lee", "x", std::nullopt).outcome == DeskOutcome::not_found);
    CHECK(h.service->add_debrief(id, {{"by", "Lee"}, {"issue", 5}}).outcome ==
          DeskOutcome::invalid);
    CHECK(h.service
              ->add_debrief(id, {{"by", "Lee"},
                                 {"issue", "php-fpm pool exhausted"},
                                 {"investigation", "slow plugin query"},
                                 {"resolution", "restarted, plugin patched"},
                                 {"prevention", "pool alert at 80%"}})
              .outcome == DeskOutcome::done);
    h.restart();
    const auto s = h.service->incident(id);
    REQUIRE(s);
    CHECK(s->extras.hours_logged == Approx(1.5));
    REQUIRE(s->extras.debrief);
    CHECK(s->incident.notes.size() == 1);
    CHECK(h.service->resolve(id, "Lee", "patched").outcome == DeskOutcome::done);
    CHECK(h.service->resolve(id, "Lee", "again").outcome == DeskOutcome::conflict);
}

TEST_CASE("a notification attempt that will be retried is a timeline entry of its incident",
          "[incidents][service]") {
    Harness h;
    h.check({http_503()}, true);
    const auto key = h.pending_to(outbox::Target::phone).at(0).key;
    auto r = h.store->find_outbox(key);
    REQUIRE(r);
    r->attempts = 1;
    r->last_error = "HTTP 503";
    r->next_attempt_at = h.clock + 2s;
    REQUIRE(h.store->update_outbox(*r));
    h.service->delivery_retrying(*r);
    const auto s = h.service->incidents({}).at(0);
    bool found = false;
    for (const auto& e : s.extras.timeline)
        found = found || (e.kind == "notify_retry" &&
                          e.text == "phone to Dana: attempt 1 failed (HTTP 503); retrying in 2 s");
    CHECK(found);
    // The escalation still waits for the step's final outcome.
    REQUIRE(s.escalation);
    CHECK(s.escalation->steps().at(0).status == escalation::StepStatus::outstanding);
}

TEST_CASE("the Strategist sends a drafted client update to the client's contacts once",
          "[incidents][service]") {
    Harness h;  // client_updates: draft
    h.check({http_503()}, true);
    const auto id = h.service->incidents({})[0].incident.id;
    CHECK(h.service->send_client_update(id, "Dana").outcome == DeskOutcome::conflict);
    h.finish_all_pending();
    REQUIRE(h.service->acknowledge(id, "Dana").outcome == DeskOutcome::done);
    h.finish_all_pending();
    CHECK(h.pending_to(outbox::Target::sms).empty());  // a draft is not sent
    CHECK(h.service->send_client_update(id, "Dana").outcome == DeskOutcome::done);
    const auto sms = h.pending_to(outbox::Target::sms);
    REQUIRE(sms.size() == 1);
    CHECK(sms[0].recipient == "Sam");
    CHECK(sms[0].message.event == "client_update");
    const auto s = h.service->incident(id);
    CHECK(s->extras.client_updates.back().status == "queued");
    CHECK(s->extras.client_updates.back().contacts == 1);
    // Sent already: a second send has nothing to send.
    CHECK(h.service->send_client_update(id, "Dana").outcome == DeskOutcome::conflict);
    CHECK(h.service->send_client_update(999, "Dana").outcome == DeskOutcome::not_found);
}

TEST_CASE("a warning that turns critical pages, and the integrations hear it escalated",
          "[incidents][service]") {
    Harness h;
    h.check({slow()}, false);
    h.check({slow()}, false);
    REQUIRE(h.service->incidents({}).size() == 1);
    h.finish_all_pending();
    Finding down_now = slow();
    down_now.severity = Severity::critical;
    down_now.summary = "timed out after 10 s";
    h.check({down_now}, true);
    const auto list = h.service->incidents({});
    REQUIRE(list.size() == 1);
    CHECK(list[0].incident.severity == Severity::critical);
    REQUIRE(h.pending_to(outbox::Target::phone).size() == 1);
    const auto hooks = h.pending_to(outbox::Target::webhook);
    REQUIRE(hooks.size() == 1);
    CHECK(hooks[0].message.event == "escalated");
    CHECK(h.pending_to(outbox::Target::pagerduty).size() == 1);
}

TEST_CASE("a team member whose name has a slash still gets the escalation's outcomes",
          "[incidents][service]") {
    Harness h;
    h.cfg.team[0].name = "Ops/Night";
    h.cfg.clients[0].team.strategist = "Ops/Night";
    h.restart();
    h.check({http_503()}, true);
    const auto phone = h.pending_to(outbox::Target::phone);
    REQUIRE(phone.size() == 1);
    CHECK(phone[0].recipient == "Ops/Night");
    h.finish(phone[0].key, false, "HTTP 400");
    // The failure reached the escalation: the same person's SMS is due.
    REQUIRE(h.pending_to(outbox::Target::sms).size() == 1);
}

namespace {

// A one-off maintenance window of the whole acme client.
void add_maintenance(Harness& h, TimePoint start, TimePoint end) {
    maintenance::MaintenanceWindow w;
    w.id = "acme#1";
    w.client = "acme";
    w.reason = "server upgrade";
    w.kind = maintenance::WindowKind::one_off;
    w.start = start;
    w.end = end;
    for (auto& c : h.cfg.clients)
        if (c.name == "acme") c.maintenance.push_back(w);
    h.service->apply_config(h.cfg);
}

bool has_entry(const IncidentSnapshot& s, const std::string& kind, const std::string& text) {
    for (const auto& e : s.extras.timeline)
        if (e.kind == kind && e.text.find(text) != std::string::npos) return true;
    return false;
}

bool maintenance_gauge_is(const Metrics& m, int value) {
    return m.serialize().find("sitewatch_maintenance_active{client=\"acme\",site=\"acme-shop\"} " +
                              std::to_string(value)) != std::string::npos;
}

}  // namespace

TEST_CASE("a site that goes down inside its maintenance window opens an incident that pages nobody",
          "[incidents][service][maintenance]") {
    Harness h;
    CHECK(maintenance_gauge_is(h.metrics, 0));
    add_maintenance(h, kStart - 1h, kStart + 10min);
    CHECK(maintenance_gauge_is(h.metrics, 1));
    h.check({http_503()}, false);
    h.check({http_503()}, true);
    const auto list = h.service->incidents({});
    REQUIRE(list.size() == 1);
    CHECK(list[0].incident.state == IncidentState::open);
    CHECK_FALSE(list[0].escalation);
    CHECK(has_entry(list[0], "maintenance", "opened during maintenance (server upgrade)"));
    for (auto t : {outbox::Target::phone, outbox::Target::sms, outbox::Target::slack,
                   outbox::Target::email, outbox::Target::pagerduty, outbox::Target::asana})
        CHECK(h.pending_to(t).empty());
    // Acknowledged and resolved during maintenance: still no client update.
    REQUIRE(h.service->acknowledge(list[0].incident.id, "Dana").outcome == DeskOutcome::done);
    REQUIRE(h.service->resolve(list[0].incident.id, "Dana", "rebooted").outcome ==
            DeskOutcome::done);
    CHECK(h.service->incident(list[0].incident.id)->extras.client_updates.empty());
    h.clock = kStart + 11min;
    h.service->tick();
    CHECK(h.pending_to(outbox::Target::phone).empty());
    CHECK(maintenance_gauge_is(h.metrics, 0));
}

TEST_CASE("an incident still open when the window ends starts escalating, after a restart too",
          "[incidents][service][maintenance]") {
    Harness h;
    add_maintenance(h, kStart - 1h, kStart + 10min);
    h.check({http_503()}, false);
    h.check({http_503()}, true);
    h.clock = kStart + 5min;
    h.service->tick();
    CHECK(h.pending_to(outbox::Target::phone).empty());
    // The daemon restarts during the window: the hold survives it.
    h.restart();
    h.service->tick();
    CHECK(h.pending_to(outbox::Target::phone).empty());
    h.clock = kStart + 10min;
    h.service->tick();
    const auto phones = h.pending_to(outbox::Target::phone);
    REQUIRE(phones.size() == 1);
    CHECK(phones[0].recipient == "Dana");
    CHECK(h.pending_to(outbox::Target::pagerduty).size() == 1);
    const auto s = h.service->incidents({}).at(0);
    REQUIRE(s.escalation);
    CHECK(has_entry(s, "maintenance", "window ended with the incident still open"));
    // Escalation then runs as usual; a later tick queues nothing twice.
    h.service->tick();
    CHECK(h.pending_to(outbox::Target::phone).size() == 1);
}

TEST_CASE("acknowledging and resolving feed the time-to-acknowledge and -resolve histograms",
          "[incidents][service][metrics]") {
    Harness h;
    h.check({http_503()}, false);
    h.check({http_503()}, true);
    const auto id = h.service->incidents({}).at(0).incident.id;
    h.clock += 2min;
    REQUIRE(h.service->acknowledge(id, "Dana").outcome == DeskOutcome::done);
    h.clock += 10min;
    REQUIRE(h.service->resolve(id, "Dana", "fixed").outcome == DeskOutcome::done);
    const auto text = h.metrics.serialize();
    const std::string labels = "{client=\"acme\",condition=\"error\",severity=\"critical\"";
    CHECK(text.find("sitewatch_incident_time_to_acknowledge_seconds_count" + labels + "} 1") !=
          std::string::npos);
    CHECK(text.find("sitewatch_incident_time_to_resolve_seconds_count" + labels + "} 1") !=
          std::string::npos);
    // First failing check (2 s before the confirming one) to acknowledgement: 122 s.
    CHECK(text.find("sitewatch_incident_time_to_acknowledge_seconds_sum" + labels + "} 122") !=
          std::string::npos);
}
