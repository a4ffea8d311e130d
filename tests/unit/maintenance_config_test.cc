// The `maintenance` lists of clients and sites in the config: both window forms, and a
// positioned error for every mistake.
#include <catch2/catch.hpp>
#include <string>

#include "monitor/config/config_loader.h"

using namespace sitewatch;
using namespace sitewatch::config;
using namespace std::chrono_literals;

namespace {

LoadResult load(const std::string& yaml) { return load_config_string(yaml, "sw.yml"); }

std::string errors_of(const LoadResult& r) {
    std::string out;
    for (const auto& e : r.errors) out += e.to_string() + "\n";
    return out;
}

}  // namespace

TEST_CASE("maintenance windows are read from clients and sites with ids and reasons",
          "[config][maintenance]") {
    const auto r = load(R"(clients:
  - name: acme
    maintenance:
      - {start: "2026-12-24T22:00:00Z", end: "2026-12-25T02:00:00Z", reason: "hosting move"}
    sites:
      - name: acme-shop
        url: https://shop.acme.example/
        maintenance:
          - every: "sun"
            at: "02:00"
            duration: 2h
            utc_offset: "+01:00"
            reason: weekly updates
)");
    INFO(errors_of(r));
    REQUIRE(r.config);
    const auto windows = r.config->maintenance_windows();
    REQUIRE(windows.size() == 2);
    CHECK(windows[0].id == "acme#1");
    CHECK(windows[0].site.empty());
    CHECK(windows[0].kind == maintenance::WindowKind::one_off);
    CHECK(windows[0].reason == "hosting move");
    CHECK(windows[1].id == "acme/acme-shop#1");
    CHECK(windows[1].kind == maintenance::WindowKind::recurring);
    CHECK(windows[1].duration == 2h);
    CHECK(windows[1].utc_offset == 60min);
    CHECK(windows[1].schedule_text() == "sun 02:00 +01:00 for 2h");
}

TEST_CASE("a bad maintenance window is a FILE:LINE:COLUMN error", "[config][maintenance]") {
    const auto r = load(R"(clients:
  - name: acme
    maintenance:
      - {start: "2026-12-25T02:00:00Z", end: "2026-12-24T22:00:00Z"}
      - {start: "tomorrow", end: "2026-12-24T22:00:00Z"}
      - {every: "funday", at: "02:00", duration: 1h}
      - {every: daily, at: "25:00", duration: 1h}
      - {every: daily, at: "02:00", duration: 1h, utc_offset: "Europe/Paris"}
      - {every: daily, at: "02:00"}
      - {every: daily, at: "02:00", duration: 1h, start: "2026-12-24T22:00:00Z"}
      - {every: daily, at: "02:00", duration: 1h, why: "typo"}
    sites:
      - name: acme-shop
        url: https://shop.acme.example/
)");
    REQUIRE_FALSE(r.config);
    const std::string e = errors_of(r);
    INFO(e);
    CHECK(e.find("sw.yml:4:") != std::string::npos);
    CHECK(e.find("'end' must be after 'start'") != std::string::npos);
    CHECK(e.find("sw.yml:5:17: 'start' must be an RFC 3339 time") != std::string::npos);
    CHECK(e.find("sw.yml:6:17: 'every' must be daily or weekdays") != std::string::npos);
    CHECK(e.find("'at' must be a time of day HH:MM, got '25:00'") != std::string::npos);
    CHECK(e.find("no time-zone names") != std::string::npos);
    CHECK(e.find("sw.yml:9:9: a recurring maintenance window needs 'at' (HH:MM) and 'duration'") !=
          std::string::npos);
    CHECK(e.find("either one-off (start, end) or recurring") != std::string::npos);
    CHECK(e.find("sw.yml:11:") != std::string::npos);
    CHECK(e.find("'why'") != std::string::npos);
}

TEST_CASE("maintenance is not a defaults key", "[config][maintenance]") {
    const auto r = load(R"(defaults:
  maintenance: []
clients:
  - name: acme
    sites:
      - name: acme-shop
        url: https://shop.acme.example/
)");
    REQUIRE_FALSE(r.config);
    CHECK(errors_of(r).find("sw.yml:2:3:") != std::string::npos);
}
