#include "alerting/confirmation/site_confirmation.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "checks/evaluate.h"

using namespace sitewatch;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kStart = sys_days{year{2026} / 11 / 24} + 12h;

Finding critical(std::string summary) {
    return {Condition::down, Severity::critical, "transport", std::move(summary), {}};
}
Finding warning(std::string summary) {
    return {Condition::down, Severity::warning, "response_time", std::move(summary), {}};
}

const Findings kPass{};
const Findings kRefused{critical("connection refused")};
const Findings kSlow{warning("slow response: 3.00 s (limit 2.00 s)")};

// Feeds checks one per 30 s and keeps the transitions, as the daemon would log them.
struct Site {
    explicit Site(int failures = 2, int recover_successes = 2)
        : state(failures, recover_successes) {}

    SiteConfirmation state;
    TimePoint clock = kStart;
    std::vector<HealthTransition> transitions;

    ConfirmationUpdate check(const Findings& fs) {
        clock += 30s;
        auto u = state.record(fs, clock);
        if (u.transition) transitions.push_back(*u.transition);
        return u;
    }
};

}  // namespace

TEST_CASE("a site never checked is pending", "[confirmation]") {
    SiteConfirmation s;
    CHECK(s.health() == SiteHealth::pending);
    CHECK(s.consecutive_failures() == 0);
    CHECK_FALSE(s.failing_since().has_value());
    CHECK_FALSE(s.last_checked_at().has_value());
    CHECK_FALSE(s.awaiting_confirmation());
}

TEST_CASE("a first passing check makes a site up", "[confirmation]") {
    Site site;
    const auto u = site.check(kPass);
    CHECK(u.health == SiteHealth::up);
    CHECK_FALSE(u.failed);
    CHECK_FALSE(u.confirm_recheck);
    REQUIRE(u.transition.has_value());
    CHECK(u.transition->kind == TransitionKind::became_up);
    CHECK(u.transition->from == SiteHealth::pending);
    CHECK(u.transition->at == site.clock);
    CHECK(site.state.last_checked_at() == site.clock);
    CHECK(site.state.consecutive_successes() == 1);
}

TEST_CASE("a site that answers 503 twice is down", "[confirmation]") {
    Response r;
    r.url = r.final_url = "https://acme.example/";
    r.http_status = 503;
    const Findings findings = evaluate(r, CheckSpec{}, kStart);

    Site site;
    const auto first = site.check(findings);
    const TimePoint first_at = site.clock;
    CHECK(first.failed);
    CHECK(first.health == SiteHealth::degraded);
    CHECK(first.confirm_recheck);
    CHECK(site.state.awaiting_confirmation());
    REQUIRE(first.transition.has_value());
    CHECK(first.transition->kind == TransitionKind::became_degraded);
    CHECK(first.transition->reason == "HTTP 503 Service Unavailable");

    const auto second = site.check(findings);
    CHECK(second.health == SiteHealth::down);
    CHECK_FALSE(second.confirm_recheck);
    CHECK_FALSE(site.state.awaiting_confirmation());
    REQUIRE(second.transition.has_value());
    CHECK(second.transition->kind == TransitionKind::became_down);
    CHECK(second.transition->from == SiteHealth::degraded);
    CHECK(second.transition->describe() == "became down: HTTP 503 Service Unavailable");
    CHECK(site.state.consecutive_failures() == 2);
    CHECK(site.state.failing_since() == first_at);

    const auto third = site.check(findings);
    CHECK(third.health == SiteHealth::down);
    CHECK_FALSE(third.transition.has_value());
    CHECK_FALSE(third.confirm_recheck);
}

TEST_CASE("one blip never makes a site down", "[confirmation]") {
    Site site;
    site.check(kPass);
    const auto blip = site.check(kRefused);
    CHECK(blip.health == SiteHealth::degraded);
    CHECK(blip.confirm_recheck);
    CHECK(site.state.failing_since() == site.clock);

    const auto recheck = site.check(kPass);
    CHECK(recheck.health == SiteHealth::up);
    CHECK_FALSE(site.state.failing_since().has_value());
    CHECK(site.state.consecutive_failures() == 0);
    REQUIRE(recheck.transition.has_value());
    CHECK(recheck.transition->kind == TransitionKind::became_up);
    CHECK(recheck.transition->reason == "check passed");
}

TEST_CASE("with confirm.failures 1 the first critical failure is down at once", "[confirmation]") {
    Site site(1, 2);
    const auto u = site.check(kRefused);
    CHECK(u.health == SiteHealth::down);
    CHECK_FALSE(u.confirm_recheck);
    REQUIRE(u.transition.has_value());
    CHECK(u.transition->kind == TransitionKind::became_down);
    CHECK(u.transition->from == SiteHealth::pending);
}

TEST_CASE("with confirm.failures 3 every unconfirmed failure asks for a fast re-check",
          "[confirmation]") {
    Site site(3, 2);
    CHECK(site.check(kRefused).confirm_recheck);
    CHECK(site.check(kRefused).confirm_recheck);
    const auto third = site.check(kRefused);
    CHECK(third.health == SiteHealth::down);
    CHECK_FALSE(third.confirm_recheck);
}

TEST_CASE("policies below one count as one", "[confirmation]") {
    Site site(0, -3);
    CHECK(site.state.failures_needed() == 1);
    CHECK(site.state.successes_needed() == 1);
    CHECK(site.check(kRefused).health == SiteHealth::down);
    const auto u = site.check(kPass);
    CHECK(u.health == SiteHealth::up);
    CHECK(u.transition->kind == TransitionKind::recovered);
}

TEST_CASE("warnings alone make a site degraded but never down", "[confirmation]") {
    Site site;
    for (int i = 0; i < 5; ++i) {
        const auto u = site.check(kSlow);
        CHECK(u.health == SiteHealth::degraded);
        CHECK_FALSE(u.failed);
        CHECK_FALSE(u.confirm_recheck);
    }
    CHECK(site.state.consecutive_failures() == 0);
    CHECK(site.state.consecutive_successes() == 5);
    REQUIRE(site.transitions.size() == 1);
    CHECK(site.transitions[0].kind == TransitionKind::became_degraded);
    CHECK(site.transitions[0].reason == "slow response: 3.00 s (limit 2.00 s)");

    CHECK(site.check(kPass).transition->kind == TransitionKind::became_up);
}

TEST_CASE("a down site recovers after recover.successes passing checks", "[confirmation]") {
    Site site(2, 3);
    site.check(kRefused);
    const TimePoint started = site.clock;
    site.check(kRefused);
    REQUIRE(site.state.health() == SiteHealth::down);

    for (int i = 0; i < 2; ++i) {
        const auto u = site.check(kPass);
        CHECK(u.health == SiteHealth::down);
        CHECK_FALSE(u.transition.has_value());
        CHECK(site.state.failing_since() == started);
    }
    const auto u = site.check(kPass);
    CHECK(u.health == SiteHealth::up);
    REQUIRE(u.transition.has_value());
    CHECK(u.transition->kind == TransitionKind::recovered);
    CHECK(u.transition->from == SiteHealth::down);
    CHECK(u.transition->describe() == "recovered: 3 consecutive checks passed");
    CHECK_FALSE(site.state.failing_since().has_value());
}

TEST_CASE("a warning does not hold back a recovery but leaves the site degraded",
          "[confirmation]") {
    Site site;
    site.check(kRefused);
    site.check(kRefused);
    site.check(kSlow);
    const auto u = site.check(kSlow);
    CHECK(u.health == SiteHealth::degraded);
    REQUIRE(u.transition.has_value());
    CHECK(u.transition->kind == TransitionKind::recovered);
    CHECK(u.transition->reason ==
          "2 consecutive checks passed (still warning: slow response: 3.00 s (limit 2.00 s))");
}

TEST_CASE("a down site flapping between failure and success stays down until it recovers",
          "[confirmation]") {
    Site site;
    site.check(kRefused);
    const TimePoint started = site.clock;
    site.check(kRefused);
    for (int i = 0; i < 3; ++i) {
        CHECK(site.check(kPass).health == SiteHealth::down);
        const auto fail = site.check(kRefused);
        CHECK(fail.health == SiteHealth::down);
        CHECK_FALSE(fail.confirm_recheck);  // already confirmed
        CHECK(site.state.consecutive_failures() == 1);
    }
    CHECK(site.state.failing_since() == started);
    site.check(kPass);
    site.check(kPass);
    CHECK(site.state.health() == SiteHealth::up);

    REQUIRE(site.transitions.size() == 3);
    CHECK(site.transitions[0].kind == TransitionKind::became_degraded);
    CHECK(site.transitions[1].kind == TransitionKind::became_down);
    CHECK(site.transitions[2].kind == TransitionKind::recovered);
}

TEST_CASE("a healthy site flapping with single failures is never confirmed down",
          "[confirmation]") {
    Site site;
    for (int i = 0; i < 10; ++i) {
        CHECK(site.check(kRefused).health == SiteHealth::degraded);
        CHECK(site.check(kPass).health == SiteHealth::up);
    }
    for (const auto& t : site.transitions) CHECK(t.kind != TransitionKind::became_down);
    CHECK(site.transitions.size() == 20);
}

TEST_CASE("confirmation state survives a restart through JSON", "[confirmation]") {
    Site site;
    site.check(kRefused);
    const TimePoint started = site.clock;
    site.check(kRefused);
    site.check(kPass);  // one of two passes needed to recover

    const std::string saved = site.state.to_json_string();
    const auto restored = SiteConfirmation::from_json_string(saved, 2, 2);
    REQUIRE(restored.ok());
    CHECK(restored.error.empty());
    CHECK(*restored.state == site.state);
    CHECK(restored.state->health() == SiteHealth::down);
    CHECK(restored.state->consecutive_successes() == 1);
    CHECK(restored.state->failing_since() == started);
    CHECK(restored.state->last_checked_at() == site.clock);

    const auto j = nlohmann::json::parse(saved);
    CHECK(j.at("version") == 1);
    CHECK(j.at("health") == "down");
    CHECK(j.at("failing_since_unix_ms") ==
          duration_cast<milliseconds>(started.time_since_epoch()).count());

    // The next pass after the restart completes the recovery begun before it.
    SiteConfirmation after = *restored.state;
    const auto u = after.record(kPass, site.clock + 30s);
    CHECK(u.health == SiteHealth::up);
    REQUIRE(u.transition.has_value());
    CHECK(u.transition->kind == TransitionKind::recovered);
}

TEST_CASE("restored state is judged by the thresholds of the config it is restored under",
          "[confirmation]") {
    Site site(3, 2);
    site.check(kRefused);
    site.check(kRefused);
    REQUIRE(site.state.health() == SiteHealth::degraded);

    auto restored = SiteConfirmation::from_json(site.state.to_json(), 2, 2);
    REQUIRE(restored);
    CHECK(restored->failures_needed() == 2);
    CHECK(restored->consecutive_failures() == 2);
    CHECK(restored->record(kRefused, site.clock + 30s).health == SiteHealth::down);
}

TEST_CASE("a config reload changes the thresholds and keeps the counts", "[confirmation]") {
    Site site(3, 2);
    site.check(kRefused);
    site.state.set_thresholds(2, 1);
    CHECK(site.state.consecutive_failures() == 1);
    const auto u = site.check(kRefused);
    CHECK(u.health == SiteHealth::down);
    CHECK(site.check(kPass).health == SiteHealth::up);
}

TEST_CASE("a pending site round-trips with null times", "[confirmation]") {
    const SiteConfirmation fresh;
    const auto j = fresh.to_json();
    CHECK(j.at("failing_since_unix_ms").is_null());
    CHECK(j.at("last_checked_at_unix_ms").is_null());
    const auto back = SiteConfirmation::from_json(j, 2, 2);
    REQUIRE(back.ok());
    CHECK(*back.state == fresh);
}

TEST_CASE("corrupt confirmation state is refused with a clear error, never a crash",
          "[confirmation]") {
    const std::pair<const char*, const char*> cases[] = {
        {"{not json", "not valid JSON"},
        {"", "not valid JSON"},
        {"[1, 2]", "expected a JSON object, got array"},
        {R"({"health": "up"})", "missing \"version\""},
        {R"({"version": 2, "health": "up"})", "unsupported version 2"},
        {R"({"version": 1})", "missing \"health\""},
        {R"({"version": 1, "health": "sideways", "consecutive_failures": 0,
             "consecutive_successes": 0})",
         "\"health\" must be one of pending, up, degraded, down, got \"sideways\""},
        {R"({"version": 1, "health": 3})", "\"health\" must be one of"},
        {R"({"version": 1, "health": "up", "consecutive_successes": 1})",
         "missing \"consecutive_failures\""},
        {R"({"version": 1, "health": "up", "consecutive_failures": -1,
             "consecutive_successes": 0})",
         "\"consecutive_failures\" must be a non-negative integer, got -1"},
        {R"({"version": 1, "health": "up", "consecutive_failures": "2",
             "consecutive_successes": 0})",
         "\"consecutive_failures\" must be a non-negative integer, got \"2\""},
        {R"({"version": 1, "health": "up", "consecutive_failures": 0,
             "consecutive_successes": 1e99})",
         "\"consecutive_successes\" must be a non-negative integer"},
        {R"({"version": 1, "health": "up", "consecutive_failures": 0,
             "consecutive_successes": 99999999999})",
         "\"consecutive_successes\" must be a non-negative integer"},
        {R"({"version": 1, "health": "down", "consecutive_failures": 0,
             "consecutive_successes": 0, "failing_since_unix_ms": "yesterday"})",
         "\"failing_since_unix_ms\" must be Unix milliseconds or null"},
        {R"({"version": 1, "health": "degraded", "consecutive_failures": 1,
             "consecutive_successes": 1})",
         "cannot both be above zero"},
        {R"({"version": 1, "health": "pending", "consecutive_failures": 0,
             "consecutive_successes": 2})",
         "a pending site has never been checked"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        ConfirmationRestore r;
        REQUIRE_NOTHROW(r = SiteConfirmation::from_json_string(text, 2, 2));
        CHECK_FALSE(r.ok());
        CHECK_THAT(r.error, Catch::StartsWith("site confirmation state: "));
        CHECK_THAT(r.error, Catch::Contains(message));
    }
}

TEST_CASE("counters saturate instead of overflowing", "[confirmation]") {
    nlohmann::json j = SiteConfirmation{}.to_json();
    j["health"] = "down";
    j["consecutive_failures"] = std::numeric_limits<int>::max();
    auto restored = SiteConfirmation::from_json(j, 2, 2);
    REQUIRE(restored);
    restored->record(kRefused, kStart);
    CHECK(restored->consecutive_failures() == std::numeric_limits<int>::max());
}

TEST_CASE("transition kinds have label-safe names", "[confirmation]") {
    CHECK(std::string(to_string(TransitionKind::became_up)) == "became_up");
    CHECK(std::string(to_string(TransitionKind::became_degraded)) == "became_degraded");
    CHECK(std::string(to_string(TransitionKind::became_down)) == "became_down");
    CHECK(std::string(to_string(TransitionKind::recovered)) == "recovered");
    CHECK(parse_site_health("degraded") == SiteHealth::degraded);
    CHECK_FALSE(parse_site_health("broken").has_value());
}
