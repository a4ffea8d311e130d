#include "alerting/reports/similar_incidents.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <vector>

using namespace sitewatch;
using namespace sitewatch::reports;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0 = sys_days{year{2026} / 6 / 1};

PastIncident past(std::uint64_t id, std::string client, std::vector<std::string> tags, Condition c,
                  int day, bool debriefed = false) {
    PastIncident p;
    p.id = id;
    p.client = std::move(client);
    p.client_tags = std::move(tags);
    p.condition = c;
    p.site = p.client + "-home";
    p.opened_at = kT0 + days{day};
    p.resolved_at = p.opened_at + 1h;
    p.summary = "incident " + std::to_string(id);
    if (debriefed) p.debrief = Debrief{"issue", "looked", "fixed", "avoid", "ana", p.opened_at};
    return p;
}

std::vector<std::uint64_t> ids(const std::vector<SimilarIncident>& v) {
    std::vector<std::uint64_t> out;
    for (const auto& s : v) out.push_back(s.incident.id);
    return out;
}

}  // namespace

TEST_CASE("similar incidents rank the same client first, debriefed first, newest first",
          "[reports]") {
    const SimilarQuery q{100, "acme", Condition::error, {"wordpress", "woocommerce"}};
    const std::vector<PastIncident> history{
        past(1, "acme", {"wordpress"}, Condition::error, 1),
        past(2, "acme", {"wordpress"}, Condition::error, 5),
        past(3, "acme", {"wordpress"}, Condition::error, 2, true),
        past(4, "globex", {"WordPress"}, Condition::error, 9, true),
        past(5, "initech", {"drupal"}, Condition::error, 10, true),  // other stack
        past(6, "acme", {"wordpress"}, Condition::down, 11, true),   // other condition
        past(7, "umbrella", {"woocommerce"}, Condition::error, 12),
        past(100, "acme", {"wordpress"}, Condition::error, 13, true),  // itself
    };
    const auto found = find_similar_incidents(q, history);
    CHECK(ids(found) == std::vector<std::uint64_t>{3, 2, 1, 4, 7});
    CHECK(found[0].why == Similarity::same_client);
    CHECK(found[3].why == Similarity::shared_stack);
    CHECK(found[3].shared_tags == std::vector<std::string>{"wordpress"});
}

TEST_CASE("similar incidents are bounded in number", "[reports]") {
    std::vector<PastIncident> history;
    for (std::uint64_t i = 1; i <= 20; ++i)
        history.push_back(past(i, "acme", {}, Condition::down, static_cast<int>(i)));
    const SimilarQuery q{99, "acme", Condition::down, {}};
    const auto found = find_similar_incidents(q, history);
    REQUIRE(found.size() == kSimilarIncidentsLimit);
    CHECK(found.front().incident.id == 20);
    CHECK(find_similar_incidents(q, history, 2).size() == 2);
}

TEST_CASE("a client without tags only matches its own past incidents", "[reports]") {
    const SimilarQuery q{99, "acme", Condition::defaced, {" "}};
    const std::vector<PastIncident> history{past(1, "globex", {" "}, Condition::defaced, 1),
                                            past(2, "acme", {}, Condition::defaced, 2)};
    CHECK(ids(find_similar_incidents(q, history)) == std::vector<std::uint64_t>{2});
}

TEST_CASE("nothing similar gives an empty list", "[reports]") {
    const SimilarQuery q{1, "acme", Condition::security, {"wordpress"}};
    CHECK(find_similar_incidents(q, {}).empty());
    CHECK(find_similar_incidents(q, {past(1, "acme", {}, Condition::security, 1)}).empty());
}
