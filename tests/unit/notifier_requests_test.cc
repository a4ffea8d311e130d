// The notifiers' requests, built as data exactly as each vendor documents them.
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alerting/notifiers/asana_request.h"
#include "alerting/notifiers/email_message.h"
#include "alerting/notifiers/encoding.h"
#include "alerting/notifiers/message_text.h"
#include "alerting/notifiers/notification.h"
#include "alerting/notifiers/pagerduty_request.h"
#include "alerting/notifiers/slack_request.h"
#include "alerting/notifiers/twilio_request.h"
#include "alerting/notifiers/webhook_request.h"

using namespace sitewatch;
using namespace sitewatch::notifiers;
using namespace std::chrono;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

const TimePoint kAt = sys_days{year{2026} / 11 / 24} + 14h + 5min;

NotificationMessage incident(std::string event = "opened") {
    NotificationMessage m;
    m.incident_id = 42;
    m.client = "Acme Ltd";
    m.site = "acme-home";
    m.url = "https://www.acme.example/";
    m.condition = "down";
    m.severity = "critical";
    m.event = std::move(event);
    m.summary = "connection refused";
    m.evidence_excerpt = "connect() to 203.0.113.5:443 failed: Connection refused";
    m.ack_url = "https://mon.example/ack?inc=42&t=SIGNED";
    m.incident_url = "https://mon.example/incidents/42";
    m.at = kAt;
    m.step_id = "inc42-step1";
    return m;
}

}  // namespace

TEST_CASE("the shared title names the severity, the site, the condition and the summary",
          "[notifiers]") {
    CHECK(incident_title(incident()) == "CRITICAL: acme-home is down \u2014 connection refused");
    CHECK(incident_title(incident("resolved")) == "RESOLVED: acme-home has recovered (was: down)");
    const std::string body = incident_body(incident());
    CHECK(body.find("https://mon.example/ack?inc=42&t=SIGNED") != std::string::npos);
    CHECK(incident_body(incident("resolved")).find("Acknowledge:") == std::string::npos);
}

TEST_CASE("a webhook signature verifies with the secret and fails with any other", "[notifiers]") {
    const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const HttpRequestSpec request =
        webhook_request("http://127.0.0.1:9/hook", secret, incident(), kAt + 3s);
    CHECK(request.method == "POST");
    CHECK(request.url == "http://127.0.0.1:9/hook");
    CHECK(header_value(request, "Content-Type") == "application/json");
    const std::string id = header_value(request, "webhook-id");
    const std::string ts = header_value(request, "webhook-timestamp");
    const std::string sig = header_value(request, "webhook-signature");
    CHECK(id == "inc42-step1");
    CHECK(ts == std::to_string(duration_cast<seconds>((kAt + 3s).time_since_epoch()).count()));
    REQUIRE(sig.rfind("v1,", 0) == 0);

    CHECK(verify_webhook_signature(secret, id, ts, request.body, sig));
    // A rotated list: any matching v1 entry passes.
    CHECK(verify_webhook_signature(secret, id, ts, request.body, "v1,AAAA " + sig));
    CHECK_FALSE(verify_webhook_signature("whsec_" + base64_encode("another key"), id, ts,
                                         request.body, sig));
    CHECK_FALSE(verify_webhook_signature("raw-secret", id, ts, request.body, sig));
    CHECK_FALSE(verify_webhook_signature(secret, id, ts, request.body + " ", sig));
    CHECK_FALSE(verify_webhook_signature(secret, "other-id", ts, request.body, sig));
    CHECK_FALSE(verify_webhook_signature(secret, id, "1", request.body, sig));
    CHECK_FALSE(verify_webhook_signature(secret, id, ts, request.body, "v1a," + sig.substr(3)));
    CHECK_FALSE(verify_webhook_signature(secret, id, ts, request.body, ""));

    CHECK(webhook_timestamp_fresh(ts, kAt + 4min));
    CHECK_FALSE(webhook_timestamp_fresh(ts, kAt + 10min));
    CHECK_FALSE(webhook_timestamp_fresh("12x", kAt));

    // A raw (unprefixed) secret is used as the key bytes as they are.
    const auto raw = webhook_request("http://127.0.0.1:9/hook", "raw-secret", incident(), kAt);
    CHECK(header_value(raw, "webhook-signature") ==
          "v1," + base64_encode(hmac_sha256(
                      "raw-secret", header_value(raw, "webhook-id") + "." +
                                        header_value(raw, "webhook-timestamp") + "." + raw.body)));

    const json body = json::parse(request.body);
    CHECK(body["type"] == "incident.opened");
    CHECK(body["timestamp"] == "2026-11-24T14:05:00Z");
    CHECK(body["data"]["incident_id"] == 42);
    CHECK(body["data"]["site"] == "acme-home");
    CHECK(body["data"]["ack_url"] == "https://mon.example/ack?inc=42&t=SIGNED");

    // A retry keeps the id and signs with the new attempt's time.
    const auto retry = webhook_request("http://127.0.0.1:9/hook", secret, incident(), kAt + 5min);
    CHECK(header_value(retry, "webhook-id") == id);
    CHECK(header_value(retry, "webhook-timestamp") != ts);
}

TEST_CASE("a whsec_ secret is base64-decoded before signing", "[notifiers]") {
    // The Standard Webhooks specification's test vector (research 2.2).
    const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const std::string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const std::string ts = "1614265330";
    const std::string body = R"({"test": 2432232314})";
    const std::string expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    CHECK(webhook_signature(secret, id, ts, body) == expected);
    CHECK(webhook_signing_key(secret) == *base64_decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    CHECK(verify_webhook_signature(secret, id, ts, body, expected));
    // Signing with the undecoded text gives something else.
    CHECK(webhook_signature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id, ts, body) != expected);
    CHECK_THROWS_AS(webhook_signing_key("whsec_not*base64"), std::invalid_argument);
}

TEST_CASE("base64 round-trips every tail length", "[notifiers]") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"})
        CHECK(base64_decode(base64_encode(s)) == s);
    // GitHub's HMAC test vector (research 2.2).
    CHECK(hex_encode(hmac_sha256("It's a Secret to Everybody", "Hello, World!")) ==
          "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
}

TEST_CASE("PagerDuty events for one incident share a dedup_key", "[notifiers]") {
    const std::string base = "http://127.0.0.1:9";
    const auto trigger = pagerduty_request(base + "/", "R0UT1NGKEY", incident("opened"));
    const auto ack = pagerduty_request(base, "R0UT1NGKEY", incident("acknowledged"));
    const auto resolve = pagerduty_request(base, "R0UT1NGKEY", incident("resolved"));
    CHECK(trigger.method == "POST");
    CHECK(trigger.url == "http://127.0.0.1:9/v2/enqueue");
    CHECK(header_value(trigger, "content-type") == "application/json");
    const json t = json::parse(trigger.body), a = json::parse(ack.body),
               r = json::parse(resolve.body);
    CHECK(t["dedup_key"] == "sitewatch-42");
    CHECK(a["dedup_key"] == t["dedup_key"]);
    CHECK(r["dedup_key"] == t["dedup_key"]);
    CHECK(t["event_action"] == "trigger");
    CHECK(a["event_action"] == "acknowledge");
    CHECK(r["event_action"] == "resolve");
    CHECK(t["routing_key"] == "R0UT1NGKEY");
    CHECK(pagerduty_event_action("reopened") == "trigger");
    CHECK(pagerduty_event_action("escalated") == "trigger");

    const json& p = t["payload"];
    CHECK(p["summary"] == "CRITICAL: acme-home is down \u2014 connection refused");
    CHECK(p["source"] == "www.acme.example");
    CHECK(p["severity"] == "critical");
    CHECK(p["timestamp"] == "2026-11-24T14:05:00Z");
    CHECK(p["component"] == "acme-home");
    CHECK(p["group"] == "Acme Ltd");
    CHECK(p["class"] == "down");
    CHECK(p["custom_details"]["incident_id"] == 42);
    CHECK(t["links"][0]["href"] == "https://mon.example/ack?inc=42&t=SIGNED");

    auto warning = incident();
    warning.severity = "warning";
    warning.summary = std::string(3000, 'x');
    const json w = json::parse(pagerduty_request(base, "K", warning).body);
    CHECK(w["payload"]["severity"] == "warning");
    CHECK(w["payload"]["summary"].get<std::string>().size() <= 1024);
    CHECK(pagerduty_severity("bogus") == "error");
}

TEST_CASE("a resolve event carries no payload", "[notifiers]") {
    for (const char* event : {"resolved", "acknowledged"}) {
        const json e =
            json::parse(pagerduty_request("http://127.0.0.1:9", "K", incident(event)).body);
        CHECK_FALSE(e.contains("payload"));
        CHECK_FALSE(e.contains("links"));
        CHECK(e.size() == 3);  // routing_key, event_action, dedup_key
    }
}

TEST_CASE("form encoding escapes reserved characters", "[notifiers]") {
    CHECK(form_encode_component("a b&c=d+e/f?g%h") == "a+b%26c%3Dd%2Be%2Ff%3Fg%25h");
    CHECK(form_encode_component("AZaz09*-._") == "AZaz09*-._");
    CHECK(form_encode_component("~!'()") == "%7E%21%27%28%29");
    CHECK(form_encode_component("+15551234567") == "%2B15551234567");
    CHECK(form_encode_component("\u00e9\n") == "%C3%A9%0A");
    CHECK(form_encode({{"To", "+1 555"}, {"Body", "a&b"}}) == "To=%2B1+555&Body=a%26b");
}

TEST_CASE("a Twilio call speaks the incident summary and authenticates with the account SID",
          "[notifiers]") {
    auto m = incident();
    m.summary = "connection refused <at> https://www.acme.example/login & more";
    const auto call = twilio_call_request("http://127.0.0.1:9/", "AC123", "tok3n", "+15550001111",
                                          "+15552223333", m);
    CHECK(call.method == "POST");
    CHECK(call.url == "http://127.0.0.1:9/2010-04-01/Accounts/AC123/Calls.json");
    CHECK(call.basic_auth_user == "AC123");
    CHECK(call.basic_auth_password == "tok3n");
    CHECK(header_value(call, "Content-Type") == "application/x-www-form-urlencoded");
    const std::string twiml = twilio_call_twiml(m);
    CHECK(call.body ==
          form_encode({{"To", "+15552223333"}, {"From", "+15550001111"}, {"Twiml", twiml}}));
    CHECK(twiml.rfind("<Response><Say>", 0) == 0);
    CHECK(twiml.size() >= 17);
    CHECK(twiml.substr(twiml.size() - 17) == "</Say></Response>");
    CHECK(twiml.find("acme-home") != std::string::npos);
    CHECK(twiml.find("is down") != std::string::npos);
    CHECK(twiml.find("connection refused &lt;at&gt;") != std::string::npos);
    CHECK(twiml.find("&amp; more") != std::string::npos);
    CHECK(twiml.find("link in the text message") != std::string::npos);
    // No address is read aloud, neither the summary's nor the acknowledge link.
    CHECK(twiml.find("http") == std::string::npos);
    CHECK(twiml.find("mon.example") == std::string::npos);
    m.summary = std::string(5000, 'z');
    CHECK(twilio_call_twiml(m).size() <= kTwilioMaxTwiml);

    const auto sms = twilio_sms_request("http://127.0.0.1:9", "AC123", "tok3n", "+15550001111",
                                        "+15552223333", incident());
    CHECK(sms.url == "http://127.0.0.1:9/2010-04-01/Accounts/AC123/Messages.json");
    CHECK(sms.basic_auth_user == "AC123");
    const std::string text = twilio_sms_body(incident());
    CHECK(sms.body.find("Body=" + form_encode_component(text)) != std::string::npos);
    CHECK(text.find("CRITICAL: acme-home is down - connection refused") == 0);
    CHECK(text.find("https://mon.example/ack?inc=42&t=SIGNED") != std::string::npos);
}

TEST_CASE("an SMS is never longer than 1600 characters", "[notifiers]") {
    auto m = incident();
    for (const std::string unit : {"x", "\u00e9", "\U0001F525"}) {
        m.summary.clear();
        for (int i = 0; i < 2000; ++i) m.summary += unit;
        const std::string text = twilio_sms_body(m);
        CHECK(utf16_length(text) <= 1600);
        CHECK(utf16_length(text) >= 1590);
        // The acknowledge link survives the cut, whole.
        CHECK(text.size() > m.ack_url.size());
        CHECK(text.substr(text.size() - m.ack_url.size()) == m.ack_url);
    }
    CHECK(utf16_length("a\u00e9\U0001F525") == 4);
}

TEST_CASE("Slack text escapes angle brackets and ampersands", "[notifiers]") {
    auto m = incident();
    m.site = "a<b>&c";
    m.summary = "<script> & <!channel>";
    const auto request = slack_request("http://127.0.0.1:9/services/T/B/X", m);
    CHECK(request.method == "POST");
    CHECK(request.url == "http://127.0.0.1:9/services/T/B/X");
    CHECK(header_value(request, "Content-Type") == "application/json");
    const json body = json::parse(request.body);
    const std::string text = body["text"];
    CHECK(text ==
          "CRITICAL: a&lt;b&gt;&amp;c is down \u2014 &lt;script&gt; &amp; &lt;!channel&gt;");
    CHECK(slack_escape("<&>") == "&lt;&amp;&gt;");
    bool acknowledge_button = false;
    for (const auto& block : body["blocks"]) {
        if (block["type"] == "header") {
            CHECK(block["text"]["type"] == "plain_text");
            CHECK(block["text"]["text"].get<std::string>().size() <= 150);
        }
        if (block["type"] == "section" && block.contains("fields")) {
            CHECK(block["fields"].size() <= 10);
            for (const auto& f : block["fields"])
                CHECK(f["text"].get<std::string>().find("<script") == std::string::npos);
            CHECK(block["fields"][1]["text"] == "*Site:*\na&lt;b&gt;&amp;c");
        }
        if (block["type"] == "section" && block.contains("text")) {
            const std::string s = block["text"]["text"];
            CHECK(s.find("&lt;script&gt; &amp; &lt;!channel&gt;") != std::string::npos);
            CHECK(s.find("<!channel>") == std::string::npos);
        }
        if (block["type"] == "actions")
            for (const auto& e : block["elements"])
                if (e["url"] == m.ack_url) acknowledge_button = true;
    }
    CHECK(acknowledge_button);
    CHECK(json::parse(slack_body(incident("resolved"))).dump().find("inc=42&t=SIGNED") ==
          std::string::npos);
}

TEST_CASE("an Asana task for a warning carries the title, the notes and the project",
          "[notifiers]") {
    auto m = incident();
    m.severity = "warning";
    m.condition = "security";
    m.summary = "certificate expires in 9 days";
    const auto request = asana_task_request("http://127.0.0.1:9/api/1.0", "0/abc", "120000", m);
    CHECK(request.url == "http://127.0.0.1:9/api/1.0/tasks");
    CHECK(header_value(request, "Authorization") == "Bearer 0/abc");
    const json body = json::parse(request.body);
    CHECK(body["data"]["name"] ==
          "WARNING: acme-home has a security problem \u2014 certificate expires in 9 days");
    CHECK(body["data"]["projects"] == json::array({"120000"}));
    CHECK(body["data"]["notes"].get<std::string>().find("Acme Ltd") != std::string::npos);
}

TEST_CASE("an email header cannot be injected with a newline", "[notifiers]") {
    auto m = incident();
    m.site = "acme\r\nBcc: victim@evil.example";
    m.summary = "down\nX-Injected: yes";
    const auto email = email_message("Sitewatch <alerts@agency.example>\r\nBcc: a@evil.example",
                                     {"On call <oncall@agency.example>\nBcc: b@evil.example"}, m);
    const std::string& d = email.data;
    const std::size_t end = d.find("\r\n\r\n");
    REQUIRE(end != std::string::npos);
    const std::string headers = d.substr(0, end + 2);
    // Every header line starts with a known name or is a fold (starts with a space).
    std::size_t start = 0;
    while (start < headers.size()) {
        const std::size_t eol = headers.find("\r\n", start);
        const std::string line = headers.substr(start, eol - start);
        CHECK(line.find("Bcc:") != 0);
        CHECK(line.find("X-Injected") != 0);
        start = eol + 2;
    }
    CHECK(headers.find("\nBcc") == std::string::npos);
    CHECK(headers.find("\nX-Injected") == std::string::npos);
    // No bare CR or LF anywhere in the message.
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (d[i] == '\n') CHECK((i > 0 && d[i - 1] == '\r'));
        if (d[i] == '\r') CHECK((i + 1 < d.size() && d[i + 1] == '\n'));
    }
    REQUIRE(email.recipients.size() == 1);
    CHECK(email.recipients[0].find('\n') == std::string::npos);
    CHECK(email.mail_from.find('\n') == std::string::npos);

    const auto plain =
        email_message("alerts@agency.example", {"oncall@agency.example"}, incident());
    CHECK(plain.mail_from == "<alerts@agency.example>");
    CHECK(plain.recipients == std::vector<std::string>{"<oncall@agency.example>"});
    CHECK(plain.data.find("Date: Tue, 24 Nov 2026 14:05:00 +0000\r\n") != std::string::npos);
    CHECK(plain.data.find("Message-ID: <sitewatch.42.inc42-step1@agency.example>\r\n") !=
          std::string::npos);
    CHECK(plain.data.find("MIME-Version: 1.0\r\n") != std::string::npos);
    CHECK(plain.data.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
    CHECK(plain.data.find("Content-Transfer-Encoding: quoted-printable\r\n") != std::string::npos);
    CHECK(plain.data.find("https://mon.example/ack?inc=3D42&t=3DSIGNED") != std::string::npos);
}

TEST_CASE("a non-ASCII subject is an RFC 2047 encoded word", "[notifiers]") {
    auto m = incident();
    m.site = "caf\u00e9-home";
    const auto email = email_message("alerts@agency.example", {"oncall@agency.example"}, m);
    const std::size_t at = email.data.find("Subject: ");
    REQUIRE(at != std::string::npos);
    std::size_t end = at;
    // The subject with its folded continuation lines.
    do end = email.data.find("\r\n", end + 2);
    while (email.data[end + 2] == ' ');
    const std::string subject = email.data.substr(at + 9, end - at - 9);
    CHECK(subject.rfind("=?UTF-8?B?", 0) == 0);
    // Decode every word and join: the original title, byte for byte.
    std::string decoded;
    std::size_t p = 0;
    while ((p = subject.find("=?UTF-8?B?", p)) != std::string::npos) {
        const std::size_t q = subject.find("?=", p + 10);
        REQUIRE(q != std::string::npos);
        CHECK(q + 2 - p <= 75);
        const auto bytes = base64_decode(subject.substr(p + 10, q - p - 10));
        REQUIRE(bytes);
        decoded += *bytes;
        p = q + 2;
    }
    CHECK(decoded == incident_title(m));
    CHECK(rfc2047_encode("plain ascii") == "plain ascii");
    CHECK(rfc2047_encode("\u00e9") == "=?UTF-8?B?w6k=?=");
    CHECK(quoted_printable("caf\u00e9 = ok \n.dot\n") == "caf=C3=A9 =3D ok=20\r\n=2Edot\r\n");
}

namespace {

NotificationMessage client_update(std::string text) {
    auto m = incident("client_update");
    m.summary = "Update on your website";
    m.text = std::move(text);
    return m;
}

}  // namespace

TEST_CASE("a client update is sent as its text by every channel, with its summary as subject",
          "[notifiers][notify]") {
    const std::string text =
        "Hello Acme,\nyour site was unreachable for 12 minutes; it is back.\nSee "
        "https://status.example/acme for details.";
    const auto m = client_update(text);
    CHECK(incident_title(m) == "Update on your website");
    CHECK(incident_body(m) == text);
    CHECK_FALSE(wants_acknowledgement(m));

    CHECK(twilio_sms_body(m) == text);
    const std::string twiml = twilio_call_twiml(m);
    CHECK(twiml.find("unreachable for 12 minutes") != std::string::npos);
    CHECK(twiml.find("https://") == std::string::npos);  // links are not read aloud

    const json slack = json::parse(slack_body(m, "U024BE7LH"));
    CHECK(slack["text"] == "<@U024BE7LH> " + slack_escape(text));
    CHECK_FALSE(slack.contains("blocks"));

    const auto email = email_message("alerts@agency.example", {"client@acme.example"}, m);
    CHECK(email.data.find("Subject: Update on your website\r\n") != std::string::npos);
    CHECK(email.data.find("unreachable for 12 minutes") != std::string::npos);
    CHECK(email.data.find("Acknowledge") == std::string::npos);

    const json hook = json::parse(webhook_body(m));
    CHECK(hook["type"] == "incident.client_update");
    CHECK(hook["data"]["text"] == text);
}

TEST_CASE("a long client update is cut within Twilio's SMS limit", "[notifiers][notify]") {
    std::string text;
    while (utf16_length(text) < 2000) text += "Caf\u00e9 \U0001F525 ";
    const std::string body = twilio_sms_body(client_update(text));
    CHECK(utf16_length(body) <= kTwilioMaxSmsBody);
    CHECK(body.size() > 1000);
    CHECK(body.substr(body.size() - 3) == "\u2026");
}

TEST_CASE("a Slack step mentions the person by member id or by handle", "[notifiers][notify]") {
    CHECK(slack_mention("U024BE7LH") == "<@U024BE7LH>");
    CHECK(slack_mention("@W012A3CDE") == "<@W012A3CDE>");
    CHECK(slack_mention("<@U024BE7LH>") == "<@U024BE7LH>");
    CHECK(slack_mention("@alice") == "@alice");
    CHECK(slack_mention("alice.smith") == "alice.smith");
    CHECK(slack_mention("U0DANA") == "<@U0DANA>");
    CHECK(slack_mention("Ulrich") == "Ulrich");  // a name, not an id
    CHECK(slack_mention("ULRICH") == "ULRICH");  // no digit: a handle
    CHECK(slack_mention("<!channel>") == "&lt;!channel&gt;");
    CHECK(slack_mention("") == "");

    const json body = json::parse(slack_body(incident(), "U024BE7LH"));
    CHECK(body["text"].get<std::string>().rfind("<@U024BE7LH> CRITICAL: acme-home", 0) == 0);
    bool mentioned_in_section = false;
    for (const auto& block : body["blocks"])
        if (block["type"] == "section" && block.contains("text") &&
            block["text"]["text"].get<std::string>().rfind("<@U024BE7LH> ", 0) == 0)
            mentioned_in_section = true;
    CHECK(mentioned_in_section);
    // Without a person, the message is the same as before.
    CHECK(slack_body(incident()) == slack_body(incident(), ""));
    CHECK(json::parse(slack_body(incident()))["text"].get<std::string>().rfind("CRITICAL", 0) == 0);
}

TEST_CASE("an Asana task goes to the tasks collection under the configured API root",
          "[notifiers][notify]") {
    CHECK(asana_task_request("https://app.asana.com/api/1.0", "t", "1", incident()).url ==
          "https://app.asana.com/api/1.0/tasks");
    CHECK(asana_task_request("http://127.0.0.1:9/asana/", "t", "1", incident()).url ==
          "http://127.0.0.1:9/asana/tasks");
}
