#include "alerting/status_page/status_page.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "alerting/status_page/status_page_html.h"
#include "alerting/status_page/status_page_json.h"

using namespace sitewatch;
using namespace sitewatch::status_page;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

// The fixed clock every test reads.
const TimePoint kNow = sys_days{year{2026} / 12 / 7} + 6h;

Incident incident(std::uint64_t id, const std::string& site, Condition condition, Severity severity,
                  TimePoint opened) {
    Incident i;
    i.id = id;
    i.client = "acme";
    i.site = site;
    i.url = "https://" + site + ".example/";
    i.condition = condition;
    i.severity = severity;
    i.started_at = opened - 1min;
    i.detected_at = opened;
    i.last_seen_at = opened;
    i.summary = "HTTP 503 Service Unavailable";
    i.first_evidence = {"http.status", "503", "", ""};
    i.add_timeline({opened, "opened", "opened: HTTP 503 Service Unavailable", {}});
    return i;
}

void acknowledge(Incident& i, TimePoint at) {
    i.state = IncidentState::acknowledged;
    i.acknowledged_at = at;
    i.acknowledged_by = "Dana";
    i.add_timeline({at, "acknowledged", "acknowledged by Dana", {}});
}

void resolve(Incident& i, TimePoint at, const std::string& by = "auto") {
    i.state = IncidentState::resolved;
    i.resolved_at = at;
    i.resolved_by = by;
    i.add_timeline({at, "resolved", "resolved by " + by, {}});
}

StatusPageInput acme(std::vector<Incident> incidents) {
    StatusPageInput in;
    in.client = "acme";
    in.sites = {{"shop", false}, {"blog", false}};
    in.incidents = std::move(incidents);
    return in;
}

const Component& component(const StatusPage& page, const std::string& name) {
    for (const auto& c : page.components)
        if (c.name == name) return c;
    FAIL("no component " << name);
    return page.components.front();
}

}  // namespace

TEST_CASE("a client with nothing open has every component operational and says so",
          "[status_page]") {
    const auto page = build_status_page(acme({}), kNow);
    REQUIRE(page.components.size() == 2);
    CHECK(page.components[0].name == "shop");
    CHECK(page.components[1].name == "blog");
    for (const auto& c : page.components) {
        CHECK(c.status == ComponentStatus::operational);
        CHECK_FALSE(c.updated_at);
    }
    CHECK(page.indicator == Indicator::none);
    CHECK(page.description == "All Systems Operational");
    CHECK(page.incidents.empty());
}

TEST_CASE("an open critical down or error incident is a major outage of critical impact",
          "[status_page]") {
    for (Condition c : {Condition::down, Condition::error}) {
        const auto page = build_status_page(
            acme({incident(1, "shop", c, Severity::critical, kNow - 10min)}), kNow);
        CHECK(component(page, "shop").status == ComponentStatus::major_outage);
        CHECK(component(page, "shop").updated_at == kNow - 10min);
        CHECK(component(page, "blog").status == ComponentStatus::operational);
        CHECK(page.indicator == Indicator::critical);
        CHECK(page.description == "Major System Outage");
        REQUIRE(page.incidents.size() == 1);
        CHECK(page.incidents[0].impact == Impact::critical);
    }
}

TEST_CASE(
    "an open critical defaced, malformed or security incident is a partial outage of "
    "major impact",
    "[status_page]") {
    for (Condition c : {Condition::defaced, Condition::malformed, Condition::security}) {
        const auto page = build_status_page(
            acme({incident(1, "blog", c, Severity::critical, kNow - 10min)}), kNow);
        CHECK(component(page, "blog").status == ComponentStatus::partial_outage);
        CHECK(page.indicator == Indicator::major);
        CHECK(page.description == "Partial System Outage");
        CHECK(page.incidents.at(0).impact == Impact::major);
    }
}

TEST_CASE("an open warning of any condition is degraded performance of minor impact",
          "[status_page]") {
    for (Condition c : kAllConditions) {
        const auto page = build_status_page(
            acme({incident(1, "shop", c, Severity::warning, kNow - 10min)}), kNow);
        CHECK(component(page, "shop").status == ComponentStatus::degraded_performance);
        CHECK(page.indicator == Indicator::minor);
        CHECK(page.description == "Minor Service Outage");
        CHECK(page.incidents.at(0).impact == Impact::minor);
    }
}

TEST_CASE("the worst component sets the page indicator", "[status_page]") {
    const auto page = build_status_page(
        acme({incident(1, "shop", Condition::down, Severity::warning, kNow - 20min),
              incident(2, "blog", Condition::error, Severity::critical, kNow - 10min)}),
        kNow);
    CHECK(component(page, "shop").status == ComponentStatus::degraded_performance);
    CHECK(component(page, "blog").status == ComponentStatus::major_outage);
    CHECK(page.indicator == Indicator::critical);
}

TEST_CASE("a site in a maintenance window is under maintenance, even with an open incident",
          "[status_page]") {
    auto in = acme({incident(1, "shop", Condition::down, Severity::critical, kNow - 10min)});
    in.sites[0].in_maintenance = true;
    const auto page = build_status_page(in, kNow);
    CHECK(component(page, "shop").status == ComponentStatus::under_maintenance);
    CHECK(page.indicator == Indicator::none);
    CHECK(page.description == "Service Under Maintenance");
    // The incident itself is still told.
    CHECK(page.incidents.size() == 1);
}

TEST_CASE("an open incident is investigating and an acknowledged one identified", "[status_page]") {
    auto i = incident(4, "shop", Condition::down, Severity::critical, kNow - 30min);
    auto page = build_status_page(acme({i}), kNow);
    REQUIRE(page.incidents.size() == 1);
    CHECK(page.incidents[0].status == IncidentStatus::investigating);
    REQUIRE(page.incidents[0].updates.size() == 1);
    CHECK(page.incidents[0].updates[0].at == kNow - 30min);
    CHECK(page.incidents[0].updates[0].body.find("shop is not loading") != std::string::npos);
    CHECK(page.incidents[0].name == "shop: website not loading");
    CHECK(page.incidents[0].id == "4");

    acknowledge(i, kNow - 25min);
    page = build_status_page(acme({i}), kNow);
    const auto& p = page.incidents.at(0);
    CHECK(p.status == IncidentStatus::identified);
    REQUIRE(p.updates.size() == 2);
    CHECK(p.updates[0].status == IncidentStatus::identified);  // newest first
    CHECK(p.updates[0].at == kNow - 25min);
    CHECK(p.updates[1].status == IncidentStatus::investigating);
    CHECK(p.created_at == kNow - 30min);
    CHECK(p.updated_at == kNow - 25min);
    CHECK_FALSE(p.resolved_at);
    // Acknowledging does not change the component.
    CHECK(component(page, "shop").status == ComponentStatus::major_outage);
    CHECK(component(page, "shop").updated_at == kNow - 30min);
}

TEST_CASE("a resolved incident is monitoring for one hour after its resolution, then resolved",
          "[status_page]") {
    auto i = incident(5, "shop", Condition::error, Severity::critical, kNow - 3h);
    acknowledge(i, kNow - 170min);
    const TimePoint fixed = kNow - 2h;
    resolve(i, fixed);

    auto during = build_status_page(acme({i}), fixed + 59min);
    CHECK(during.incidents.at(0).status == IncidentStatus::monitoring);
    CHECK(during.incidents.at(0).updates.front().status == IncidentStatus::monitoring);
    CHECK(during.incidents.at(0).updates.front().at == fixed);
    CHECK_FALSE(during.incidents.at(0).resolved_at);
    CHECK(component(during, "shop").status == ComponentStatus::operational);
    CHECK(component(during, "shop").updated_at == fixed);
    CHECK(during.description == "All Systems Operational");

    auto after = build_status_page(acme({i}), fixed + 1h);
    const auto& p = after.incidents.at(0);
    CHECK(p.status == IncidentStatus::resolved);
    REQUIRE(p.updates.size() == 4);
    CHECK(p.updates[0].status == IncidentStatus::resolved);
    CHECK(p.updates[0].at == fixed + 1h);
    CHECK(p.updates[0].body.rfind("Resolved: shop is working normally again", 0) == 0);
    CHECK(p.updates[1].status == IncidentStatus::monitoring);
    CHECK(p.updates[2].status == IncidentStatus::identified);
    CHECK(p.updates[3].status == IncidentStatus::investigating);
    CHECK(p.resolved_at == fixed + 1h);
    CHECK(p.updated_at == fixed + 1h);
    // Unresolved incidents are listed before resolved ones.
    auto other = incident(6, "blog", Condition::down, Severity::warning, kNow - 4h);
    auto both = build_status_page(acme({i, other}), kNow);
    CHECK(both.incidents.at(0).id == "6");
    CHECK(both.incidents.at(1).id == "5");
}

TEST_CASE("a reopened incident goes back to investigating and says the problem came back",
          "[status_page]") {
    auto i = incident(7, "shop", Condition::down, Severity::critical, kNow - 50min);
    resolve(i, kNow - 40min, "Priya");
    // What the engine does on a recurrence inside the follow-up window.
    i.state = IncidentState::open;
    i.resolved_at.reset();
    i.resolved_by.clear();
    ++i.reopen_count;
    i.add_timeline({kNow - 20min, "reopened", "reopened: HTTP 503", {}});
    const auto page = build_status_page(acme({i}), kNow);
    const auto& p = page.incidents.at(0);
    CHECK(p.status == IncidentStatus::investigating);
    REQUIRE(p.updates.size() == 3);
    CHECK(p.updates[0].status == IncidentStatus::investigating);
    CHECK(p.updates[0].at == kNow - 20min);
    CHECK(p.updates[0].body.find("came back") != std::string::npos);
    CHECK(p.updates[1].status == IncidentStatus::monitoring);
    CHECK(component(page, "shop").status == ComponentStatus::major_outage);
    CHECK(component(page, "shop").updated_at == kNow - 20min);
}

TEST_CASE(
    "resolved incidents are listed for 7 days after their resolution, unresolved ones "
    "always",
    "[status_page]") {
    auto old_fixed = incident(1, "shop", Condition::down, Severity::critical, kNow - 9 * 24h);
    resolve(old_fixed, kNow - 7 * 24h - 1min);
    auto recent_fixed = incident(2, "shop", Condition::error, Severity::critical, kNow - 8 * 24h);
    resolve(recent_fixed, kNow - 7 * 24h + 1min);
    auto long_open = incident(3, "blog", Condition::defaced, Severity::critical, kNow - 30 * 24h);
    const auto page = build_status_page(acme({old_fixed, recent_fixed, long_open}), kNow);
    REQUIRE(page.incidents.size() == 2);
    CHECK(page.incidents[0].id == "3");
    CHECK(page.incidents[1].id == "2");
    CHECK(page.incidents[1].status == IncidentStatus::resolved);
}

TEST_CASE("other clients' incidents and unknown sites stay off the page", "[status_page]") {
    auto theirs = incident(1, "shop", Condition::down, Severity::critical, kNow - 5min);
    theirs.client = "globex";
    auto removed_site = incident(2, "old-site", Condition::down, Severity::critical, kNow - 5min);
    const auto page = build_status_page(acme({theirs, removed_site}), kNow);
    CHECK(page.incidents.empty());
    CHECK(page.description == "All Systems Operational");
}

TEST_CASE("no evidence, rule id, secret, phone number, script host or person reaches the page",
          "[status_page]") {
    const std::string secret = "sk_live_51HxSECRETabc123";
    const std::string rule = "signature.pharma_hack_7";
    const std::string phone = "+15550100001";
    const std::string host = "evil-cdn.example";
    auto i = incident(9, "shop", Condition::security, Severity::critical, kNow - 90min);
    i.summary = "new script origin " + host + " token=" + secret + " call " + phone;
    i.last_summary = i.summary;
    i.first_evidence = {rule, "<script src=\"https://" + host + "/x.js\"></script> " + secret, "",
                        "https://" + host};
    i.timeline.front().text = "opened: " + i.summary + " (" + rule + ")";
    i.timeline.front().detail = {{"rule", rule}, {"excerpt", secret}};
    i.add_timeline({kNow - 89min, "evidence", "evidence: " + host + " " + phone, {}});
    acknowledge(i, kNow - 80min);
    i.notes.push_back({kNow - 75min, "Dana", "called Lee on " + phone + ", key " + secret});
    i.add_timeline({kNow - 75min, "note", "Dana: called " + phone, {}});
    resolve(i, kNow - 70min, "Priya");
    i.timeline.back().text = "resolved by Priya: removed " + host + ", rotated " + secret;

    StatusPageInput in = acme({i});
    const auto page = build_status_page(in, kNow);
    REQUIRE(page.incidents.size() == 1);
    CHECK(page.incidents[0].status == IncidentStatus::resolved);
    const std::string html = render_html(page);
    const std::string json = to_summary_json(page).dump();
    for (const std::string& leak :
         {secret, rule, phone, host, std::string("pharma"), std::string("http.status"),
          std::string("Dana"), std::string("Priya"), std::string("Lee "),
          std::string("https://shop.example")}) {
        INFO(leak);
        CHECK(html.find(leak) == std::string::npos);
        CHECK(json.find(leak) == std::string::npos);
    }
    CHECK(html.find("shop has an urgent security problem") != std::string::npos);
}

TEST_CASE("the HTML page refreshes itself, runs no script and escapes every name",
          "[status_page]") {
    StatusPageInput in;
    in.client = "Ben & Jerry's <Shop>";
    in.sites = {{"<img src=x onerror=alert(1)>", false}};
    auto i = incident(3, in.sites[0].name, Condition::down, Severity::critical, kNow - 5min);
    i.client = in.client;
    in.incidents = {i};
    const std::string html = render_html(build_status_page(in, kNow));
    CHECK(html.find("<meta http-equiv=\"refresh\" content=\"60\">") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("Ben &amp; Jerry&apos;s &lt;Shop&gt; status") != std::string::npos);
    CHECK(html.find("Major outage") != std::string::npos);
    CHECK(html.find("Investigating") != std::string::npos);
    CHECK(render_not_found_html().find("<script") == std::string::npos);
}

TEST_CASE("the JSON has the shape of Statuspage's summary.json", "[status_page]") {
    auto i = incident(11, "shop", Condition::down, Severity::critical, kNow - 2h);
    resolve(i, kNow - 90min);
    const auto j = to_summary_json(build_status_page(acme({i}), kNow));
    CHECK(j["page"]["name"] == "acme");
    CHECK(j["page"]["updated_at"] == "2026-12-07T05:30:00Z");
    CHECK(j["status"]["indicator"] == "none");
    CHECK(j["status"]["description"] == "All Systems Operational");
    REQUIRE(j["components"].size() == 2);
    CHECK(j["components"][0]["name"] == "shop");
    CHECK(j["components"][0]["status"] == "operational");
    CHECK(j["components"][0]["updated_at"] == "2026-12-07T04:30:00Z");
    CHECK(j["components"][1]["updated_at"].is_null());
    const auto& inc = j["incidents"].at(0);
    CHECK(inc["id"] == "11");
    CHECK(inc["name"] == "shop: website not loading");
    CHECK(inc["status"] == "resolved");
    CHECK(inc["impact"] == "critical");
    CHECK(inc["created_at"] == "2026-12-07T04:00:00Z");
    CHECK(inc["updated_at"] == "2026-12-07T05:30:00Z");
    CHECK(inc["resolved_at"] == "2026-12-07T05:30:00Z");
    REQUIRE(inc["incident_updates"].size() == 3);
    CHECK(inc["incident_updates"][0]["status"] == "resolved");
    CHECK(inc["incident_updates"][0]["created_at"] == "2026-12-07T05:30:00Z");
    CHECK(inc["incident_updates"][2]["status"] == "investigating");
    CHECK(inc["incident_updates"][2]["body"].get<std::string>().size() > 20);
}
