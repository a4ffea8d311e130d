#include "alerting/escalation/escalation.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace sitewatch;
using namespace sitewatch::escalation;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0 = sys_days{year{2026} / 11 / 24} + 12h;
constexpr std::uint64_t kIncident = 42;

Person dana() {
    return {"Dana", Role::strategist, "+15550001", "+15550001", "@dana", "dana@agency.example"};
}
Person pat() { return {"Pat", Role::pm, "+15550002", "+15550002", "@pat", "pat@agency.example"}; }
Person lee() {
    return {"Lee", Role::lead_dev, "+15550003", "+15550003", "@lee", "lee@agency.example"};
}

// The client's team as the config lists it, in no particular order.
std::vector<Person> team() { return {lee(), dana(), pat()}; }

std::vector<std::string> ids(const std::vector<NotificationStep>& steps) {
    std::vector<std::string> out;
    for (const auto& s : steps) out.push_back(s.step_id);
    return out;
}

bool timeline_says(const Escalation& e, std::string_view text) {
    return std::any_of(e.timeline().begin(), e.timeline().end(), [&](const TimelineEntry& t) {
        return t.text.find(text) != std::string::npos;
    });
}

}  // namespace

TEST_CASE("channels and roles have the config's names", "[escalation]") {
    for (const auto c : {Channel::phone, Channel::sms, Channel::slack, Channel::email})
        CHECK(parse_channel(to_string(c)) == c);
    CHECK(std::string(to_string(Channel::sms)) == "sms");
    CHECK_FALSE(parse_channel("pager"));
    CHECK_FALSE(parse_channel("Phone"));
    for (const auto r : {Role::strategist, Role::pm, Role::lead_dev})
        CHECK(parse_role(to_string(r)) == r);
    CHECK_FALSE(parse_role("cto"));
}

TEST_CASE("an opened incident calls the Strategist by phone first", "[escalation]") {
    Escalation e(kIncident, team(), EscalationPolicy{}, kT0);
    REQUIRE(e.next_wakeup() == kT0);
    const auto steps = e.due(kT0);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].step_id == "42:1:0:Dana:phone");
    CHECK(steps[0].person.name == "Dana");
    CHECK(steps[0].channel == Channel::phone);
    CHECK(steps[0].address == "+15550001");
    CHECK(steps[0].level == 1);
    CHECK(steps[0].round == 0);
    // Handed out once: asking again gives nothing new while the call is out.
    CHECK(e.due(kT0 + 1s).empty());
    CHECK(e.level() == 1);
    CHECK_FALSE(e.exhausted());
}

TEST_CASE("a failed call falls back to SMS, then Slack, then email", "[escalation]") {
    Escalation e(kIncident, team(), EscalationPolicy{}, kT0);
    auto step = e.due(kT0);
    REQUIRE(ids(step) == std::vector<std::string>{"42:1:0:Dana:phone"});

    REQUIRE(e.failed(step[0].step_id, kT0 + 40s, "no answer"));
    REQUIRE(e.next_wakeup());
    CHECK(*e.next_wakeup() <= kT0 + 40s);  // due at once
    step = e.due(kT0 + 40s);
    REQUIRE(ids(step) == std::vector<std::string>{"42:1:0:Dana:sms"});

    REQUIRE(e.failed(step[0].step_id, kT0 + 41s, "Twilio 500"));
    step = e.due(kT0 + 41s);
    REQUIRE(ids(step) == std::vector<std::string>{"42:1:0:Dana:slack"});

    REQUIRE(e.failed(step[0].step_id, kT0 + 42s, "410 channel_is_archived"));
    step = e.due(kT0 + 42s);
    REQUIRE(ids(step) == std::vector<std::string>{"42:1:0:Dana:email"});

    SECTION("a delivery ends the fallback") {
        REQUIRE(e.delivered(step[0].step_id, kT0 + 43s));
        CHECK(e.due(kT0 + 44s).empty());
        CHECK(e.next_wakeup() == kT0 + 43s + 5min);
    }
    SECTION("nobody reachable on any channel: the PM at once, no waiting") {
        REQUIRE(e.failed(step[0].step_id, kT0 + 43s, "550 mailbox unavailable"));
        CHECK(ids(e.due(kT0 + 43s)) == std::vector<std::string>{"42:2:0:Pat:phone"});
        CHECK(timeline_says(e, "nobody at level 1 could be reached"));
    }
    SECTION("an outcome is recorded once") {
        CHECK_FALSE(e.failed("42:1:0:Dana:phone", kT0 + 50s, "again"));
        CHECK_FALSE(e.delivered("42:1:0:Dana:phone", kT0 + 50s));
        CHECK_FALSE(e.delivered("42:9:0:Nobody:phone", kT0 + 50s));
    }
}

TEST_CASE("without acknowledgement within ack_timeout the PM is called, then the lead developer",
          "[escalation]") {
    Escalation e(kIncident, team(), EscalationPolicy{}, kT0);
    const auto call = e.due(kT0);
    REQUIRE(e.delivered(call[0].step_id, kT0 + 30s));

    // The wait runs from the delivery, not from the opening.
    CHECK(e.next_wakeup() == kT0 + 30s + 5min);
    CHECK(e.due(kT0 + 5min + 29s).empty());
    auto steps = e.due(kT0 + 5min + 30s);
    REQUIRE(ids(steps) == std::vector<std::string>{"42:2:0:Pat:phone"});
    CHECK(e.level() == 2);
    CHECK(timeline_says(e, "no acknowledgement within 5m"));

    REQUIRE(e.delivered(steps[0].step_id, kT0 + 6min));
    CHECK(e.due(kT0 + 10min).empty());
    steps = e.due(kT0 + 11min);
    REQUIRE(ids(steps) == std::vector<std::string>{"42:3:0:Lee:phone"});
    CHECK(e.level() == 3);
    CHECK_FALSE(e.exhausted());

    // A late call from Dana's level does not hold up the chain.
    CHECK(e.due(kT0 + 12min).empty());
}

TEST_CASE("acknowledgement stops the escalation", "[escalation]") {
    Escalation e(kIncident, team(), EscalationPolicy{}, kT0);
    const auto call = e.due(kT0);
    REQUIRE(e.delivered(call[0].step_id, kT0 + 20s));
    REQUIRE(e.acknowledge("Dana", kT0 + 2min));
    CHECK(e.acknowledged());
    CHECK(e.acknowledged_by() == "Dana");
    CHECK(e.acknowledged_at() == kT0 + 2min);
    CHECK(e.finished());
    CHECK_FALSE(e.next_wakeup());
    for (const auto later : {kT0 + 6min, kT0 + 1h, kT0 + 48h}) CHECK(e.due(later).empty());
    CHECK_FALSE(e.acknowledge("Pat", kT0 + 3min));
    CHECK(e.acknowledged_by() == "Dana");
    CHECK(timeline_says(e, "Dana acknowledged"));

    SECTION("so does the incident's resolution") {
        Escalation r(kIncident, team(), EscalationPolicy{}, kT0);
        r.due(kT0);
        REQUIRE(r.cancel(kT0 + 1min, "the site recovered"));
        CHECK(r.due(kT0 + 1h).empty());
        CHECK_FALSE(r.acknowledged());
        CHECK_FALSE(r.next_wakeup());
    }
}

TEST_CASE("an exhausted chain notifies everyone on every channel a bounded number of times",
          "[escalation]") {
    EscalationPolicy policy;
    policy.final_rounds = 2;
    policy.final_round_interval = 10min;
    Escalation e(kIncident, team(), policy, kT0);
    auto t = kT0;
    for (int level = 1; level <= 3; ++level) {
        const auto steps = e.due(t);
        REQUIRE(steps.size() == 1);
        REQUIRE(e.delivered(steps[0].step_id, t + 10s));
        t += 10s + 5min;
    }
    auto round = e.due(t);
    CHECK(e.exhausted());
    REQUIRE(round.size() == 12);  // three people, four channels each
    for (const auto& s : round) {
        CHECK(s.level == 4);
        CHECK(s.round == 1);
    }
    const auto round_ids = ids(round);
    CHECK(std::count(round_ids.begin(), round_ids.end(), "42:4:1:Pat:slack") == 1);
    CHECK(timeline_says(e, "chain exhausted"));

    CHECK(e.next_wakeup() == t + 10min);
    CHECK(e.due(t + 9min).empty());
    round = e.due(t + 10min);
    REQUIRE(round.size() == 12);
    CHECK(round[0].round == 2);
    CHECK(e.final_rounds_sent() == 2);

    CHECK(e.finished());
    CHECK_FALSE(e.next_wakeup());
    CHECK(e.due(t + 20min).empty());
    CHECK(e.due(t + 240h).empty());
}

TEST_CASE("a daemon that slept through the final rounds sends one, not a burst", "[escalation]") {
    EscalationPolicy policy;
    policy.final_rounds = 3;
    Escalation e(kIncident, {dana()}, policy, kT0);
    REQUIRE(e.delivered(e.due(kT0)[0].step_id, kT0));
    CHECK(e.due(kT0 + 3h).size() == 4);
    CHECK(e.final_rounds_sent() == 1);
    CHECK(e.next_wakeup() == kT0 + 3h + 5min);
}

TEST_CASE("a person without a phone number is texted first", "[escalation]") {
    auto d = dana();
    d.phone.clear();
    d.slack.clear();
    Escalation e(kIncident, {d, pat()}, EscalationPolicy{}, kT0);
    auto steps = e.due(kT0);
    REQUIRE(ids(steps) == std::vector<std::string>{"42:1:0:Dana:sms"});
    REQUIRE(e.failed(steps[0].step_id, kT0 + 1s, "undeliverable"));
    // No Slack either: straight to email.
    CHECK(ids(e.due(kT0 + 1s)) == std::vector<std::string>{"42:1:0:Dana:email"});
}

TEST_CASE("the channels are tried in the configured order", "[escalation]") {
    EscalationPolicy policy;
    policy.channels = {Channel::slack, Channel::email};
    Escalation e(kIncident, team(), policy, kT0);
    const auto steps = e.due(kT0);
    REQUIRE(ids(steps) == std::vector<std::string>{"42:1:0:Dana:slack"});
    REQUIRE(e.failed(steps[0].step_id, kT0, "webhook revoked"));
    REQUIRE(ids(e.due(kT0)) == std::vector<std::string>{"42:1:0:Dana:email"});
}

TEST_CASE("a role the client has no one for is skipped, and the timeline says so", "[escalation]") {
    Escalation e(kIncident, {lee(), dana()}, EscalationPolicy{}, kT0);
    CHECK(e.levels() == 2);
    CHECK(timeline_says(e, "no PM for this client: skipped"));
    const auto call = e.due(kT0);
    REQUIRE(e.delivered(call[0].step_id, kT0));
    CHECK(ids(e.due(kT0 + 5min)) == std::vector<std::string>{"42:2:0:Lee:phone"});

    SECTION("nobody at all: nothing is ever due") {
        Escalation none(kIncident, {}, EscalationPolicy{}, kT0);
        CHECK(timeline_says(none, "nobody in the escalation chain"));
        CHECK(none.due(kT0).empty());
        CHECK(none.due(kT0 + 1h).empty());
        CHECK(none.finished());
        CHECK_FALSE(none.next_wakeup());
    }
}

TEST_CASE("a step nobody reports on counts as failed after ack_timeout", "[escalation]") {
    Escalation e(kIncident, team(), EscalationPolicy{}, kT0);
    e.due(kT0);
    CHECK(e.next_wakeup() == kT0 + 5min);
    CHECK(e.due(kT0 + 4min).empty());
    CHECK(ids(e.due(kT0 + 5min)) == std::vector<std::string>{"42:1:0:Dana:sms"});
    CHECK(e.steps()[0].status == StepStatus::timed_out);
    // A late report is still recorded.
    CHECK(e.delivered("42:1:0:Dana:phone", kT0 + 6min));
    CHECK(e.steps()[0].status == StepStatus::delivered);
}

TEST_CASE("a step handed out before a crash is handed out again with the same id after restore",
          "[escalation]") {
    Escalation e(kIncident, team(), EscalationPolicy{}, kT0);
    auto first = e.due(kT0);
    REQUIRE(e.failed(first[0].step_id, kT0 + 30s, "busy"));
    const auto handed = e.due(kT0 + 30s);  // the SMS, then the daemon dies before any report
    REQUIRE(ids(handed) == std::vector<std::string>{"42:1:0:Dana:sms"});
    const auto saved = e.to_json_string();

    std::string error;
    auto restored = Escalation::from_json_string(saved, &error);
    REQUIRE(restored);
    CHECK(error.empty());
    CHECK(*restored == e);
    CHECK(restored->to_json_string() == saved);

    const auto again = restored->due(kT0 + 1min);
    CHECK(again == handed);  // same id, same person, same address
    CHECK(restored->due(kT0 + 1min).empty());
    REQUIRE(restored->delivered("42:1:0:Dana:sms", kT0 + 70s));
    CHECK(ids(restored->due(kT0 + 70s + 5min)) == std::vector<std::string>{"42:2:0:Pat:phone"});

    SECTION("and the rest resumes exactly as without the crash") {
        REQUIRE(e.delivered("42:1:0:Dana:sms", kT0 + 70s));
        CHECK(ids(e.due(kT0 + 70s + 5min)) == std::vector<std::string>{"42:2:0:Pat:phone"});
        CHECK(e == *restored);
    }
    SECTION("an acknowledged escalation stays stopped") {
        REQUIRE(restored->acknowledge("Pat", kT0 + 7min));
        auto back = Escalation::from_json(restored->to_json());
        REQUIRE(back);
        CHECK(back->acknowledged_by() == "Pat");
        CHECK(back->due(kT0 + 1h).empty());
        CHECK_FALSE(back->next_wakeup());
    }
}

TEST_CASE("a corrupt escalation state is refused, never half-restored", "[escalation]") {
    Escalation e(kIncident, team(), EscalationPolicy{}, kT0);
    e.due(kT0);
    const auto good = e.to_json();
    REQUIRE(Escalation::from_json(good));

    std::string error;
    CHECK_FALSE(Escalation::from_json_string("not json", &error));
    CHECK(error.find("not valid JSON") != std::string::npos);
    CHECK_FALSE(Escalation::from_json_string("[]", &error));

    auto j = good;
    j["version"] = 2;
    CHECK_FALSE(Escalation::from_json(j, &error));
    j = good;
    j.erase("steps");
    CHECK_FALSE(Escalation::from_json(j, &error));
    CHECK(error.find("steps") != std::string::npos);
    j = good;
    j["surprise"] = true;
    CHECK_FALSE(Escalation::from_json(j, &error));
    j = good;
    j["steps"][0]["id"] = "42:1:0:Dana:sms";
    CHECK_FALSE(Escalation::from_json(j, &error));
    CHECK(error.find("does not match") != std::string::npos);
    j = good;
    j["steps"][0]["channel"] = "pager";
    CHECK_FALSE(Escalation::from_json(j, &error));
    j = good;
    j["level"] = 7;
    CHECK_FALSE(Escalation::from_json(j, &error));
    j = good;
    j["policy"]["ack_timeout_ms"] = "5m";
    CHECK_FALSE(Escalation::from_json(j, &error));
    j = good;
    j["started_at_unix_ms"] = 1.5;
    CHECK_FALSE(Escalation::from_json(j, &error));
    j = good;
    j["people"][0]["role"] = "cto";
    CHECK_FALSE(Escalation::from_json(j, &error));
    j = good;
    j["acknowledged_by"] = "Dana";
    CHECK_FALSE(Escalation::from_json(j, &error));
}
