#include "alerting/reports/debrief.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

using namespace sitewatch;
using namespace sitewatch::reports;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

Debrief sample() {
    return {"Checkout returned 500s",
            "php-fpm pool exhausted by a slow plugin",
            "Raised the pool and disabled the plugin",
            "Load-test plugin updates on staging",
            "ana",
            sys_days{year{2026} / 11 / 25} + 9h + 30min + 125ms};
}

}  // namespace

TEST_CASE("a debrief survives a round trip through JSON to the millisecond", "[reports]") {
    const Debrief d = sample();
    const auto back = debrief_from_json_string(to_json_string(d));
    REQUIRE(back);
    CHECK(*back == d);
    CHECK(to_json(d)["at_unix_ms"].is_number_integer());
}

TEST_CASE("a debrief with a missing or mistyped field is refused with a reason", "[reports]") {
    nlohmann::json j = to_json(sample());
    j.erase("prevention");
    std::string why;
    CHECK_FALSE(debrief_from_json(j, &why));
    CHECK(why.find("prevention") != std::string::npos);

    j = to_json(sample());
    j["by"] = 42;
    CHECK_FALSE(debrief_from_json(j, &why));
    CHECK(why.find("by") != std::string::npos);

    j = to_json(sample());
    j["at_unix_ms"] = "yesterday";
    CHECK_FALSE(debrief_from_json(j));
    j["at_unix_ms"] = 1.5;
    CHECK_FALSE(debrief_from_json(j));
}

TEST_CASE("a debrief never throws on bad input", "[reports]") {
    std::string why;
    CHECK_FALSE(debrief_from_json_string("{not json", &why));
    CHECK(why == "not valid JSON");
    CHECK_FALSE(debrief_from_json_string("[1, 2]"));
    CHECK_FALSE(debrief_from_json_string(""));
    CHECK_FALSE(debrief_from_json(nullptr));
    nlohmann::json j = to_json(sample());
    j["at_unix_ms"] = std::numeric_limits<std::uint64_t>::max();
    CHECK_FALSE(debrief_from_json(j));
    j["at_unix_ms"] = std::numeric_limits<std::int64_t>::min();
    CHECK_FALSE(debrief_from_json(j));
}

TEST_CASE("a debrief that says nothing is refused", "[reports]") {
    Debrief d = sample();
    d.issue = d.investigation = d.resolution = " ";
    d.prevention = "\n";
    CHECK_FALSE(debrief_from_json(to_json(d)));
}

TEST_CASE("unknown keys in a saved debrief are ignored", "[reports]") {
    nlohmann::json j = to_json(sample());
    j["version"] = 2;
    CHECK(debrief_from_json(j));
}
