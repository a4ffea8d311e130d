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
