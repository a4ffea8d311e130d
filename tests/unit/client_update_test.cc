#include "alerting/reports/client_update.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

using namespace sitewatch;
using namespace sitewatch::reports;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0 = sys_days{year{2026} / 11 / 24} + 12h;

Incident php_error() {
    Incident i;
    i.id = 7;
    i.client = "acme";
    i.site = "acme-home";
    i.url = "https://acme.example/";
    i.condition = Condition::error;
    i.started_at = kT0;
    i.detected_at = kT0 + 1min;
    i.summary = "PHP fatal error: \u201cFatal error: Allowed memory size exhausted\u201d";
    i.first_evidence = {"signature.php_fatal_error", "Fatal error: Allowed memory size", "", ""};
    return i;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

TEST_CASE("an investigating update starts with the gist and says what we are doing", "[reports]") {
    ClientUpdateInput in{php_error(), "Acme Ltd", {}, {}, 30min, "Dana, Strategist", false};
    in.incident.state = IncidentState::acknowledged;
    in.incident.acknowledged_at = kT0 + 4min;
    CHECK(stage_of(in.incident) == UpdateStage::investigating);
    const ClientUpdate u = render_client_update(in, UpdateStage::investigating);
    const std::string gist = first_line(u.text);
    CHECK(gist.find("acme-home") != std::string::npos);
    CHECK(gist.find("error") != std::string::npos);
    CHECK(gist.size() <= 160);  // one SMS segment carries the gist
    CHECK(u.subject.find("acme-home") != std::string::npos);
    CHECK(u.text.find("What we believe caused it:") != std::string::npos);
    CHECK(u.text.find("What we are doing:") != std::string::npos);
    CHECK(u.text.find("within 30 minutes") != std::string::npos);
    CHECK(u.text.find("Hello Acme Ltd,") != std::string::npos);
    CHECK(u.text.find("Dana, Strategist") != std::string::npos);
}

TEST_CASE("a client update never shows the evidence excerpt or rule id", "[reports]") {
    ClientUpdateInput in{php_error(), "Acme", 2.5, {}, {}, "", true};
    for (const auto stage : {UpdateStage::investigating, UpdateStage::resolved}) {
        const ClientUpdate u = render_client_update(in, stage);
        CHECK(u.text.find("Allowed memory size") == std::string::npos);
        CHECK(u.text.find("signature.") == std::string::npos);
    }
}

TEST_CASE("a resolved update gives the fix, hours, side effects and client actions", "[reports]") {
    ClientUpdateInput in{php_error(), "Acme", 1.5, {}, {}, "", false};
    Incident& i = in.incident;
    i.state = IncidentState::resolved;
    i.resolved_at = kT0 + 50min;
    i.resolved_by = "ana";
    i.notes.push_back(
        {kT0 + 50min, "ana", "Raised the PHP memory limit; call ana on +1 555 123 4567"});
    i.timeline.push_back({kT0 + 50min,
                          "resolved",
                          "resolved by ana",
                          {{"by", "ana"}, {"note", i.notes.back().text}}});
    Downtime d;
    d.total = 48min;
    in.downtime = d;
    CHECK(stage_of(i) == UpdateStage::resolved);
    const ClientUpdate u = render_client_update(in, UpdateStage::resolved);
    CHECK(first_line(u.text).rfind("Resolved: acme-home is working normally again after 48 "
                                   "minutes",
                                   0) == 0);
    CHECK(u.text.find("Raised the PHP memory limit") != std::string::npos);
    CHECK(u.text.find("555") == std::string::npos);  // contact details are not passed on
    CHECK(u.text.find("Time spent: 1.5 hours") != std::string::npos);
    CHECK(u.text.find("you may notice") != std::string::npos);
    CHECK(u.text.find("form submissions") != std::string::npos);
}

TEST_CASE("a resolved update without logged hours says they will follow", "[reports]") {
    ClientUpdateInput in{php_error(), "", {}, {}, {}, "", false};
    in.incident.state = IncidentState::resolved;
    in.incident.resolved_at = kT0 + 10min;
    in.incident.resolved_by = "auto";
    const ClientUpdate u = render_client_update(in, UpdateStage::resolved);
    CHECK(u.text.find("we will confirm the hours") != std::string::npos);
    CHECK(u.text.find("passed all of its checks again") != std::string::npos);
    CHECK(u.text.find("Hello,") != std::string::npos);
}

TEST_CASE("a technical client update adds the technical cause", "[reports]") {
    ClientUpdateInput plain{php_error(), "", {}, {}, {}, "", false};
    ClientUpdateInput technical = plain;
    technical.technical = true;
    CHECK(render_client_update(plain, UpdateStage::investigating).text.find("Technical detail") ==
          std::string::npos);
    CHECK(
        render_client_update(technical, UpdateStage::investigating).text.find("Technical detail") !=
        std::string::npos);
}

TEST_CASE("a defacement update asks the client to change passwords and tell stakeholders",
          "[reports]") {
    Incident i = php_error();
    i.condition = Condition::defaced;
    i.first_evidence = {"http.foreign_redirect", "Location: https://spam.example/", "", ""};
    i.state = IncidentState::resolved;
    i.resolved_at = kT0 + 2h;
    i.resolved_by = "ana";
    const ClientUpdate u =
        render_client_update({i, "Acme", 3.0, {}, {}, "", false}, UpdateStage::resolved);
    CHECK(u.text.find("passwords") != std::string::npos);
    CHECK(u.text.find("stakeholders") != std::string::npos);
    CHECK(u.text.find("card") != std::string::npos);
    CHECK(u.text.find("another, unrelated website") != std::string::npos);
    CHECK(u.text.find("spam.example") == std::string::npos);
    const ClientUpdate now =
        render_client_update({i, "Acme", {}, {}, {}, "", false}, UpdateStage::investigating);
    CHECK(first_line(now.text) ==
          "We are working on it: acme-home is sending visitors to another, unrelated website.");
}
