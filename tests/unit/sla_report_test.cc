// The monthly SLA arithmetic with hand-computed figures, and the report documents.
#include "alerting/sla/sla_report.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "alerting/sla/sla_document.h"

using namespace sitewatch;
using namespace sitewatch::sla;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

TimePoint at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
    return TimePoint(sys_days{year{y} / month{m} / day{d}}) + hours(hh) + minutes(mm);
}

// November 2026 (30 days), seen from after its end.
SlaInput november(std::vector<SlaIncident> incidents) {
    SlaInput in;
    in.client = "acme";
    in.month = Month{2026, 11};
    in.now = at(2026, 12, 7);
    in.sites = {{"acme-shop", "https://shop.acme.example/", std::nullopt, at(2027, 1, 6, 12), {}}};
    in.incidents = std::move(incidents);
    return in;
}

SlaIncident outage(std::uint64_t id, TimePoint from, Millis length,
                   const std::string& condition = "down") {
    return {id, "acme-shop", condition, "critical", from, from + 2min, std::nullopt, from + length};
}

}  // namespace

TEST_CASE("a 30-minute outage in a 30-day month is 99.9306 % uptime", "[sla]") {
    const auto f = compute_sla(november({outage(1, at(2026, 11, 10, 8), 30min)}));
    REQUIRE(f.sites.size() == 1);
    const auto& s = f.sites[0];
    CHECK(s.monitored == 30 * 24h);
    CHECK(s.downtime == 30min);
    CHECK(s.longest_outage == 30min);
    REQUIRE(s.uptime_percent);
    CHECK(*s.uptime_percent == Approx(100.0 * (1 - 30.0 / 43200)));
    CHECK(format_percent(s.uptime_percent) == "99.9306 %");
    CHECK(f.uptime_percent == s.uptime_percent);
    CHECK(s.incidents.total == 1);
    CHECK(s.incidents.by_condition.at("down") == 1);
    CHECK(s.incidents.by_severity.at("critical") == 1);
    CHECK(s.time_to_resolve.mean == Approx(1800));
    CHECK_FALSE(s.time_to_acknowledge.mean);
    // Certificate days left are counted from now (7 Dec 00:00 to 6 Jan 12:00).
    CHECK(s.tls_days_left == 30);
}

TEST_CASE("the part of an outage inside maintenance is neither downtime nor monitored time",
          "[sla]") {
    auto in = november({outage(1, at(2026, 11, 10, 1, 30), 60min)});
    // Maintenance 01:00-02:00 covers the outage's first 30 minutes (01:30-02:00).
    in.sites[0].maintenance = {{at(2026, 11, 10, 1, 0), at(2026, 11, 10, 2, 0)}};
    const auto f = compute_sla(in);
    const auto& s = f.sites[0];
    CHECK(s.maintenance == 60min);
    CHECK(s.downtime == 30min);
    CHECK(s.longest_outage == 30min);
    CHECK(*s.uptime_percent == Approx(100.0 * (1 - 30.0 / (43200 - 60))));
}

TEST_CASE("an incident spanning the month's start counts only its part inside the month", "[sla]") {
    // 31 Oct 23:50 to 1 Nov 00:20: 20 minutes in November; it opened in October, so it is not
    // one of November's incidents.
    SlaIncident i = outage(7, at(2026, 10, 31, 23, 50), 30min);
    i.opened_at = at(2026, 10, 31, 23, 52);
    const auto f = compute_sla(november({i}));
    CHECK(f.sites[0].downtime == 20min);
    CHECK(f.sites[0].incidents.total == 0);
}

TEST_CASE("p90 over ten values is the ninth smallest (nearest rank)", "[sla]") {
    std::vector<SlaIncident> list;
    for (int k = 1; k <= 10; ++k) {
        SlaIncident i = outage(k, at(2026, 11, static_cast<unsigned>(k), 3), 1min, "defaced");
        i.acknowledged_at = i.started_at + seconds(10 * k);
        list.push_back(i);
    }
    const auto f = compute_sla(november(list));
    CHECK(f.time_to_acknowledge.p90 == Approx(90));
    CHECK(f.time_to_acknowledge.mean == Approx(55));
    CHECK(percentile({5, 1, 3}, 90) == Approx(5));
    CHECK_FALSE(percentile({}, 90));
}

TEST_CASE("defaced, malformed and warning incidents count as incidents but not as downtime",
          "[sla]") {
    auto slow = outage(2, at(2026, 11, 3), 90min, "error");
    slow.severity = "warning";
    const auto f = compute_sla(november({outage(1, at(2026, 11, 2), 45min, "defaced"), slow,
                                         outage(3, at(2026, 11, 4), 10min, "malformed")}));
    CHECK(f.downtime == 0min);
    CHECK(*f.uptime_percent == Approx(100));
    CHECK(f.incidents.total == 3);
    CHECK(f.incidents.by_condition.at("defaced") == 1);
    CHECK(f.incidents.by_severity.at("warning") == 1);
}

TEST_CASE("monitored time starts at the site's first check and ends now in the current month",
          "[sla]") {
    auto in = november({});
    in.now = at(2026, 11, 21);  // 20 days into November
    in.sites[0].first_check = at(2026, 11, 11);
    // An open incident counts until now.
    in.incidents = {{1, "acme-shop", "down", "critical", at(2026, 11, 20, 23), at(2026, 11, 20, 23),
                     std::nullopt, std::nullopt}};
    const auto f = compute_sla(in);
    CHECK(f.sites[0].monitored == 10 * 24h);
    CHECK(f.sites[0].downtime == 60min);
    CHECK_FALSE(f.time_to_resolve.mean);
}

TEST_CASE("overlapping outages of two conditions are counted once; the client adds its sites",
          "[sla]") {
    auto in = november({outage(1, at(2026, 11, 5, 10), 30min),
                        outage(2, at(2026, 11, 5, 10, 20), 30min, "error")});
    in.sites.push_back({"acme-blog", "https://blog.acme.example/", std::nullopt, std::nullopt, {}});
    in.incidents.push_back({3, "acme-blog", "down", "critical", at(2026, 11, 6), at(2026, 11, 6),
                            at(2026, 11, 6, 0, 5), at(2026, 11, 6, 0, 15)});
    const auto f = compute_sla(in);
    CHECK(f.sites[0].downtime == 50min);
    CHECK(f.sites[1].downtime == 15min);
    CHECK(f.downtime == 65min);
    CHECK(f.longest_outage == 50min);
    CHECK(*f.uptime_percent == Approx(100.0 * (1 - 65.0 / (2 * 43200))));
    CHECK(f.sites[1].time_to_acknowledge.mean == Approx(300));
    CHECK_FALSE(f.sites[1].tls_days_left);
}

TEST_CASE("months parse as YYYY-MM and know their bounds", "[sla]") {
    CHECK(parse_month("2026-12")->end() == at(2027, 1, 1));
    CHECK(parse_month("2024-02")->end() - parse_month("2024-02")->start() == 29 * 24h);
    CHECK(month_of(at(2026, 12, 31, 23, 59)).text() == "2026-12");
    CHECK_FALSE(parse_month("2026-13"));
    CHECK_FALSE(parse_month("2026-1"));
    CHECK_FALSE(parse_month("26-12-01"));
}

TEST_CASE("the monthly report has its sections in Markdown and HTML, names escaped",
          "[sla][report]") {
    auto in = november({outage(1, at(2026, 11, 10, 8), 30min)});
    in.client = "acme <b>&</b>";
    const auto f = compute_sla(in);
    const auto md = render_sla_markdown(f, in);
    CHECK(md.find("# SLA report: acme") == 0);
    for (const char* h : {"## Summary", "## Sites", "## Incidents", "## Definition"})
        CHECK(md.find(h) != std::string::npos);
    CHECK(md.find("99.9306 %") != std::string::npos);
    CHECK(md.find("| \\#1 | acme-shop | down | critical |") != std::string::npos);
    const auto html = render_sla_html(f, in);
    CHECK(html.find("<h2>Summary</h2>") != std::string::npos);
    CHECK(html.find("acme &lt;b&gt;&amp;&lt;/b&gt;") != std::string::npos);
    CHECK(html.find("<b>&</b>") == std::string::npos);
}
