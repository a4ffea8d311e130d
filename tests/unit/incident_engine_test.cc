#include "alerting/incidents/incident_engine.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

using namespace sitewatch;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kStart = sys_days{year{2026} / 11 / 24} + 12h;

Finding refused() {
    return {Condition::down,
            Severity::critical,
            "transport",
            "connection refused",
            {"transport.refused", "ECONNREFUSED", "", ""}};
}
Finding timeout() {
    return {Condition::down, Severity::critical, "transport", "timed out after 10 s", {}};
}
Finding expiring() {
    return {Condition::security,
            Severity::warning,
            "tls",
            "certificate expires in 5 days",
            {"tls.expiring", "", "", ""}};
}
Finding expired() {
    return {Condition::security, Severity::critical, "tls", "certificate expired", {}};
}

// One site checked every 30 s through SiteConfirmation, as the daemon does.
struct Site {
    explicit Site(IncidentPolicy p = {})
        : confirmation(p.failures, p.recover_successes), engine(p) {}

    SiteConfirmation confirmation;
    IncidentEngine engine;
    TimePoint clock = kStart;
    std::vector<IncidentEvent> events;

    std::vector<IncidentEvent> check(const Findings& fs, nanoseconds step = 30s) {
        clock += duration_cast<Clock::duration>(step);
        const auto update = confirmation.record(fs, clock);
        auto out = engine.record(CheckOutcome::from("acme", "www", "https://acme.example/", fs,
                                                    update, confirmation, clock));
        events.insert(events.end(), out.begin(), out.end());
        return out;
    }
    int pages() const {
        return static_cast<int>(
            std::count_if(events.begin(), events.end(), [](const auto& e) { return e.page; }));
    }
    int count(IncidentEventKind k) const {
        return static_cast<int>(std::count_if(events.begin(), events.end(),
                                              [k](const auto& e) { return e.kind == k; }));
    }
};

}  // namespace

TEST_CASE("a site that fails twice opens one critical incident and pages", "[incidents]") {
    Site site;
    site.check({});
    CHECK(site.check({refused()}).empty());
    const TimePoint first_failure = site.clock;
    const auto events = site.check({refused()}, 2s);  // the confirming re-check
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == IncidentEventKind::opened);
    CHECK(events[0].page);
    CHECK(events[0].severity == Severity::critical);
    CHECK(events[0].condition == Condition::down);
    const Incident* i = site.engine.find(events[0].incident_id);
    REQUIRE(i != nullptr);
    CHECK(i->state == IncidentState::open);
    CHECK(i->started_at == first_failure);
    CHECK(i->detected_at == site.clock);
    CHECK(i->summary == "connection refused");
    CHECK(i->first_evidence.rule == "transport.refused");
    CHECK(i->occurrences == 2);
    CHECK(i->timeline.front().kind == "opened");
    CHECK(site.engine.open().size() == 1);
}

TEST_CASE("a one-off failure pages nobody", "[incidents]") {
    Site site;
    site.check({});
    site.check({refused()});
    site.check({}, 2s);
    site.check({});
    CHECK(site.events.empty());
    CHECK(site.engine.all().empty());
}

TEST_CASE("a warning-only finding opens a warning incident that pages nobody", "[incidents]") {
    Site site;
    CHECK(site.check({expiring()}).empty());  // one check is not enough, as for failures
    const auto events = site.check({expiring()});
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == IncidentEventKind::opened);
    CHECK(events[0].severity == Severity::warning);
    CHECK_FALSE(events[0].page);
    for (int n = 0; n < 10; ++n) site.check({expiring()});
    CHECK(site.pages() == 0);
    CHECK(site.engine.open().size() == 1);
}

TEST_CASE("a warning whose condition turns critical is raised and pages", "[incidents]") {
    Site site;
    site.check({expiring()});
    site.check({expiring()});
    const auto unconfirmed = site.check({expired()});  // new evidence, not yet confirmed
    REQUIRE(unconfirmed.size() == 1);
    CHECK(unconfirmed[0].kind == IncidentEventKind::evidence_added);
    CHECK_FALSE(unconfirmed[0].page);
    const auto events = site.check({expired()});
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == IncidentEventKind::severity_raised);
    CHECK(events[0].page);
    CHECK(site.engine.all().size() == 1);
    CHECK(site.engine.all().begin()->second.severity == Severity::critical);
}

TEST_CASE("repeats add evidence, not incidents", "[incidents]") {
    Site site;
    for (int n = 0; n < 20; ++n) site.check({refused()});
    const auto changed = site.check({timeout()});
    REQUIRE(changed.size() == 1);
    CHECK(changed[0].kind == IncidentEventKind::evidence_added);
    CHECK_FALSE(changed[0].page);
    CHECK(site.engine.all().size() == 1);
    const Incident& i = site.engine.all().begin()->second;
    CHECK(i.occurrences == 21);
    CHECK(i.last_seen_at == site.clock);
    CHECK(site.pages() == 1);
    CHECK(site.count(IncidentEventKind::opened) == 1);
}

TEST_CASE("an incident resolves itself after enough passing checks", "[incidents]") {
    Site site;
    site.check({refused()});
    site.check({refused()});
    CHECK(site.check({}).empty());
    const auto events = site.check({});
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == IncidentEventKind::resolved);
    CHECK_FALSE(events[0].page);
    const Incident& i = site.engine.all().begin()->second;
    CHECK(i.state == IncidentState::resolved);
    CHECK(i.resolved_by == "auto");
    CHECK(i.resolved_at == site.clock);
    CHECK(site.engine.open().empty());
}

TEST_CASE("a recurrence within the follow-up window reopens the same incident", "[incidents]") {
    Site site;
    site.check({refused()});
    site.check({refused()});
    site.check({});
    site.check({});
    site.clock += 3h;
    site.check({refused()});
    const auto events = site.check({refused()});
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == IncidentEventKind::reopened);
    CHECK(events[0].page);
    REQUIRE(site.engine.all().size() == 1);
    const Incident& i = site.engine.all().begin()->second;
    CHECK(i.state == IncidentState::open);
    CHECK(i.reopen_count == 1);
    CHECK_FALSE(i.resolved_at.has_value());
    CHECK(i.timeline.back().kind == "reopened");
}

TEST_CASE("after the follow-up window a recurrence opens a new incident", "[incidents]") {
    Site site;
    site.check({refused()});
    site.check({refused()});
    site.check({});
    site.check({});
    const std::uint64_t first = site.engine.all().begin()->first;
    site.clock += 8 * 24h;
    site.check({refused()});
    const auto events = site.check({refused()});
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == IncidentEventKind::opened);
    CHECK(events[0].incident_id != first);
    const Incident* i = site.engine.find(events[0].incident_id);
    REQUIRE(i != nullptr);
    CHECK(i->previous_incident == first);
    CHECK(i->reopen_count == 0);
}

TEST_CASE("a flapping site is reported once and pages nobody", "[incidents]") {
    Site site;
    // Never two failures in a row: confirmation alone would never open anything, so fail
    // twice first to have an open incident, then alternate.
    site.check({refused()});
    site.check({refused()});
    REQUIRE(site.pages() == 1);
    site.engine.acknowledge(site.events[0].incident_id, "ana", site.clock);
    for (int n = 0; n < 40; ++n) site.check(n % 2 ? Findings{refused()} : Findings{});
    CHECK(site.count(IncidentEventKind::flapping_started) == 1);
    CHECK(site.pages() == 1);  // only the first, confirmed outage
    CHECK(site.engine.flapping("www"));
    const auto started = std::find_if(site.events.begin(), site.events.end(), [](const auto& e) {
        return e.kind == IncidentEventKind::flapping_started;
    });
    CHECK_FALSE(started->page);
    const Incident* i = site.engine.find(site.events[0].incident_id);
    REQUIRE(i != nullptr);
    CHECK(std::any_of(i->timeline.begin(), i->timeline.end(),
                      [](const auto& e) { return e.kind == "flapping_started"; }));

    for (int n = 0; n < 30; ++n) site.check({});
    CHECK(site.count(IncidentEventKind::flapping_stopped) == 1);
    CHECK_FALSE(site.engine.flapping("www"));
    CHECK(site.pages() == 1);
}

TEST_CASE("an incident opened while flapping pages once flapping stops, if still down",
          "[incidents]") {
    IncidentPolicy policy;
    policy.followup_window = 0s;  // every recurrence is a new incident
    Site site(policy);
    for (int n = 0; n < 30; ++n) site.check(n % 2 ? Findings{refused()} : Findings{});
    REQUIRE(site.engine.flapping("www"));
    CHECK(site.engine.all().empty());             // never two failures in a row: nothing confirmed
    const auto opened = site.check({refused()});  // after the last alternating failure
    REQUIRE(opened.size() == 1);
    CHECK(opened[0].kind == IncidentEventKind::opened);
    CHECK_FALSE(opened[0].page);  // still flapping
    for (int n = 0; n < 30; ++n) site.check({refused()});
    CHECK_FALSE(site.engine.flapping("www"));
    CHECK(site.count(IncidentEventKind::page_due) == 1);
    CHECK(site.pages() == 1);
    CHECK(site.engine.open().size() == 1);
}

TEST_CASE("time to detect, acknowledge and resolve are computed from the timestamps",
          "[incidents]") {
    Site site;
    site.check({refused()});
    site.check({refused()}, 2s);
    const std::uint64_t id = site.events.at(0).incident_id;
    REQUIRE(site.engine.acknowledge(id, "ana", site.clock + 4min));
    CHECK_FALSE(site.engine.acknowledge(id, "bo", site.clock + 5min));
    const auto r = site.engine.resolve(id, "ana", site.clock + 1h, "restarted php-fpm");
    REQUIRE(r);
    CHECK(r->kind == IncidentEventKind::resolved);
    const Incident* i = site.engine.find(id);
    CHECK(i->time_to_detect() == 2s);
    CHECK(i->time_to_acknowledge() == 2s + 4min);
    CHECK(i->time_to_resolve() == 2s + 1h);
    CHECK(i->acknowledged_by == "ana");
    CHECK(i->resolved_by == "ana");
    REQUIRE(i->notes.size() == 1);
    CHECK(i->notes[0].text == "restarted php-fpm");
    CHECK(site.engine.add_note(id, "bo", "client informed", site.clock + 2h));
    CHECK(i->timeline.back().kind == "note");
    CHECK_FALSE(site.engine.add_note(999, "bo", "nobody", site.clock));
}

TEST_CASE("the timeline keeps its first and latest entries", "[incidents]") {
    Incident i;
    for (int n = 0; n < 150; ++n) i.add_timeline({kStart, "note", std::to_string(n), nullptr});
    CHECK(i.timeline.size() == Incident::kTimelineMax);
    CHECK(i.timeline.front().text == "0");
    CHECK(i.timeline[Incident::kTimelineHead - 1].text == "9");
    CHECK(i.timeline.back().text == "149");
    CHECK(i.timeline_dropped == 50);
}

TEST_CASE("the engine's state survives its JSON form", "[incidents]") {
    Site site;
    site.check({refused(), expiring()});
    site.check({refused(), expiring()});
    site.check({});
    site.check({});
    site.check({refused()});
    const auto saved = site.engine.to_json();
    const auto back = IncidentEngine::from_json(nlohmann::json::parse(saved.dump()));
    REQUIRE(back.has_value());
    CHECK(back->to_json() == saved);
    CHECK(back->next_id() == site.engine.next_id());
    REQUIRE(back->all().size() == 2);

    // The restored engine carries on: the pending failure confirms and reopens, and the next
    // new incident gets a fresh id.
    IncidentEngine restored = *back;
    const auto update = site.confirmation.record({refused()}, site.clock + 2s);
    const auto events =
        restored.record(CheckOutcome::from("acme", "www", "https://acme.example/", {refused()},
                                           update, site.confirmation, site.clock + 2s));
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == IncidentEventKind::reopened);
    CHECK(restored.next_id() == site.engine.next_id());
}

TEST_CASE("unreadable saved state is refused, not half-used", "[incidents]") {
    Site site;
    site.check({refused()});
    site.check({refused()});
    const auto good = site.engine.to_json();
    REQUIRE(IncidentEngine::from_json(good));

    auto bad_state = good;
    bad_state["incidents"][0]["state"] = "sleeping";
    CHECK_FALSE(IncidentEngine::from_json(bad_state));

    auto reused_id = good;
    reused_id["next_id"] = 1;
    CHECK_FALSE(IncidentEngine::from_json(reused_id));

    auto bad_key = good;
    bad_key["keys"][0]["latest"] = 42;
    CHECK_FALSE(IncidentEngine::from_json(bad_key));

    auto bad_version = good;
    bad_version["version"] = 99;
    CHECK_FALSE(IncidentEngine::from_json(bad_version));

    auto bad_flap = good;
    bad_flap["flapping"]["www"]["history"] = "PFPF";
    CHECK_FALSE(IncidentEngine::from_json(bad_flap));

    CHECK_FALSE(IncidentEngine::from_json(nlohmann::json::array()));
}
