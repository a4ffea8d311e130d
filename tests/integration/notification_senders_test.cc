// The channel senders against loopback stand-ins for Twilio, Slack, PagerDuty, Asana and a
// webhook receiver, and a real SMTP server (aiosmtpd) in plain, STARTTLS and implicit TLS.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "alerting/notifiers/encoding.h"
#include "alerting/notifiers/pagerduty_request.h"
#include "alerting/notifiers/webhook_request.h"
#include "alerting/outbox/delivery.h"
#include "monitor/demo/closed_port.h"
#include "monitor/notify/channel_sender.h"
#include "tests/support/child_process.h"
#include "tests/support/smtp_sink.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch;
using namespace sitewatch::notify;
using namespace sitewatch::testing;
using namespace std::chrono_literals;
using nlohmann::json;
using outbox::AttemptResult;
using outbox::Delivery;
using outbox::Target;

namespace {

const TimePoint kAt = std::chrono::sys_days{std::chrono::year{2026} / 11 / 24} + 14h + 5min;
constexpr const char* kWebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

notifiers::NotificationMessage incident(std::string event = "opened") {
    notifiers::NotificationMessage m;
    m.incident_id = 42;
    m.client = "Acme Ltd";
    m.site = "acme-home";
    m.url = "https://www.acme.example/";
    m.condition = "down";
    m.severity = "critical";
    m.event = std::move(event);
    m.summary = "connection refused";
    m.evidence_excerpt = "connect() failed";
    m.ack_url = "https://mon.example/ack?inc=42&t=SIGNED";
    m.incident_url = "https://mon.example/incidents/42";
    m.at = kAt;
    m.step_id = "42:0:1:Alice:sms";
    return m;
}

Delivery delivery(Target target, std::string address = {}) {
    Delivery d;
    d.key = "42:opened:" + std::string(outbox::to_string(target));
    d.target = target;
    d.address = std::move(address);
    d.recipient = "Alice";
    d.message = incident();
    return d;
}

// Secrets in files, and every notifier pointed at `server`.
struct Setup {
    TempDir dir;
    config::NotifiersConfig config;

    explicit Setup(const TestHttpServer& server) {
        config.twilio = config::TwilioConfig{"AC123", dir.write("twilio", "tw-token\n"),
                                             "+15550001", server.url("")};
        config.slack = config::SlackConfig{server.url("/services/T/B/X")};
        config.webhook =
            config::WebhookConfig{server.url("/hook"), dir.write("hook", kWebhookSecret)};
        config.pagerduty = config::PagerDutyConfig{
            dir.write("pd", "R0UTINGKEY0123456789abcdef012345"), server.url("")};
        config.asana = config::AsanaConfig{dir.write("asana", "0/asana-token"), "120000",
                                           server.url("/api/1.0")};
    }
};

ChannelSenderOptions fast_options() {
    ChannelSenderOptions o;
    o.http.connect_timeout = 2000ms;
    o.http.total_timeout = 5000ms;
    o.smtp_connect_timeout = 2000ms;
    o.smtp_total_timeout = 10000ms;
    return o;
}

// Everything a stub saw of one request.
struct Seen {
    std::mutex mutex;
    std::vector<std::string> bodies;
    std::vector<std::map<std::string, std::string>> params;
    std::vector<std::map<std::string, std::string>> headers;

    void record(const httplib::Request& req) {
        std::lock_guard lock(mutex);
        bodies.push_back(req.body);
        std::map<std::string, std::string> p, h;
        for (const auto& [k, v] : req.params) p[k] = v;
        for (const auto& [k, v] : req.headers) h[k] = v;
        params.push_back(std::move(p));
        headers.push_back(std::move(h));
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return bodies.size();
    }
};

std::string basic(const std::string& user, const std::string& password) {
    return "Basic " + notifiers::base64_encode(user + ":" + password);
}

config::NotifiersConfig email_config(TempDir& dir, const std::string& url) {
    config::NotifiersConfig c;
    c.email = config::EmailConfig{url, "", "", "Sitewatch <alerts@agency.example>"};
    (void)dir;
    return c;
}

void check_delivered_email(const SmtpSink& smtp) {
    std::vector<std::string> messages;
    for (int i = 0; i < 100 && messages.empty(); ++i) {
        messages = smtp.messages();
        if (messages.empty()) std::this_thread::sleep_for(20ms);
    }
    REQUIRE(messages.size() == 1);
    const std::string& m = messages[0];
    CHECK(mail_header(m, "From") == "\"Sitewatch\" <alerts@agency.example>");
    CHECK(mail_header(m, "To").find("oncall@agency.example") != std::string::npos);
    CHECK(mail_subject(m) == "CRITICAL: acme-home is down \u2014 connection refused");
    CHECK(mail_header(m, "X-MailFrom") == "alerts@agency.example");
    CHECK(mail_header(m, "X-RcptTo") == "oncall@agency.example");
    CHECK(m.find("A new incident was opened.") != std::string::npos);
    CHECK(m.find("Client: Acme Ltd") != std::string::npos);
}

}  // namespace

TEST_CASE("a phone call and an SMS reach Twilio as form posts with Basic authentication",
          "[notify]") {
    TestHttpServer server;
    Seen calls, messages;
    server.handle("/2010-04-01/Accounts/AC123/Calls.json",
                  [&](const httplib::Request& req, httplib::Response& res) {
                      calls.record(req);
                      res.status = 201;
                      res.set_content(R"({"sid":"CA1","status":"queued"})", "application/json");
                  });
    server.handle("/2010-04-01/Accounts/AC123/Messages.json",
                  [&](const httplib::Request& req, httplib::Response& res) {
                      messages.record(req);
                      res.status = 201;
                      res.set_content(R"({"sid":"SM1","status":"queued"})", "application/json");
                  });
    Setup setup(server);
    ChannelSender sender(setup.config, fast_options());

    const auto call = sender.send(delivery(Target::phone, "+15550100"), kAt);
    CHECK(call.result == AttemptResult::sent);
    CHECK(call.http_status == 201);
    const auto sms = sender.send(delivery(Target::sms, "+15550100"), kAt);
    CHECK(sms.result == AttemptResult::sent);

    REQUIRE(calls.count() == 1);
    CHECK(calls.headers[0]["Authorization"] == basic("AC123", "tw-token"));
    CHECK(calls.params[0]["To"] == "+15550100");
    CHECK(calls.params[0]["From"] == "+15550001");
    CHECK(calls.params[0]["Twiml"].rfind("<Response><Say>", 0) == 0);
    CHECK(calls.params[0]["Twiml"].find("acme-home") != std::string::npos);
    REQUIRE(messages.count() == 1);
    CHECK(messages.headers[0]["Authorization"] == basic("AC123", "tw-token"));
    CHECK(messages.params[0]["To"] == "+15550100");
    CHECK(messages.params[0]["From"] == "+15550001");
    CHECK(messages.params[0]["Body"].find("Ack: https://mon.example/ack?inc=42&t=SIGNED") !=
          std::string::npos);
}

TEST_CASE("a Slack step mentions the person it is for", "[notify]") {
    TestHttpServer server;
    Seen seen;
    server.handle("/services/T/B/X", [&](const httplib::Request& req, httplib::Response& res) {
        seen.record(req);
        res.set_content("ok", "text/plain");
    });
    Setup setup(server);
    ChannelSender sender(setup.config, fast_options());
    CHECK(sender.send(delivery(Target::slack, "U024BE7LH"), kAt).result == AttemptResult::sent);
    CHECK(sender.send(delivery(Target::slack, "@alice"), kAt).result == AttemptResult::sent);
    CHECK(sender.send(delivery(Target::slack), kAt).result == AttemptResult::sent);
    REQUIRE(seen.count() == 3);
    CHECK(seen.headers[0]["Content-Type"] == "application/json");
    CHECK(json::parse(seen.bodies[0])["text"].get<std::string>().rfind("<@U024BE7LH> CRITICAL",
                                                                       0) == 0);
    CHECK(json::parse(seen.bodies[1])["text"].get<std::string>().rfind("@alice CRITICAL", 0) == 0);
    CHECK(json::parse(seen.bodies[2])["text"].get<std::string>().rfind("CRITICAL", 0) == 0);
}

TEST_CASE("PagerDuty gets an Events v2 trigger with the routing key and a stable dedup key",
          "[notify]") {
    TestHttpServer server;
    Seen seen;
    server.handle("/v2/enqueue", [&](const httplib::Request& req, httplib::Response& res) {
        seen.record(req);
        res.status = 202;
        res.set_content(R"({"status":"success","message":"Event processed"})", "application/json");
    });
    Setup setup(server);
    ChannelSender sender(setup.config, fast_options());
    CHECK(sender.send(delivery(Target::pagerduty), kAt).result == AttemptResult::sent);
    auto resolved = delivery(Target::pagerduty);
    resolved.message.event = "resolved";
    CHECK(sender.send(resolved, kAt + 1h).result == AttemptResult::sent);
    REQUIRE(seen.count() == 2);
    const json trigger = json::parse(seen.bodies[0]);
    CHECK(trigger["routing_key"] == "R0UTINGKEY0123456789abcdef012345");
    CHECK(trigger["event_action"] == "trigger");
    CHECK(trigger["dedup_key"] == notifiers::pagerduty_dedup_key(42));
    CHECK(trigger["payload"]["severity"] == "critical");
    const json resolve = json::parse(seen.bodies[1]);
    CHECK(resolve["event_action"] == "resolve");
    CHECK(resolve["dedup_key"] == trigger["dedup_key"]);
}

TEST_CASE("an Asana task is created in the project with the bearer token", "[notify]") {
    TestHttpServer server;
    Seen seen;
    server.handle("/api/1.0/tasks", [&](const httplib::Request& req, httplib::Response& res) {
        seen.record(req);
        res.status = 201;
        res.set_content(R"({"data":{"gid":"1"}})", "application/json");
    });
    Setup setup(server);
    ChannelSender sender(setup.config, fast_options());
    auto warning = delivery(Target::asana);
    warning.message.severity = "warning";
    CHECK(sender.send(warning, kAt).result == AttemptResult::sent);
    REQUIRE(seen.count() == 1);
    CHECK(seen.headers[0]["Authorization"] == "Bearer 0/asana-token");
    const json body = json::parse(seen.bodies[0]);
    CHECK(body["data"]["projects"] == json::array({"120000"}));
    CHECK(body["data"]["name"].get<std::string>().rfind("WARNING: acme-home", 0) == 0);
}

TEST_CASE("a webhook is signed at each attempt and its webhook-id is the outbox key", "[notify]") {
    TestHttpServer server;
    Seen seen;
    server.handle("/hook", [&](const httplib::Request& req, httplib::Response& res) {
        seen.record(req);
        res.status = 204;
    });
    Setup setup(server);
    ChannelSender sender(setup.config, fast_options());
    const Delivery d = delivery(Target::webhook);
    CHECK(sender.send(d, kAt + 10s).result == AttemptResult::sent);
    CHECK(sender.send(d, kAt + 70s).result == AttemptResult::sent);
    REQUIRE(seen.count() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        auto& h = seen.headers[i];
        CHECK(h["webhook-id"] == d.key);
        CHECK(notifiers::verify_webhook_signature(kWebhookSecret, h["webhook-id"],
                                                  h["webhook-timestamp"], seen.bodies[i],
                                                  h["webhook-signature"]));
        CHECK_FALSE(notifiers::verify_webhook_signature("whsec_" + notifiers::base64_encode("x"),
                                                        h["webhook-id"], h["webhook-timestamp"],
                                                        seen.bodies[i], h["webhook-signature"]));
    }
    // Each attempt carries its own time, so a receiver's replay window holds for retries.
    CHECK(seen.headers[0]["webhook-timestamp"] != seen.headers[1]["webhook-timestamp"]);
    CHECK(seen.bodies[0] == seen.bodies[1]);
}

TEST_CASE("a server answering 503 then 200 is retried, and the retry is sent", "[notify]") {
    TestHttpServer server;
    std::atomic<int> hits{0};
    server.handle("/hook", [&](const httplib::Request&, httplib::Response& res) {
        if (hits++ == 0) {
            res.status = 503;
            res.set_header("Retry-After", "7");
            res.set_content("busy", "text/plain");
        } else {
            res.status = 200;
        }
    });
    Setup setup(server);
    ChannelSender sender(setup.config, fast_options());
    const auto first = sender.send(delivery(Target::webhook), kAt);
    CHECK(first.result == AttemptResult::retry);
    CHECK(first.http_status == 503);
    CHECK(first.retry_after == std::chrono::seconds(7));
    CHECK(first.detail == "HTTP 503: busy");
    CHECK(sender.send(delivery(Target::webhook), kAt + 7s).result == AttemptResult::sent);
}

TEST_CASE("a 400 answer is a permanent failure that keeps the receiver's reason", "[notify]") {
    TestHttpServer server;
    server.handle("/services/T/B/X", [](const httplib::Request&, httplib::Response& res) {
        res.status = 400;
        res.set_content("invalid_payload", "text/plain");
    });
    Setup setup(server);
    ChannelSender sender(setup.config, fast_options());
    const auto out = sender.send(delivery(Target::slack, "U024BE7LH"), kAt);
    CHECK(out.result == AttemptResult::failed);
    CHECK(out.detail == "HTTP 400: invalid_payload");
}

TEST_CASE("a refused connection is retried, and a redirect is not followed", "[notify]") {
    demo::ClosedPort closed;
    TestHttpServer server;
    server.route("/services/T/B/X", Route::redirect("https://elsewhere.example/", 302));
    Setup setup(server);
    setup.config.webhook->url = "http://127.0.0.1:" + std::to_string(closed.port()) + "/hook";
    ChannelSender sender(setup.config, fast_options());
    const auto refused = sender.send(delivery(Target::webhook), kAt);
    CHECK(refused.result == AttemptResult::retry);
    CHECK(refused.http_status == 0);
    CHECK_FALSE(refused.detail.empty());
    const auto redirected = sender.send(delivery(Target::slack), kAt);
    CHECK(redirected.result == AttemptResult::failed);
    CHECK(redirected.http_status == 302);
}

TEST_CASE("a notifier that is not configured fails with a clear reason", "[notify]") {
    ChannelSender sender(config::NotifiersConfig{}, fast_options());
    const auto out = sender.send(delivery(Target::slack, "U024BE7LH"), kAt);
    CHECK(out.result == AttemptResult::failed);
    CHECK(out.detail == "slack is not configured");
    CHECK(sender.send(delivery(Target::sms, "+1555"), kAt).detail == "sms is not configured");
    CHECK(sender.send(delivery(Target::asana), kAt).detail == "asana is not configured");
}

TEST_CASE("a configured secret file that is missing stops the sender from being built",
          "[notify]") {
    TestHttpServer server;
    Setup setup(server);
    setup.config.pagerduty->routing_key_file = (setup.dir.path() / "missing").string();
    try {
        ChannelSender sender(setup.config);
        FAIL("no error for a missing secret file");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("notifiers.pagerduty.routing_key_file") !=
              std::string::npos);
        CHECK(std::string(e.what()).find("missing") != std::string::npos);
    }
}

TEST_CASE("an HTTPS receiver is reached with its certificate verified", "[notify]") {
    TestCertificates certs;
    TestHttpServer server(certs.valid());
    server.handle("/services/T/B/X", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("ok", "text/plain");
    });
    Setup setup(server);
    ChannelSenderOptions trusting = fast_options();
    trusting.http.ca_file = certs.ca_file();
    CHECK(ChannelSender(setup.config, trusting).send(delivery(Target::slack), kAt).result ==
          AttemptResult::sent);
    // Without the private CA the certificate does not verify: a transport error, retried.
    const auto untrusted =
        ChannelSender(setup.config, fast_options()).send(delivery(Target::slack), kAt);
    CHECK(untrusted.result == AttemptResult::retry);
    CHECK(untrusted.http_status == 0);
}

TEST_CASE("an email reaches a real SMTP server with its sender, recipient, subject and body",
          "[notify]") {
    SmtpSink smtp;
    TempDir dir;
    ChannelSender sender(email_config(dir, "smtp://127.0.0.1:" + std::to_string(smtp.port())),
                         fast_options());
    const auto out = sender.send(delivery(Target::email, "On call <oncall@agency.example>"), kAt);
    CHECK(out.result == AttemptResult::sent);
    CHECK(out.detail.empty() == false);
    check_delivered_email(smtp);
}

TEST_CASE("an email goes over STARTTLS when the server offers it", "[notify]") {
    TestCertificates certs;
    const CertificateFiles cert = certs.valid();
    // aiosmtpd requires STARTTLS before MAIL FROM when given a certificate.
    SmtpSink smtp(SmtpSink::Tls::starttls, &cert);
    TempDir dir;
    ChannelSenderOptions options = fast_options();
    options.smtp_ca_file = certs.ca_file();
    ChannelSender sender(email_config(dir, "smtp://127.0.0.1:" + std::to_string(smtp.port())),
                         options);
    const auto out = sender.send(delivery(Target::email, "oncall@agency.example"), kAt);
    CHECK(out.result == AttemptResult::sent);
    INFO(out.detail);
    check_delivered_email(smtp);
}

TEST_CASE("an email goes over implicit TLS to an smtps:// server, and not to an untrusted one",
          "[notify]") {
    TestCertificates certs;
    const CertificateFiles cert = certs.valid();
    SmtpSink smtp(SmtpSink::Tls::implicit, &cert);
    TempDir dir;
    const std::string url = "smtps://127.0.0.1:" + std::to_string(smtp.port());
    ChannelSenderOptions options = fast_options();
    options.smtp_ca_file = certs.ca_file();
    const auto untrusted = ChannelSender(email_config(dir, url), fast_options())
                               .send(delivery(Target::email, "oncall@agency.example"), kAt);
    CHECK(untrusted.result == AttemptResult::retry);
    CHECK(smtp.messages().empty());
    const auto out = ChannelSender(email_config(dir, url), options)
                         .send(delivery(Target::email, "oncall@agency.example"), kAt);
    INFO(out.detail);
    CHECK(out.result == AttemptResult::sent);
    check_delivered_email(smtp);
}

TEST_CASE("an email to a refused SMTP port is retried", "[notify]") {
    demo::ClosedPort closed;
    TempDir dir;
    ChannelSender sender(email_config(dir, "smtp://127.0.0.1:" + std::to_string(closed.port())),
                         fast_options());
    const auto out = sender.send(delivery(Target::email, "oncall@agency.example"), kAt);
    CHECK(out.result == AttemptResult::retry);
    CHECK_FALSE(out.detail.empty());
}
