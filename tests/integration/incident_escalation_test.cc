// End to end: a real `sitewatch run` against loopback sites that go down and come back, with
// loopback stand-ins for Twilio, Slack, PagerDuty, Asana and a signed webhook. The acceptance
// of issue 4: one incident, the Strategist phoned first, the PM after ack_timeout, silence
// after the acknowledgement, resolution by itself, a timeline that shows each step; nobody
// paged for a blip, a warning or a flapping site; nothing lost or doubled by kill -9.
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "alerting/notifiers/webhook_request.h"
#include "alerting/reports/incident_report.h"
#include "tests/support/child_process.h"
#include "tests/support/daemon_under_test.h"
#include "tests/support/smtp_sink.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_http_server.h"
#include "tests/support/vendor_stubs.h"

using namespace std::chrono_literals;
using sitewatch::testing::DaemonUnderTest;
using sitewatch::testing::StubRequest;
using sitewatch::testing::TempDir;
using sitewatch::testing::TestHttpServer;
using sitewatch::testing::VendorStubs;

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr const char* kDana = "+15550100001";   // Strategist
constexpr const char* kPriya = "+15550100002";  // PM
constexpr const char* kLee = "+15550100003";    // lead developer

struct SiteSpec {
    std::string name, url, extra;  // extra: more site keys, indented as site keys
};

// The config every test here runs: 1 s checks, a 1 s confirming re-check, ack_timeout 3 s, the
// team of three and every notifier pointed at the stubs.
std::string incident_config(const TempDir& dir, const VendorStubs& stubs,
                            const std::vector<SiteSpec>& sites,
                            const std::string& ack_timeout = "3s", int smtp_port = 0) {
    const auto twilio = dir.write("secrets/twilio", VendorStubs::kTwilioToken);
    const auto webhook = dir.write("secrets/webhook", VendorStubs::kWebhookSecret);
    const auto pagerduty = dir.write("secrets/pagerduty", VendorStubs::kPagerDutyKey);
    const auto asana = dir.write("secrets/asana", VendorStubs::kAsanaToken);
    std::string y =
        "server:\n  listen: 127.0.0.1:0\n  public_url: http://127.0.0.1:1/sw\n"
        "storage:\n  sqlite: " +
        (dir.path() / "sitewatch.db").string() +
        "\ndefaults:\n  interval: 1s\n  timeout: 2s\n"
        "  confirm:\n    failures: 2\n    retry_after: 1s\n"
        "  recover:\n    successes: 2\n"
        "  defacement:\n    enabled: false\n  assets:\n    check: false\n"
        "team:\n"
        "  - {name: Dana, role: strategist, phone: \"" +
        std::string(kDana) + "\", sms: \"" + kDana +
        "\", slack: U0DANA, email: dana@agency.example}\n"
        "  - {name: Priya, role: pm, phone: \"" +
        kPriya + "\", sms: \"" + kPriya +
        "\", email: priya@agency.example}\n"
        "  - {name: Lee, role: lead_dev, phone: \"" +
        kLee +
        "\"}\n"
        "escalation:\n  ack_timeout: " +
        ack_timeout +
        "\n  followup_window: 7d\n"
        "notifiers:\n"
        "  twilio: {account_sid: " +
        VendorStubs::kTwilioSid + ", auth_token_file: " + twilio +
        ", from: \"+15550109999\", api_base: \"" + stubs.twilio_base() +
        "\"}\n"
        "  slack: {webhook_url: \"" +
        stubs.slack_url() +
        "\"}\n"
        "  webhook: {url: \"" +
        stubs.webhook_url() + "\", secret_file: " + webhook +
        "}\n"
        "  pagerduty: {routing_key_file: " +
        pagerduty + ", api_base: \"" + stubs.pagerduty_base() +
        "\"}\n"
        "  asana: {token_file: " +
        asana + ", project: \"1200000000000042\", api_base: \"" + stubs.asana_base() + "\"}\n" +
        (smtp_port ? "  email: {smtp_url: \"smtp://127.0.0.1:" + std::to_string(smtp_port) +
                         "\", from: \"Sitewatch <alerts@agency.example>\"}\n"
                   : std::string()) +
        "clients:\n  - name: acme\n    plan: standard\n    tags: [wordpress]\n"
        "    contacts:\n      - {name: Sam, email: sam@acme.example}\n"
        "    team: {strategist: Dana, pm: Priya, lead_dev: Lee}\n    sites:\n";
    for (const auto& s : sites) {
        y += "      - name: " + s.name + "\n        url: " + s.url + "\n";
        if (!s.extra.empty()) y += s.extra;
    }
    return dir.write("sitewatch.yaml", y);
}

// A site whose answer the test switches.
struct SwitchableSite {
    TestHttpServer server;
    std::atomic<int> status{200};
    std::atomic<int> requests{0};
    SwitchableSite() {
        server.handle("/", [this](const httplib::Request&, httplib::Response& res) {
            ++requests;
            res.status = status.load();
            res.set_content(status.load() == 200 ? "<html><body><h1>Acme</h1><p>Welcome to "
                                                   "Acme's shop.</p></body></html>"
                                                 : "<html><body>Service Unavailable</body></html>",
                            "text/html");
        });
    }
};

httplib::Result post_json(const DaemonUnderTest& d, const std::string& path,
                          const nlohmann::json& body) {
    httplib::Client c("127.0.0.1", d.port());
    c.set_read_timeout(5, 0);
    return c.Post(path.c_str(), body.dump(), "application/json");
}

nlohmann::json incidents_of(const DaemonUnderTest& d) {
    return d.get_json("/api/v1/incidents")["incidents"];
}

template <typename Pred>
nlohmann::json wait_for_incidents(const DaemonUnderTest& d, Pred pred,
                                  std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    nlohmann::json list;
    while (SteadyClock::now() < deadline) {
        list = incidents_of(d);
        if (pred(list)) return list;
        std::this_thread::sleep_for(50ms);
    }
    FAIL("incidents not as expected in time; last: " << list.dump());
    return list;
}

std::vector<StubRequest> calls_to(const VendorStubs& stubs, const std::string& number) {
    std::vector<StubRequest> out;
    for (const auto& r : stubs.requests("twilio_call"))
        if (r.form.count("To") && r.form.at("To") == number) out.push_back(r);
    return out;
}

bool has_entry(const nlohmann::json& timeline, const std::string& kind,
               const std::string& text_part) {
    for (const auto& e : timeline)
        if (e["kind"] == kind &&
            e["message"].get<std::string>().find(text_part) != std::string::npos)
            return true;
    return false;
}

// Every webhook delivery carries a valid Standard Webhooks signature; returns their types.
std::vector<std::string> verified_webhook_types(const VendorStubs& stubs) {
    std::vector<std::string> types;
    for (const auto& r : stubs.requests("webhook")) {
        const auto id = r.header("webhook-id");
        const auto ts = r.header("webhook-timestamp");
        INFO("webhook " << id << ": " << r.body);
        CHECK(sitewatch::notifiers::verify_webhook_signature(
            VendorStubs::kWebhookSecret, id, ts, r.body, r.header("webhook-signature")));
        types.push_back(nlohmann::json::parse(r.body).value("type", ""));
    }
    return types;
}

}  // namespace

TEST_CASE(
    "a site that goes down opens one critical incident, phones the Strategist first, the "
    "PM after ack_timeout, stops on acknowledgement and resolves by itself",
    "[incidents][e2e]") {
    TempDir dir;
    VendorStubs stubs;
    SwitchableSite site;
    const auto config = incident_config(dir, stubs, {{"acme-shop", site.server.url("/"), ""}});
    DaemonUnderTest daemon(config);
    daemon.wait_for_sites([](const nlohmann::json& s) { return s[0]["status"] == "up"; });
    REQUIRE(incidents_of(daemon).empty());

    const auto down_at = SteadyClock::now();
    site.status = 503;
    const auto opened = wait_for_incidents(
        daemon, [](const nlohmann::json& l) { return !l.empty(); }, 10s);
    const auto detected_after = SteadyClock::now() - down_at;
    // interval (1 s) + retry_after (1 s) + a second, as the issue asks (plus this poll's 50 ms).
    CHECK(detected_after <= 3050ms);
    REQUIRE(opened.size() == 1);
    const auto id = opened[0]["id"].get<std::uint64_t>();
    CHECK(opened[0]["client"] == "acme");
    CHECK(opened[0]["site"] == "acme-shop");
    CHECK(opened[0]["condition"] == "error");
    CHECK(opened[0]["severity"] == "critical");
    CHECK(opened[0]["state"] == "open");

    // The Strategist first, by phone, with the summary spoken.
    REQUIRE(stubs.wait_for(
        "twilio_call", [](const auto& r) { return r.size() >= 1; }, 5s));
    const auto first = stubs.requests("twilio_call").front();
    CHECK(first.form.at("To") == kDana);
    CHECK(first.form.at("From") == "+15550109999");
    CHECK(first.form.at("Twiml").find("<Say") != std::string::npos);
    CHECK(first.header("authorization").rfind("Basic ", 0) == 0);
    CHECK(calls_to(stubs, kPriya).empty());

    // Nobody acknowledges: the PM after ack_timeout (3 s).
    REQUIRE(stubs.wait_for(
        "twilio_call", [](const auto& r) { return r.size() >= 2; }, 8s));
    const auto second = stubs.requests("twilio_call")[1];
    CHECK(second.form.at("To") == kPriya);
    CHECK(second.at - first.at >= 2800ms);

    auto ack =
        post_json(daemon, "/api/v1/incidents/" + std::to_string(id) + "/ack", {{"by", "Priya"}});
    REQUIRE(ack);
    CHECK(ack->status == 200);
    CHECK(nlohmann::json::parse(ack->body)["state"] == "acknowledged");
    // A second acknowledgement is a conflict, not a second event.
    auto again =
        post_json(daemon, "/api/v1/incidents/" + std::to_string(id) + "/ack", {{"by", "Dana"}});
    REQUIRE(again);
    CHECK(again->status == 409);

    // Acknowledged: the lead developer is never called, however long it stays down.
    std::this_thread::sleep_for(4500ms);
    CHECK(stubs.count("twilio_call") == 2);
    CHECK(calls_to(stubs, kLee).empty());

    site.status = 200;
    const auto resolved = wait_for_incidents(
        daemon,
        [](const nlohmann::json& l) { return l.size() == 1 && l[0]["state"] == "resolved"; }, 10s);
    CHECK(resolved[0]["resolved_at"].is_string());
    CHECK(resolved[0]["acknowledged_at"].is_string());

    const auto detail = daemon.get_json("/api/v1/incidents/" + std::to_string(id));
    const auto& timeline = detail["timeline"];
    INFO(timeline.dump(2));
    CHECK(has_entry(timeline, "opened", ""));
    CHECK(has_entry(timeline, "notify", "Dana (Strategist) by phone"));
    CHECK(has_entry(timeline, "notify_delivered", "Dana (Strategist) by phone"));
    CHECK(has_entry(timeline, "notify", "Priya (PM) by phone"));
    CHECK(has_entry(timeline, "acknowledged", "Priya"));
    CHECK(has_entry(timeline, "resolved", ""));
    for (std::size_t i = 1; i < timeline.size(); ++i)
        CHECK(timeline[i - 1]["at"].get<std::string>() <= timeline[i]["at"].get<std::string>());

    // PagerDuty saw one alert through its life: trigger, acknowledge, resolve, one dedup key.
    REQUIRE(stubs.wait_for(
        "pagerduty", [](const auto& r) { return r.size() >= 3; }, 5s));
    std::vector<std::string> actions;
    std::set<std::string> dedup_keys;
    for (const auto& r : stubs.requests("pagerduty")) {
        const auto j = nlohmann::json::parse(r.body);
        CHECK(j["routing_key"] == VendorStubs::kPagerDutyKey);
        actions.push_back(j["event_action"]);
        dedup_keys.insert(j["dedup_key"]);
    }
    CHECK(actions == std::vector<std::string>{"trigger", "acknowledge", "resolve"});
    CHECK(dedup_keys.size() == 1);

    // The signed webhook: opened, acknowledged, resolved, each verifiable.
    REQUIRE(stubs.wait_for(
        "webhook", [](const auto& r) { return r.size() >= 3; }, 5s));
    const auto types = verified_webhook_types(stubs);
    CHECK(types == std::vector<std::string>{"incident.opened", "incident.acknowledged",
                                            "incident.resolved"});
    // A critical incident is never an Asana ticket.
    CHECK(stubs.count("asana") == 0);

    // The report, both audiences and formats, every section of the template, from this
    // incident's data; the API and `sitewatch report` give the same document.
    for (const auto audience :
         {sitewatch::reports::Audience::client, sitewatch::reports::Audience::internal}) {
        for (const std::string format : {"md", "html"}) {
            const std::string path = "/api/v1/incidents/" + std::to_string(id) +
                                     "/report?audience=" + sitewatch::reports::to_string(audience) +
                                     "&format=" + format;
            const auto report = daemon.get_text(path);
            INFO(path << "\n" << report);
            for (const auto& heading : sitewatch::reports::report_headings(audience))
                CHECK(report.find(heading) != std::string::npos);
            CHECK(report.find("acme-shop") != std::string::npos);
            CHECK(report.find("Priya") != std::string::npos);  // who acknowledged
            if (audience == sitewatch::reports::Audience::client) {
                CHECK(report.find("http.status") == std::string::npos);  // no rule ids
                CHECK(report.find(kDana) == std::string::npos);          // no phone numbers
            } else {
                CHECK(report.find("http.status") != std::string::npos);
                CHECK(report.find("Dana") != std::string::npos);  // the escalation steps
            }
            if (format == "html") CHECK(report.rfind("<!DOCTYPE html>", 0) == 0);
        }
    }
    const auto cli = sitewatch::testing::run_program(
        {SITEWATCH_BINARY, "report", "--config", config, std::to_string(id), "--audience",
         "internal", "--format", "md"},
        20s);
    INFO(cli.err);
    CHECK(cli.exit_code == 0);
    for (const auto& heading :
         sitewatch::reports::report_headings(sitewatch::reports::Audience::internal))
        CHECK(cli.out.find(heading) != std::string::npos);
    CHECK(sitewatch::testing::run_program({SITEWATCH_BINARY, "report", "--config", config, "999"},
                                          20s)
              .exit_code == 1);

    const auto metrics = daemon.get_text("/metrics");
    CHECK(metrics.find("sitewatch_incidents_opened_total{client=\"acme\",condition=\"error\","
                       "severity=\"critical\"} 1") != std::string::npos);
    CHECK(metrics.find("sitewatch_incidents_open{client=\"acme\",condition=\"error\","
                       "severity=\"critical\"} 0") != std::string::npos);
    CHECK(metrics.find("sitewatch_notifications_total{channel=\"phone\",result=\"sent\"} 2") !=
          std::string::npos);
}

TEST_CASE(
    "a Strategist whose phone and SMS fail is reached on Slack, then by email through a "
    "real SMTP server, and acknowledges with the signed link in it",
    "[incidents][e2e]") {
    TempDir dir;
    VendorStubs stubs;
    sitewatch::testing::SmtpSink smtp;
    SwitchableSite site;
    stubs.set_twilio_status_for(kDana, 400);  // a number Twilio refuses: no retry
    stubs.set_status("slack", 400);
    const auto config =
        incident_config(dir, stubs, {{"acme-shop", site.server.url("/"), ""}}, "5s", smtp.port());
    DaemonUnderTest daemon(config);
    daemon.wait_for_sites([](const nlohmann::json& s) { return s[0]["status"] == "up"; });
    site.status = 503;

    const auto deadline = SteadyClock::now() + 15s;
    while (smtp.messages().empty() && SteadyClock::now() < deadline)
        std::this_thread::sleep_for(100ms);
    REQUIRE(smtp.messages().size() == 1);
    const auto mail = smtp.messages().front();
    CHECK(sitewatch::testing::mail_header(mail, "X-RcptTo") == "dana@agency.example");
    CHECK(sitewatch::testing::mail_subject(mail).find("acme-shop") != std::string::npos);
    // Phone, then SMS, then Slack (mentioning her), then email: the seeds' order.
    REQUIRE(stubs.count("twilio_call") == 1);
    REQUIRE(stubs.count("twilio_sms") == 1);
    REQUIRE(stubs.count("slack") == 1);
    CHECK(stubs.requests("twilio_call")[0].at < stubs.requests("twilio_sms")[0].at);
    CHECK(stubs.requests("twilio_sms")[0].at < stubs.requests("slack")[0].at);
    CHECK(stubs.requests("slack")[0].body.find("<@U0DANA>") != std::string::npos);

    // The body is quoted-printable: undo the soft line breaks to read the link whole.
    std::string body = mail;
    for (std::size_t p; (p = body.find("=\r\n")) != std::string::npos;) body.erase(p, 3);
    for (std::size_t p; (p = body.find("=\n")) != std::string::npos;) body.erase(p, 2);
    const auto at = body.find("/ack/");
    REQUIRE(at != std::string::npos);
    std::size_t end = at + 5;
    while (end < body.size() && (std::isalnum(static_cast<unsigned char>(body[end])) ||
                                 body[end] == '-' || body[end] == '_' || body[end] == '.'))
        ++end;
    const std::string ack_path = body.substr(at, end - at);
    httplib::Client c("127.0.0.1", daemon.port());
    const auto page = c.Get(ack_path.c_str());  // what a mail scanner would fetch
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("<form method=\"post\"") != std::string::npos);
    CHECK(incidents_of(daemon)[0]["state"] == "open");  // looking is not acknowledging
    const auto forged = c.Post((ack_path.substr(0, ack_path.size() - 2) + "xx").c_str(), "",
                               "application/x-www-form-urlencoded");
    REQUIRE(forged);
    CHECK(forged->status == 404);
    const auto done = c.Post(ack_path.c_str(), "", "application/x-www-form-urlencoded");
    REQUIRE(done);
    CHECK(done->status == 200);
    const auto list = incidents_of(daemon);
    CHECK(list[0]["state"] == "acknowledged");
    const auto detail = daemon.get_json("/api/v1/incidents/" + list[0]["id"].dump());
    CHECK(detail["acknowledged_by"] == "Dana");
    const auto& timeline = detail["timeline"];
    INFO(timeline.dump(2));
    CHECK(has_entry(timeline, "notify_failed", "Dana (Strategist) by phone"));
    CHECK(has_entry(timeline, "notify_failed", "Dana (Strategist) by sms"));
    CHECK(has_entry(timeline, "notify_failed", "Dana (Strategist) by slack"));
    CHECK(has_entry(timeline, "notify_delivered", "Dana (Strategist) by email"));
    // Acknowledged within ack_timeout: the PM is never called.
    std::this_thread::sleep_for(6s);
    CHECK(calls_to(stubs, kPriya).empty());
    const auto metrics = daemon.get_text("/metrics");
    CHECK(metrics.find("sitewatch_notifications_total{channel=\"email\",result=\"sent\"} 1") !=
          std::string::npos);
    CHECK(metrics.find("sitewatch_notifications_total{channel=\"phone\",result=\"failed\"} 1") !=
          std::string::npos);
}

TEST_CASE("a one-off failure, a warning-only finding and a flapping site page nobody",
          "[incidents][e2e]") {
    TempDir dir;
    VendorStubs stubs;

    // One 503, then healthy for good: the confirming re-check passes.
    TestHttpServer blip;
    std::atomic<int> blip_requests{0};
    std::atomic<bool> blip_armed{false};
    blip.handle("/", [&](const httplib::Request&, httplib::Response& res) {
        ++blip_requests;
        const bool fail = blip_armed.exchange(false);
        res.status = fail ? 503 : 200;
        res.set_content("<html><body><h1>Blip</h1><p>All good here.</p></body></html>",
                        "text/html");
    });
    // Slow but fine: a warning, never an emergency.
    TestHttpServer slow;
    slow.route("/", sitewatch::testing::Route::html(
                        "<html><body><h1>Slow</h1><p>Takes its time.</p></body></html>")
                        .with_delay(400ms));
    // Flapping: alternate per request, so every failure's confirming re-check passes; later
    // two failures in a row, two passes, and so on: confirmed failures while it flaps.
    TestHttpServer flappy;
    std::atomic<int> flappy_requests{0};
    std::atomic<bool> pairs{false};
    flappy.handle("/", [&](const httplib::Request&, httplib::Response& res) {
        const int n = flappy_requests++;
        const bool fail = pairs ? (n / 2) % 2 == 0 : n % 2 == 1;
        res.status = fail ? 503 : 200;
        res.set_content("<html><body><h1>Flappy</h1><p>Now you see me.</p></body></html>",
                        "text/html");
    });

    const auto config =
        incident_config(dir, stubs,
                        {{"blip", blip.url("/"), ""},
                         {"slow", slow.url("/"), "        expect: {max_response_time: 150ms}\n"},
                         {"flappy", flappy.url("/"), ""}});
    DaemonUnderTest daemon(config);
    daemon.wait_for_sites([](const nlohmann::json& s) {
        return sitewatch::testing::by_name(s, "blip")["status"] == "up";
    });
    blip_armed = true;

    // The warning: an incident of severity warning and an Asana task, no page.
    const auto warned = wait_for_incidents(
        daemon,
        [](const nlohmann::json& l) {
            for (const auto& i : l)
                if (i["site"] == "slow") return true;
            return false;
        },
        10s);
    for (const auto& i : warned)
        if (i["site"] == "slow") {
            CHECK(i["severity"] == "warning");
            CHECK(i["condition"] == "down");  // slow: the response-time check's condition
        }
    INFO(daemon.get_json("/api/v1/incidents").dump(2));
    REQUIRE(stubs.wait_for(
        "asana", [](const auto& r) { return !r.empty(); }, 5s));
    const auto task = nlohmann::json::parse(stubs.requests("asana").front().body);
    CHECK(stubs.requests("asana").front().header("authorization") ==
          std::string("Bearer ") + VendorStubs::kAsanaToken);
    CHECK(task["data"]["projects"][0] == "1200000000000042");
    CHECK(task["data"]["name"].get<std::string>().find("slow") != std::string::npos);

    // Let flappy alternate until it is flapping, then fail in pairs (confirmed failures).
    const auto flapping_seen = [&] {
        for (const auto& r : stubs.requests("webhook"))
            if (nlohmann::json::parse(r.body).value("type", "") == "incident.flapping") return true;
        return false;
    };
    const auto deadline = SteadyClock::now() + 40s;
    while (!flapping_seen() && SteadyClock::now() < deadline) std::this_thread::sleep_for(200ms);
    REQUIRE(flapping_seen());
    pairs = true;
    std::this_thread::sleep_for(12s);

    CHECK(blip_requests >= 2);
    INFO(incidents_of(daemon).dump(2));
    for (const auto& i : incidents_of(daemon)) CHECK(i["site"] != "blip");
    // Nobody was phoned, texted or paged for any of it.
    CHECK(stubs.count("twilio_call") == 0);
    CHECK(stubs.count("twilio_sms") == 0);
    CHECK(stubs.count("slack") == 0);
    for (const auto& r : stubs.requests("pagerduty"))
        CHECK(nlohmann::json::parse(r.body)["event_action"] != "trigger");
}

TEST_CASE("kill -9 in the middle of an escalation loses and duplicates nothing",
          "[incidents][e2e][crash]") {
    TempDir dir;
    VendorStubs stubs;
    SwitchableSite site;
    const auto config =
        incident_config(dir, stubs, {{"acme-shop", site.server.url("/"), ""}}, "4s");
    const auto accepted_calls = [&](const std::string& number) {
        int n = 0;
        for (const auto& r : calls_to(stubs, number)) n += r.status == 201 ? 1 : 0;
        return n;
    };
    std::uint64_t id = 0;
    {
        DaemonUnderTest daemon(config);
        daemon.wait_for_sites([](const nlohmann::json& s) { return s[0]["status"] == "up"; });
        site.status = 503;
        const auto opened = wait_for_incidents(
            daemon, [](const nlohmann::json& l) { return !l.empty(); }, 10s);
        id = opened[0]["id"].get<std::uint64_t>();
        REQUIRE(stubs.wait_for(
            "twilio_call", [](const auto& r) { return r.size() == 1; }, 5s));
        // The PM's number fails for now: when the escalation reaches the PM, the call stays in
        // the outbox to be retried, and the daemon dies right then.
        stubs.set_twilio_status_for(kPriya, 503);
        REQUIRE(stubs.wait_for(
            "twilio_call",
            [](const auto& r) {
                for (const auto& x : r)
                    if (x.form.at("To") == kPriya) return true;
                return false;
            },
            10s));
        daemon.process().signal(SIGKILL);
        REQUIRE(daemon.process().wait_for(5s));
    }
    stubs.set_twilio_status_for(kPriya, 201);
    {
        DaemonUnderTest daemon(config);
        // The pending call is retried by the restarted daemon and accepted once.
        REQUIRE(stubs.wait_for(
            "twilio_call", [&](const auto&) { return accepted_calls(kPriya) >= 1; }, 10s));
        std::this_thread::sleep_for(2s);
        const auto list = incidents_of(daemon);
        REQUIRE(list.size() == 1);  // the same incident, not a second one after the restart
        CHECK(list[0]["id"] == id);
        CHECK(list[0]["state"] == "open");
        CHECK(accepted_calls(kDana) == 1);
        CHECK(accepted_calls(kPriya) == 1);
        CHECK(calls_to(stubs, kDana).size() == 1);

        auto ack = post_json(daemon, "/api/v1/incidents/" + std::to_string(id) + "/ack",
                             {{"by", "Priya"}});
        REQUIRE(ack);
        CHECK(ack->status == 200);
        const auto detail = daemon.get_json("/api/v1/incidents/" + std::to_string(id));
        INFO(detail.dump(2));
        int dana = 0, priya = 0;
        for (const auto& s : detail["escalation"]["steps"]) {
            if (s["person"] == "Dana") ++dana;
            if (s["person"] == "Priya" && s["status"] == "delivered") ++priya;
        }
        CHECK(dana == 1);
        CHECK(priya == 1);
        CHECK(has_entry(detail["timeline"], "notify_delivered", "Priya (PM) by phone"));
        REQUIRE(stubs.wait_for(
            "webhook", [](const auto& r) { return r.size() >= 2; }, 5s));
    }
    // Every webhook message arrived once: no webhook-id twice, and each type once.
    std::set<std::string> ids;
    for (const auto& r : stubs.requests("webhook"))
        CHECK(ids.insert(r.header("webhook-id")).second);
    CHECK(verified_webhook_types(stubs) ==
          std::vector<std::string>{"incident.opened", "incident.acknowledged"});
    int triggers = 0;
    for (const auto& r : stubs.requests("pagerduty"))
        if (nlohmann::json::parse(r.body)["event_action"] == "trigger") ++triggers;
    CHECK(triggers == 1);
}

TEST_CASE(
    "with an API token every mutating incident endpoint answers 401 without it, and the "
    "signed acknowledgement link needs none",
    "[incidents][e2e]") {
    TempDir dir;
    VendorStubs stubs;
    SwitchableSite site;
    auto config = incident_config(dir, stubs, {{"acme-shop", site.server.url("/"), ""}});
    const auto token_file = dir.write("secrets/api-token", "s3cret-token\n");
    {
        // The same config with server.api_token_file set.
        std::ifstream in(config);
        std::stringstream text;
        text << in.rdbuf();
        std::string y = text.str();
        y.replace(y.find("  public_url:"), 0, "  api_token_file: " + token_file + "\n");
        config = dir.write("sitewatch.yaml", y);
    }
    DaemonUnderTest daemon(config);
    daemon.wait_for_sites([](const nlohmann::json& s) { return s[0]["status"] == "up"; });
    site.status = 503;
    const auto list = wait_for_incidents(
        daemon, [](const nlohmann::json& l) { return !l.empty(); }, 10s);
    const std::string base = "/api/v1/incidents/" + list[0]["id"].dump();
    httplib::Client c("127.0.0.1", daemon.port());
    for (const std::string action : {"/ack", "/resolve", "/notes", "/debrief"}) {
        const auto body = nlohmann::json{{"by", "Mallory"}, {"text", "x"}}.dump();
        const auto none = c.Post((base + action).c_str(), body, "application/json");
        REQUIRE(none);
        CHECK(none->status == 401);
        const httplib::Headers wrong{{"Authorization", "Bearer s3cret-tokeN"}};
        const auto bad = c.Post((base + action).c_str(), wrong, body, "application/json");
        REQUIRE(bad);
        CHECK(bad->status == 401);
    }
    CHECK(incidents_of(daemon)[0]["state"] == "open");
    // Reading needs no token; a bad body with the token is a clear 400, not a crash.
    const httplib::Headers good{{"Authorization", "Bearer s3cret-token"}};
    const auto garbage = c.Post((base + "/ack").c_str(), good, "{not json", "application/json");
    REQUIRE(garbage);
    CHECK(garbage->status == 400);
    const auto no_by = c.Post((base + "/ack").c_str(), good, "{}", "application/json");
    REQUIRE(no_by);
    CHECK(no_by->status == 400);
    const auto ok = c.Post((base + "/ack").c_str(), good, R"({"by": "Priya"})", "application/json");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    const auto missing =
        c.Post("/api/v1/incidents/987654/ack", good, R"({"by": "Priya"})", "application/json");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    // A forged link is refused on its signature, not for want of a token.
    const auto link = c.Post("/ack/AAAA.BBBB", "", "application/x-www-form-urlencoded");
    REQUIRE(link);
    CHECK(link->status == 404);
}
