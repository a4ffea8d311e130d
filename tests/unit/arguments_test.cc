#include <catch2/catch.hpp>

#include <vector>

#include "monitor/cli/arguments.h"

using namespace sitewatch::cli;

namespace {
ParseOutcome parse(std::vector<const char*> argv, const ArgumentSpec& spec) {
    return parse_arguments(static_cast<int>(argv.size()), const_cast<char**>(argv.data()), 0,
                           spec);
}
const ArgumentSpec kCheck{{"config", "site"}, {"json"}, 0};
}  // namespace

TEST_CASE("flags take their value from the next word or after an equals sign", "[cli]") {
    auto o = parse({"--config", "a.yml", "--site=home", "--json"}, kCheck);
    REQUIRE(o.error.empty());
    REQUIRE(o.args.value("config") == "a.yml");
    REQUIRE(o.args.value("site") == "home");
    REQUIRE(o.args.has("json"));
}

TEST_CASE("an unknown flag, a missing value or a stray word is a usage error", "[cli]") {
    REQUIRE(parse({"--bogus"}, kCheck).error == "unknown option --bogus");
    REQUIRE(parse({"--config"}, kCheck).error == "--config needs a value");
    REQUIRE(parse({"stray"}, kCheck).error == "unexpected argument 'stray'");
    REQUIRE(parse({"--json=yes"}, kCheck).error == "unknown option --json");
}
