// What can be checked of the container image (Dockerfile) without Docker: its runtime
// packages provide every shared library the built binary links, and its default config is
// valid for the binary.
#include <catch2/catch.hpp>

#include "tests/support/child_process.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;

namespace {
const std::string kSource = SITEWATCH_SOURCE_DIR;
}

TEST_CASE("the container's runtime packages provide every shared library sitewatch links",
          "[container]") {
    auto r = run_program(
        {"/bin/bash", kSource + "/examples/docker/check-runtime-libraries.sh", SITEWATCH_BINARY},
        90s);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("the container's default config is valid", "[container]") {
    auto r = run_program(
        {SITEWATCH_BINARY, "validate", "--config", kSource + "/examples/docker/sitewatch.yml"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
}
