// An outbox delivery survives the store as JSON, and nothing else passes for one.
#include "alerting/outbox/delivery.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

using namespace sitewatch;
using namespace sitewatch::outbox;
using namespace std::chrono;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

Delivery sample() {
    Delivery d;
    d.key = "42:0:1:Alice:sms";
    d.target = Target::sms;
    d.address = "+15550100";
    d.recipient = "Alice";
    auto& m = d.message;
    m.incident_id = 42;
    m.client = "Acme Ltd";
    m.site = "acme-home";
    m.url = "https://www.acme.example/";
    m.condition = "down";
    m.severity = "critical";
    m.event = "opened";
    m.summary = "connection refused";
    m.evidence_excerpt = "line one\nline \"two\" \u00e9";
    m.ack_url = "https://mon.example/ack?t=x";
    m.incident_url = "https://mon.example/incidents/42";
    m.at = sys_days{year{2026} / 11 / 24} + 14h + 5min + 123ms;
    m.step_id = "42:0:1:Alice:sms";
    m.text = "whole client text";
    return d;
}

}  // namespace

TEST_CASE("every target has a name that parses back, and unknown names do not parse", "[notify]") {
    for (Target t : {Target::phone, Target::sms, Target::slack, Target::email, Target::webhook,
                     Target::pagerduty, Target::asana})
        CHECK(parse_target(to_string(t)) == t);
    CHECK(std::string(to_string(Target::pagerduty)) == "pagerduty");
    CHECK_FALSE(parse_target("fax"));
    CHECK_FALSE(parse_target(""));
    CHECK_FALSE(parse_target("SMS"));
}

TEST_CASE("a delivery round-trips through JSON with every field of its message", "[notify]") {
    const Delivery d = sample();
    const auto back = delivery_from_json(json::parse(to_json(d).dump()));
    REQUIRE(back);
    CHECK(back->key == d.key);
    CHECK(back->target == d.target);
    CHECK(back->address == d.address);
    CHECK(back->recipient == d.recipient);
    const auto &a = back->message, &b = d.message;
    CHECK(a.incident_id == b.incident_id);
    CHECK(a.client == b.client);
    CHECK(a.site == b.site);
    CHECK(a.url == b.url);
    CHECK(a.condition == b.condition);
    CHECK(a.severity == b.severity);
    CHECK(a.event == b.event);
    CHECK(a.summary == b.summary);
    CHECK(a.evidence_excerpt == b.evidence_excerpt);
    CHECK(a.ack_url == b.ack_url);
    CHECK(a.incident_url == b.incident_url);
    CHECK(a.at == b.at);
    CHECK(a.step_id == b.step_id);
    CHECK(a.text == b.text);
}

TEST_CASE("anything the outbox did not write is refused without throwing", "[notify]") {
    const json good = to_json(sample());
    CHECK(delivery_from_json(good));
    CHECK_FALSE(delivery_from_json(json()));
    CHECK_FALSE(delivery_from_json(json::array()));
    CHECK_FALSE(delivery_from_json(json("text")));

    auto without = [&](const char* key) {
        json j = good;
        j.erase(key);
        return j;
    };
    for (const char* key : {"key", "target", "address", "recipient", "message"})
        CHECK_FALSE(delivery_from_json(without(key)));
    json extra = good;
    extra["secret"] = "x";
    CHECK_FALSE(delivery_from_json(extra));

    json bad_target = good;
    bad_target["target"] = "fax";
    CHECK_FALSE(delivery_from_json(bad_target));
    json empty_key = good;
    empty_key["key"] = "";
    CHECK_FALSE(delivery_from_json(empty_key));
    json number_key = good;
    number_key["key"] = 7;
    CHECK_FALSE(delivery_from_json(number_key));

    json negative_id = good;
    negative_id["message"]["incident_id"] = -1;
    CHECK_FALSE(delivery_from_json(negative_id));
    json string_at = good;
    string_at["message"]["at_ms"] = "yesterday";
    CHECK_FALSE(delivery_from_json(string_at));
    json missing_text = good;
    missing_text["message"].erase("text");
    CHECK_FALSE(delivery_from_json(missing_text));
    json null_summary = good;
    null_summary["message"]["summary"] = nullptr;
    CHECK_FALSE(delivery_from_json(null_summary));
}
