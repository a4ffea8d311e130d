#include "monitor/http/incident_encoding.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace sitewatch;
using namespace std::chrono;
using namespace std::chrono_literals;

TEST_CASE("an incident's timeline starts with its opening, before the escalation it started",
          "[http][incidents]") {
    // The engine keeps the check's time to the microsecond, the escalation to the millisecond.
    const TimePoint checked = TimePoint(sys_days{year{2026} / 12 / 7}) + 6h + 35min + 700us;
    IncidentSnapshot s;
    s.incident.id = 1;
    s.incident.client = "acme";
    s.incident.site = "acme-shop";
    s.incident.started_at = s.incident.detected_at = s.incident.last_seen_at = checked;
    s.incident.add_timeline({checked, "opened", "HTTP 503 Service Unavailable", nullptr});
    s.escalation.emplace(1, std::vector<escalation::Person>{}, escalation::EscalationPolicy{},
                         checked);

    const auto timeline = http::incident_detail_json(s).at("timeline");
    REQUIRE(timeline.size() >= 2);
    CHECK(timeline[0].at("kind") == "opened");
    CHECK(timeline[1].at("kind") == "escalation");
    CHECK(timeline[1].at("message") == "escalation started");
}
