#include "alerting/reports/incident_report.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "alerting/confirmation/site_confirmation.h"
#include "alerting/incidents/incident_engine.h"
#include "alerting/reports/condition_guidance.h"
#include "alerting/reports/report_text.h"

using namespace sitewatch;
using namespace sitewatch::reports;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0 = sys_days{year{2026} / 11 / 24} + 12h;

Finding status_503() {
    return {Condition::error,
            Severity::critical,
            "http",
            "HTTP 503 Service Unavailable",
            {"http.status", "<h1>503 Service Temporarily Unavailable</h1>", "", ""}};
}

// A real incident, opened, acknowledged, noted and resolved by the engine.
struct Scenario {
    SiteConfirmation confirmation{2, 2};
    IncidentEngine engine;
    TimePoint clock = kT0 - 1min;  // so the first failing check is 12:01
    std::uint64_t id = 0;

    void check(const Findings& fs, nanoseconds step = 1min) {
        clock += duration_cast<Clock::duration>(step);
        const auto update = confirmation.record(fs, clock);
        for (const auto& e : engine.record(CheckOutcome::from(
                 "acme", "acme-home", "https://acme.example/", fs, update, confirmation, clock)))
            if (e.kind == IncidentEventKind::opened) id = e.incident_id;
    }
    const Incident& incident() const { return *engine.find(id); }
};

escalation::StepRecord step(std::string name, escalation::Role role, escalation::Channel ch,
                            std::string address, escalation::StepStatus status, TimePoint at,
                            int level) {
    escalation::StepRecord r;
    r.step.person.name = name;
    r.step.person.role = role;
    r.step.channel = ch;
    r.step.address = address;
    r.step.level = level;
    r.step.step_id = "1:" + std::to_string(level) + ":0:" + name + ":" + to_string(ch);
    r.handed_out_at = at;
    r.status = status;
    r.outcome_at = at + 20s;
    if (status == escalation::StepStatus::failed) r.why = "no answer";
    return r;
}

// 12:01-12:05 and 12:10-12:30 failing: 24 minutes in two outages.
std::vector<CheckPoint> history() {
    const auto at = [](minutes m) { return kT0 + m; };
    return {{at(0min), true, "", false},        {at(1min), false, "error", false},
            {at(2min), false, "error", true},   {at(5min), true, "", false},
            {at(10min), false, "error", false}, {at(30min), true, "", false},
            {at(31min), true, "", false}};
}

ReportInput open_report() {
    Scenario s;
    s.check({});
    s.check({status_503()});
    s.check({status_503()}, 10s);
    REQUIRE(s.id != 0);
    ReportInput in;
    in.incident = s.incident();
    in.client_name = "Acme Ltd";
    in.client_plan = "Standard";
    in.now = kT0 + 20min;
    in.downtime = compute_downtime(history(), in.incident, in.now);
    return in;
}

ReportInput resolved_report() {
    Scenario s;
    s.check({});
    s.check({status_503()});
    s.check({status_503()}, 10s);
    REQUIRE(s.id != 0);
    REQUIRE(s.engine.acknowledge(s.id, "Dana", kT0 + 6min));
    REQUIRE(s.engine.add_note(s.id, "Sam", "<script>alert('x')</script> restarted php-fpm",
                              kT0 + 12min));
    REQUIRE(s.engine.add_note(s.id, "Sam", "client contact: ops@acme.example, +1 555 010 9999",
                              kT0 + 13min));
    REQUIRE(s.engine.resolve(s.id, "Sam", kT0 + 30min, "Raised the php-fpm pool size"));
    ReportInput in;
    in.incident = s.incident();
    in.client_name = "Acme Ltd";
    in.client_plan = "Standard";
    in.escalation_steps = {
        step("Dana", escalation::Role::strategist, escalation::Channel::phone, "+15550100001",
             escalation::StepStatus::delivered, kT0 + 2min, 1),
        step("Pat", escalation::Role::pm, escalation::Channel::email, "pat@agency.example",
             escalation::StepStatus::failed, kT0 + 3min, 2)};
    in.hours_logged = 2.5;
    in.now = kT0 + 3h;
    in.downtime = compute_downtime(history(), in.incident, in.now);
    PastIncident old;
    old.id = 3;
    old.client = "acme";
    old.condition = Condition::error;
    old.site = "acme-home";
    old.opened_at = kT0 - days{30};
    old.resolved_at = old.opened_at + 1h;
    old.summary = "HTTP 502 Bad Gateway";
    old.debrief = Debrief{"502s after a deploy",
                          "pool too small",
                          "raised pm.max_children",
                          "size the pool before launches",
                          "Sam",
                          old.resolved_at.value()};
    in.similar = {{old, Similarity::same_client, {}}};
    return in;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("every section heading is present in both audiences and both formats", "[reports]") {
    for (const auto& in : {open_report(), resolved_report()}) {
        for (const auto audience : {Audience::client, Audience::internal}) {
            const auto md = render_incident_report(in, audience, Format::markdown);
            const auto html = render_incident_report(in, audience, Format::html);
            for (const auto& h : report_headings(audience)) {
                CHECK(has(md, "\n## " + h + "\n"));
                CHECK(has(html, "<h2>" + h + "</h2>"));
            }
            CHECK(md.rfind("# Incident report: acme-home", 0) == 0);
        }
    }
    CHECK(report_headings(Audience::client).size() == 8);
    CHECK(report_headings(Audience::internal).size() == 12);
}

TEST_CASE("a client report has none of the internal sections", "[reports]") {
    const auto md = render_incident_report(resolved_report(), Audience::client, Format::markdown);
    for (const char* h : {"Evidence", "Escalation detail", "Debrief", "Similar past incidents"})
        CHECK_FALSE(has(md, std::string("## ") + h));
}

TEST_CASE("a client report never shows the evidence excerpt", "[reports]") {
    const ReportInput in = resolved_report();
    for (const auto format : {Format::markdown, Format::html}) {
        const auto text = render_incident_report(in, Audience::client, format);
        CHECK_FALSE(has(text, "Temporarily Unavailable"));  // the excerpt
        CHECK_FALSE(has(text, "http.status"));              // the rule id
        CHECK_FALSE(has(text, "HTTP 503"));                 // the finding's summary
        CHECK_FALSE(has(text, "1:1:0:Dana:phone"));         // a step id
        CHECK_FALSE(has(text, "+15550100001"));             // a phone number
        CHECK_FALSE(has(text, "pat@agency.example"));       // an email address
        CHECK_FALSE(has(text, "ops@acme.example"));         // an address typed into a note
        CHECK_FALSE(has(text, "555 010 9999"));             // a number typed into a note
    }
    ReportInput technical = in;
    technical.technical = true;
    const auto tech = render_incident_report(technical, Audience::client, Format::markdown);
    CHECK(has(tech, "In technical terms"));
    CHECK_FALSE(has(tech, "http.status"));
    CHECK_FALSE(has(tech, "Temporarily Unavailable"));
    const auto internal = render_incident_report(in, Audience::internal, Format::markdown);
    CHECK(has(internal, "Temporarily Unavailable"));
    CHECK(has(internal, "http.status"));
    CHECK(has(internal, "1:1:0:Dana:phone"));
    CHECK(has(internal, "+15550100001"));
}

TEST_CASE("a hostile note is HTML-escaped in the HTML report", "[reports]") {
    const ReportInput in = resolved_report();
    for (const auto audience : {Audience::client, Audience::internal}) {
        const auto html = render_incident_report(in, audience, Format::html);
        CHECK_FALSE(has(html, "<script>"));
        CHECK(has(html, "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; restarted php-fpm"));
        CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(has(html, "<style>"));
        CHECK(has(html, "</html>\n"));
    }
}

TEST_CASE("a hostile note cannot break the Markdown report", "[reports]") {
    const auto md = render_incident_report(resolved_report(), Audience::client, Format::markdown);
    CHECK_FALSE(has(md, "<script>"));
    CHECK(has(md, "\\<script\\>"));
}

TEST_CASE("the report gives the downtime minutes of a history with two outages", "[reports]") {
    const ReportInput in = resolved_report();
    CHECK(in.downtime.total == 24min);
    const auto md = render_incident_report(in, Audience::client, Format::markdown);
    CHECK(has(md, "**Downtime:** 24 minutes (24 min)"));
    CHECK(has(md, "**Separate outages:** 2"));
    CHECK(has(md, "**Longest outage:** 20 minutes"));
    CHECK(has(md, "orders placed while the error showed may not have been saved"));
    const auto internal = render_incident_report(in, Audience::internal, Format::markdown);
    CHECK(has(internal, "**Checks in the window:** 5 seen, 3 failed"));
}

TEST_CASE("a resolved report says what was done, by whom and the hours spent", "[reports]") {
    const auto md = render_incident_report(resolved_report(), Audience::client, Format::markdown);
    CHECK(has(md, "Resolved"));
    CHECK(has(md, "The fix: Raised the php\\-fpm pool size") == false);  // '-' stays inside text
    CHECK(has(md, "The fix: Raised the php-fpm pool size (Sam)"));
    CHECK(has(md, "Dana took charge of the problem"));
    CHECK(has(md, "**Hours spent by our team:** 2.5 hours"));
    CHECK(has(md, "Our Strategist (Dana) was alerted by phone."));
    CHECK(has(md, "In the next few days you may notice"));
    CHECK_FALSE(has(md, "still open"));
}

TEST_CASE("a still-open report says so instead of inventing an end", "[reports]") {
    const ReportInput in = open_report();
    const auto md = render_incident_report(in, Audience::client, Format::markdown);
    CHECK(has(md, "Still open"));
    CHECK(has(md, "is still open as of 2026-11-24 12:20 UTC"));
    CHECK(has(md, "**Time to resolve:** still open"));
    CHECK(has(md, "**Hours spent by our team:** not logged yet"));
    CHECK(has(md, "Nothing has been recorded yet"));
    CHECK(has(md, "still counting"));
    const auto internal = render_incident_report(in, Audience::internal, Format::markdown);
    CHECK(has(internal, "No debrief yet."));
    CHECK(has(internal, "No similar past incidents were found."));
    CHECK((has(internal, "Nobody was paged") || has(internal, "No escalation steps")));
}

TEST_CASE("an internal report shows every escalation step, the debrief and similar incidents",
          "[reports]") {
    ReportInput in = resolved_report();
    in.debrief = Debrief{"503s under load",
                         "php-fpm pool exhausted",
                         "raised the pool",
                         "alert on pool saturation",
                         "Sam",
                         kT0 + 1h};
    const auto md = render_incident_report(in, Audience::internal, Format::markdown);
    CHECK(has(md, "notified Dana (Strategist) by phone: delivered"));
    CHECK(has(md, "notified Pat (PM) by email: failed (no answer)"));
    CHECK(has(md, "**Prevention:** alert on pool saturation"));
    CHECK(has(md, "\\#3 acme / acme\\-home") == false);
    CHECK(has(md, "\\#3 acme / acme-home"));
    CHECK(has(md, "**Debrief: Prevention:** size the pool before launches"));
    CHECK(has(md, "opened: HTTP 503 Service Unavailable"));
}

TEST_CASE("a report with no check history says the figures are estimated", "[reports]") {
    ReportInput in = resolved_report();
    in.downtime = compute_downtime({}, in.incident, in.now);
    const auto md = render_incident_report(in, Audience::client, Format::markdown);
    CHECK(has(md, "No check history was available"));
}

TEST_CASE("audience and format names parse, anything else does not", "[reports]") {
    CHECK(parse_audience("client") == Audience::client);
    CHECK(parse_audience("internal") == Audience::internal);
    CHECK_FALSE(parse_audience("Client"));
    CHECK_FALSE(parse_audience(""));
    CHECK(parse_format("md") == Format::markdown);
    CHECK(parse_format("markdown") == Format::markdown);
    CHECK(parse_format("html") == Format::html);
    CHECK_FALSE(parse_format("pdf"));
}

TEST_CASE("condition guidance is complete for every condition and never quotes a rule id",
          "[reports]") {
    const char* rules[] = {"",
                           "transport.dns",
                           "transport.timeout",
                           "transport.connect_refused",
                           "transport.tls_handshake",
                           "http.status",
                           "http.cdn_origin",
                           "http.foreign_redirect",
                           "content.foreign_form",
                           "content.new_script_host",
                           "content.new_frame_host",
                           "cloaking.spam",
                           "signature.deface_hacked_by",
                           "signature.crypto_miner_script",
                           "signature.pharma_spam_link",
                           "signature.directory_listing",
                           "signature.raw_php_source",
                           "signature.wordpress_database_error",
                           "signature.wordpress_maintenance",
                           "signature.php_fatal_error",
                           "signature.parked_domain",
                           "signature.nginx_welcome",
                           "signature.template_statement",
                           "assets.broken",
                           "content.blank",
                           "tls.expired",
                           "tls.hostname_mismatch",
                           "keyword.must_contain",
                           "response_time.slow",
                           "no.such_rule"};
    for (const Condition c : kAllConditions) {
        for (const char* rule : rules) {
            const Guidance g = condition_guidance(c, rule);
            CAPTURE(to_string(c), rule);
            CHECK_FALSE(g.what_plain.empty());
            CHECK_FALSE(g.issue_now.empty());
            CHECK_FALSE(g.cause_plain.empty());
            CHECK_FALSE(g.cause_technical.empty());
            CHECK_FALSE(g.fixes.empty());
            CHECK_FALSE(g.side_effects.empty());
            CHECK_FALSE(g.client_actions.empty());
            if (*rule) {
                std::string all =
                    g.what_plain + g.cause_plain + g.cause_technical + g.possible_data_loss;
                for (const auto& v : {g.fixes, g.side_effects, g.client_actions})
                    for (const auto& line : v) all += line;
                CHECK_FALSE(has(all, rule));
            }
        }
    }
}

TEST_CASE("guidance asks for passwords after a hack and warns of lost forms after downtime",
          "[reports]") {
    const auto joined = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& s : v) out += s + "\n";
        return out;
    };
    const Guidance defaced = condition_guidance(Condition::defaced);
    CHECK(has(joined(defaced.client_actions), "passwords"));
    CHECK(has(joined(defaced.client_actions), "card"));
    CHECK(has(joined(defaced.client_actions), "stakeholders"));
    CHECK(has(joined(defaced.client_actions), "email"));
    CHECK(has(
        joined(condition_guidance(Condition::security, "signature.raw_php_source").client_actions),
        "passwords"));
    for (const Condition c : {Condition::down, Condition::error}) {
        const Guidance g = condition_guidance(c);
        CHECK(has(joined(g.client_actions), "form submissions and orders"));
        CHECK_FALSE(g.possible_data_loss.empty());
    }
    CHECK(condition_guidance(Condition::malformed).possible_data_loss.empty());
    CHECK(has(condition_guidance(Condition::security, "tls.expired").cause_plain, "certificate"));
    CHECK(has(condition_guidance(Condition::defaced, "content.foreign_form").possible_data_loss,
              "payment"));
}

TEST_CASE("user text cannot start a list, a heading or a link in the Markdown report",
          "[reports]") {
    CHECK(markdown_escape("1. first") == "1\\. first");
    CHECK(markdown_escape("- item") == "\\- item");
    CHECK(markdown_escape("-1 degrees") == "-1 degrees");
    CHECK(markdown_escape("# big") == "\\# big");
    CHECK(markdown_escape("[click](https://evil.example)") == "\\[click\\](https://evil.example)");
    CHECK(markdown_escape("a *b* _c_ `d` <e> | &amp;") ==
          "a \\*b\\* \\_c\\_ \\`d\\` \\<e\\> \\| \\&amp;");
    CHECK(markdown_escape("line one\n## two") == "line one \\#\\# two");
    CHECK(markdown_escape("2.5 hours", false) == "2.5 hours");
}

TEST_CASE("contact details are removed for clients but dates and times are kept", "[reports]") {
    CHECK(redact_contacts("mail ops@acme.example now") == "mail [email removed] now");
    CHECK(redact_contacts("call +44 20 7946 0958.") == "call [phone removed].");
    CHECK(redact_contacts("call (555) 010-9999 x") == "call [phone removed] x");
    CHECK(redact_contacts("at 2026-11-24 12:00 UTC") == "at 2026-11-24 12:00 UTC");
    CHECK(redact_contacts("restarted 2 workers @ 3pm") == "restarted 2 workers @ 3pm");
    CHECK(redact_contacts("ticket 12345") == "ticket 12345");
}

TEST_CASE("durations and hours read the way a person says them", "[reports]") {
    CHECK(format_duration(0ms) == "less than a minute");
    CHECK(format_duration(1min) == "1 minute");
    CHECK(format_duration(83min) == "1 hour 23 minutes");
    CHECK(format_duration(hours{51}) == "2 days 3 hours");
    CHECK(format_hours(2.5) == "2.5 hours");
    CHECK(format_hours(1.0) == "1 hour");
    CHECK(format_hours(0.25) == "0.25 hours");
    CHECK(format_time(kT0 + 3min) == "2026-11-24 12:03 UTC");
}
