#include "checks/page/sensor_vote.h"

#include <catch2/catch.hpp>

#include "checks/baseline/content_baseline.h"

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

SensorSignal signal(SensorGroup g, bool strong, Condition c, std::string rule,
                    bool supporting = false) {
    SensorSignal s;
    s.group = g;
    s.strong = strong;
    s.supporting = supporting;
    s.finding.condition = c;
    s.finding.severity = Severity::critical;
    s.finding.summary = rule;
    s.finding.evidence.rule = std::move(rule);
    return s;
}

const TimePoint kNow = TimePoint(std::chrono::seconds(1'790'000'000));

ContentSample sample_with_blocks(std::vector<uint64_t> blocks, std::string title = "Acme") {
    ContentSample s;
    s.features.title = std::move(title);
    s.features.text_length = 1000;
    s.blocks = std::move(blocks);
    return s;
}

}  // namespace

TEST_CASE("no signals means no findings", "[vote]") { CHECK(vote({}).empty()); }

TEST_CASE("a strong signal is critical on its own", "[vote]") {
    auto fs = vote(
        {signal(SensorGroup::resources, true, Condition::security, "content.new_script_host")});
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].condition == Condition::security);
}

TEST_CASE("one weak group alone is only a warning", "[vote]") {
    auto fs = vote({signal(SensorGroup::head, false, Condition::defaced, "content.title_changed")});
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::warning);
}

TEST_CASE("two weak groups make one critical finding that names both", "[vote]") {
    auto fs =
        vote({signal(SensorGroup::head, false, Condition::defaced, "content.title_changed"),
              signal(SensorGroup::blocks, false, Condition::defaced, "content.stable_blocks")});
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].evidence.rule == "content.vote");
    CHECK(fs[0].summary.find("blocks") != std::string::npos);
    CHECK(fs[0].summary.find("head") != std::string::npos);
}

TEST_CASE("a page that collapsed without any sign of an attacker is malformed", "[vote]") {
    auto fs = vote({signal(SensorGroup::blocks, false, Condition::defaced, "content.stable_blocks"),
                    signal(SensorGroup::size, false, Condition::malformed, "content.collapsed")});
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].condition == Condition::malformed);
}

TEST_CASE("a weak signature gives the agreed finding its condition", "[vote]") {
    auto fs = vote(
        {signal(SensorGroup::signature, false, Condition::malformed,
                "signature.template_expression"),
         signal(SensorGroup::head, false, Condition::defaced, "content.heading_changed", true)});
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].condition == Condition::malformed);
}

TEST_CASE("supporting evidence alone raises nothing", "[vote]") {
    CHECK(vote({signal(SensorGroup::head, false, Condition::defaced, "content.heading_changed",
                       true)})
              .empty());
}

TEST_CASE("next to a strong signature, signs that the page was replaced are not repeated",
          "[vote]") {
    auto fs =
        vote({signal(SensorGroup::signature, true, Condition::error,
                     "signature.wordpress_critical_error"),
              signal(SensorGroup::head, false, Condition::defaced, "content.title_changed"),
              signal(SensorGroup::blocks, false, Condition::defaced, "content.stable_blocks")});
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].condition == Condition::error);
}

TEST_CASE("blocks stay stable only if every learning load had them", "[baseline]") {
    auto b = start_baseline(sample_with_blocks({1, 2, 3, 4}), 3, kNow);
    CHECK_FALSE(b.ready());
    learn(b, sample_with_blocks({1, 2, 3, 5}), kNow);
    learn(b, sample_with_blocks({1, 2, 3, 6}), kNow);
    CHECK(b.ready());
    CHECK(b.stable_blocks == std::set<uint64_t>{1, 2, 3});
    CHECK(b.seen_blocks == std::set<uint64_t>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("after learning, a replaced page never narrows the stable blocks", "[baseline]") {
    auto b = start_baseline(sample_with_blocks({1, 2, 3, 4, 5}), 2, kNow);
    learn(b, sample_with_blocks({1, 2, 3, 4, 5}), kNow);
    REQUIRE(b.settled());
    learn(b, sample_with_blocks({9}), kNow);  // the caller never does this, but if it did
    CHECK(b.stable_blocks.size() == 5);
    learn(b, sample_with_blocks({1, 2, 3, 4, 7}), kNow);  // one paragraph edited: ages out
    CHECK(b.stable_blocks == std::set<uint64_t>{1, 2, 3, 4});
}

TEST_CASE("an accepted baseline is trusted at once and settles over the next loads", "[baseline]") {
    auto b = accept_baseline(sample_with_blocks({1, 2, 3}), 3, kNow);
    CHECK(b.accepted);
    CHECK(b.ready());
    CHECK_FALSE(b.settled());
    learn(b, sample_with_blocks({1, 2, 8}), kNow);
    learn(b, sample_with_blocks({1, 2, 9}), kNow);
    CHECK(b.settled());
    CHECK(b.stable_blocks == std::set<uint64_t>{1, 2});
}
