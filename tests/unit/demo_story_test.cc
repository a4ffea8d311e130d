// The demo's story (monitor/demo/demo_timeline.h) and its pages (demo_pages.h), judged by the
// real checks: what `sitewatch demo` promises in its banner is what the checks will report.
#include <catch2/catch.hpp>
#include <set>

#include "checks/baseline/content_baseline.h"
#include "checks/evaluate.h"
#include "monitor/demo/demo_pages.h"
#include "monitor/demo/demo_timeline.h"

using namespace sitewatch;
using namespace sitewatch::demo;
using namespace std::chrono_literals;

namespace {

const SiteLook kLook{"Acme Corp",
                     "Quality anvils and rockets since 1949",
                     {{"Our products", "Anvils in six weights and rocket skates."},
                      {"Trade customers", "Volume pricing for professional buyers."},
                      {"Visit us", "Showroom open Monday to Saturday, 9 am to 6 pm."}}};

Response page_response(const std::string& body) {
    Response r;
    r.url = r.final_url = "http://127.0.0.1:8080/";
    r.http_status = 200;
    r.total_seconds = 0.01;
    r.headers = {{"content-type", "text/html; charset=utf-8"}};
    r.body = body;
    return r;
}

// The most severe finding on the page in `state`, after the site learned its normal page.
const Finding* judged(PageState state, Findings& out) {
    CheckSpec spec;
    spec.defacement_learn_samples = 3;
    const TimePoint now = Clock::now();
    std::optional<checks::ContentBaseline> baseline;
    for (int i = 0; i < spec.defacement_learn_samples; ++i) {
        const Response normal = page_response(render_page(kLook, PageState::normal));
        auto ev = evaluate_page({normal, spec, now, nullptr, baseline ? &*baseline : nullptr});
        REQUIRE(ev.findings.empty());
        REQUIRE(ev.sample);
        if (baseline)
            checks::learn(*baseline, *ev.sample, now);
        else
            baseline = checks::start_baseline(*ev.sample, spec.defacement_learn_samples, now);
    }
    REQUIRE(baseline->ready());
    const Response r = page_response(render_page(kLook, state));
    out = evaluate_page({r, spec, now, nullptr, &*baseline}).findings;
    return most_severe(out);
}

}  // namespace

TEST_CASE("a demo site's normal page passes every check against its learned baseline", "[demo]") {
    Findings findings;
    CHECK(judged(PageState::normal, findings) == nullptr);
}

TEST_CASE("the demo's broken pages are the conditions its banner announces", "[demo]") {
    struct Case {
        PageState state;
        Condition condition;
    };
    for (const auto& c : {Case{PageState::cms_error, Condition::error},
                          Case{PageState::defaced, Condition::defaced},
                          Case{PageState::blank, Condition::malformed}}) {
        INFO(to_string(c.state));
        Findings findings;
        const Finding* worst = judged(c.state, findings);
        REQUIRE(worst != nullptr);
        CHECK(worst->condition == c.condition);
        CHECK(worst->severity == Severity::critical);
        // One break, one condition: the CMS error page is not also called a defacement.
        for (const auto& f : findings)
            if (f.severity == Severity::critical) CHECK(f.condition == c.condition);
    }
}

TEST_CASE("the demo's story breaks sites in four conditions within its first minute", "[demo]") {
    std::set<std::string> early;
    std::chrono::seconds previous{0};
    for (const auto& e : demo_timeline()) {
        CHECK(e.at >= previous);  // in time order
        previous = e.at;
        if (e.at < 60s && e.condition != "recovered") early.insert(e.condition);
        if (e.condition != "recovered") CHECK(parse_condition(e.condition).has_value());
    }
    CHECK(early == std::set<std::string>{"down", "error", "defaced", "malformed", "security"});
}

TEST_CASE("a timeline cursor hands out each demo event once, when its time has come", "[demo]") {
    const std::vector<DemoEvent> events{
        {10s, "a", DemoAction::stop_listening, "down", "a goes down"},
        {10s, "b", DemoAction::deface, "defaced", "b is defaced"},
        {30s, "a", DemoAction::resume_listening, "recovered", "a is back"},
    };
    TimelineCursor cursor(events);
    CHECK(cursor.take_due(9'999ms).empty());
    REQUIRE(cursor.next_at() == std::chrono::milliseconds(10s));
    auto due = cursor.take_due(12s);
    REQUIRE(due.size() == 2);
    CHECK(due[0].site == "a");
    CHECK(due[1].site == "b");
    CHECK(cursor.take_due(12s).empty());
    CHECK(cursor.next_at() == std::chrono::milliseconds(30s));
    CHECK(cursor.take_due(40s).size() == 1);
    CHECK_FALSE(cursor.next_at().has_value());
}
