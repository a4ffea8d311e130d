#include "monitor/config/duration.h"

#include <catch2/catch.hpp>
#include <limits>

using namespace sitewatch::config;
using std::chrono::milliseconds;

TEST_CASE("durations are read in every unit the contract names", "[config][duration]") {
    CHECK(parse_duration("250ms") == milliseconds{250});
    CHECK(parse_duration("1s") == milliseconds{1'000});
    CHECK(parse_duration("30s") == milliseconds{30'000});
    CHECK(parse_duration("5m") == milliseconds{300'000});
    CHECK(parse_duration("2h") == milliseconds{7'200'000});
    CHECK(parse_duration("7d") == milliseconds{604'800'000});
}

TEST_CASE("compound durations add their parts, largest unit first", "[config][duration]") {
    CHECK(parse_duration("1h30m") == milliseconds{5'400'000});
    CHECK(parse_duration("1d2h3m4s5ms") == milliseconds{93'784'005});
    CHECK(parse_duration("1m500ms") == milliseconds{60'500});
    CHECK(parse_duration("30m1h") == std::nullopt);  // out of order: likely a mistake
    CHECK(parse_duration("1s1s") == std::nullopt);   // a unit twice
}

TEST_CASE("a bare zero is a duration, other bare numbers need a unit", "[config][duration]") {
    CHECK(parse_duration("0") == milliseconds{0});
    CHECK(parse_duration("0s") == milliseconds{0});
    CHECK(parse_duration("30") == std::nullopt);
    CHECK(parse_duration("1h30") == std::nullopt);
}

TEST_CASE("negative, empty, fractional and unknown durations are rejected", "[config][duration]") {
    for (const char* bad : {"", "-5s", "-0s", "1.5s", "5 s", " 5s", "5s ", "5", "5w", "5y", "5S",
                            "5M", "s", "ms", "5sec", "1h-30m", "+5s", "1e3ms", "5s\n"}) {
        INFO("input: '" << bad << "'");
        CHECK(parse_duration(bad) == std::nullopt);
    }
}

TEST_CASE("durations that overflow are rejected instead of wrapping", "[config][duration]") {
    CHECK(parse_duration("9223372036854775807ms") ==
          milliseconds{std::numeric_limits<std::int64_t>::max()});
    CHECK(parse_duration("9223372036854775808ms") == std::nullopt);
    CHECK(parse_duration("106751991168d") == std::nullopt);
    CHECK(parse_duration("99999999999999999999999s") == std::nullopt);
    // The largest sum that fits, and one just past it.
    CHECK(parse_duration("106751991167d7h12m55s807ms") ==
          milliseconds{std::numeric_limits<std::int64_t>::max()});
    CHECK(parse_duration("106751991167d7h13m") == std::nullopt);
}

TEST_CASE("formatted durations use the largest units and read back the same",
          "[config][duration]") {
    CHECK(format_duration(milliseconds{0}) == "0s");
    CHECK(format_duration(milliseconds{250}) == "250ms");
    CHECK(format_duration(milliseconds{30'000}) == "30s");
    CHECK(format_duration(milliseconds{5'400'000}) == "1h30m");
    CHECK(format_duration(milliseconds{604'800'000}) == "7d");
    CHECK(format_duration(milliseconds{1'500}) == "1s500ms");
    CHECK(format_duration(milliseconds{-2'000}) == "-2s");
    CHECK_FALSE(format_duration(milliseconds{std::numeric_limits<std::int64_t>::min()}).empty());
    for (std::int64_t ms :
         std::initializer_list<std::int64_t>{1, 999, 1'000, 61'001, 86'400'000, 93'784'005,
                                             std::numeric_limits<std::int64_t>::max()}) {
        INFO("ms: " << ms);
        CHECK(parse_duration(format_duration(milliseconds{ms})) == milliseconds{ms});
    }
}

TEST_CASE("sizes are read in bytes, decimal and binary units", "[config][duration]") {
    CHECK(parse_size("1000") == 1000u);
    CHECK(parse_size("0") == 0u);
    CHECK(parse_size("512B") == 512u);
    CHECK(parse_size("512KiB") == 512u * 1024);
    CHECK(parse_size("5MiB") == 5u << 20);
    CHECK(parse_size("1GiB") == std::size_t{1} << 30);
    CHECK(parse_size("1MB") == 1'000'000u);
    CHECK(parse_size("2kB") == 2'000u);
    CHECK(parse_size("5 MiB") == 5u << 20);
    CHECK(parse_size("5mib") == 5u << 20);
}

TEST_CASE("malformed and overflowing sizes are rejected", "[config][duration]") {
    for (const char* bad : {"", "-1", "1.5MiB", "MiB", "5 XB", "5  MiB", " 5", "5MiB ", "5Mi",
                            "99999999999999999999", "17179869184GiB"}) {
        INFO("input: '" << bad << "'");
        CHECK(parse_size(bad) == std::nullopt);
    }
}
