#include <catch2/catch.hpp>

#include "checks/model/finding.h"

using namespace sitewatch;

TEST_CASE("a critical finding outranks any number of warnings", "[finding]") {
    Findings fs{{Condition::down, Severity::warning, "response_time", "slow", {}},
                {Condition::malformed, Severity::critical, "content", "blank page", {}}};
    REQUIRE(most_severe(fs) == &fs[1]);
}

TEST_CASE("among critical findings a site being down comes first", "[finding]") {
    Findings fs{{Condition::security, Severity::critical, "tls", "expired", {}},
                {Condition::down, Severity::critical, "transport", "refused", {}}};
    REQUIRE(most_severe(fs) == &fs[1]);
    REQUIRE(most_severe({}) == nullptr);
}

TEST_CASE("conditions and severities round-trip through their contract names", "[finding]") {
    for (Condition c : kAllConditions) REQUIRE(parse_condition(to_string(c)) == c);
    REQUIRE(parse_condition("hacked") == std::nullopt);
    REQUIRE(parse_severity("warning") == Severity::warning);
    REQUIRE(parse_severity("critical") == Severity::critical);
}

#include "checks/model/finding_json.h"

TEST_CASE("findings survive a round trip through JSON with their evidence", "[finding]") {
    Findings fs{{Condition::security, Severity::warning, "tls", "certificate expires in 9 days",
                 {"tls.expiring", "not after 2026-12-03", "", ""}},
                {Condition::defaced, Severity::critical, "content", "title changed",
                 {"content.title", "", "Acme Corp", "Hacked by X"}}};
    auto back = findings_from_json(to_json(fs));
    REQUIRE(back.size() == 2);
    REQUIRE(back[0].severity == Severity::warning);
    REQUIRE(back[0].evidence.rule == "tls.expiring");
    REQUIRE(back[1].condition == Condition::defaced);
    REQUIRE(back[1].evidence.after == "Hacked by X");
}

TEST_CASE("malformed finding JSON yields nothing rather than an exception", "[finding]") {
    REQUIRE(findings_from_json(nlohmann::json("oops")).empty());
    REQUIRE(findings_from_json(nlohmann::json::array({1, "x", nullptr})).empty());
}
