#include <catch2/catch.hpp>
#include <stdexcept>

#include "monitor/http/http_reply.h"
#include "monitor/http/json_encoding.h"
#include "monitor/http/listen_address.h"

using namespace sitewatch;

TEST_CASE("listen addresses accept host:port, bracketed IPv6 and a bare port", "[http]") {
    auto a = ListenAddress::parse("127.0.0.1:9090");
    CHECK(a.host == "127.0.0.1");
    CHECK(a.port == 9090);
    auto b = ListenAddress::parse("[::1]:0");
    CHECK(b.host == "::1");
    CHECK(b.port == 0);
    auto c = ListenAddress::parse(":8080");
    CHECK(c.host == "0.0.0.0");
    CHECK(c.port == 8080);
    CHECK(ListenAddress::parse("localhost:65535").port == 65535);
}

TEST_CASE("malformed listen addresses are refused with the text in the message", "[http]") {
    for (const char* bad : {"", "9090", "host:", "host:65536", "host:80a", "host:-1", "::1:9090",
                            "[::1]", "[::1]9090", "[]:80", "host:123456"}) {
        INFO(bad);
        CHECK_THROWS_AS(ListenAddress::parse(bad), std::invalid_argument);
    }
    CHECK_THROWS_WITH(ListenAddress::parse("nope"), Catch::Contains("'nope'"));
}

TEST_CASE("times are RFC 3339 UTC to the second", "[http]") {
    using namespace std::chrono;
    // 2026-11-24T14:05:00Z plus 999 ms: the fraction is dropped, not rounded up.
    const TimePoint t = TimePoint{seconds(1795529100)} + milliseconds(999);
    CHECK(http::format_rfc3339(t) == "2026-11-24T14:05:00Z");
    CHECK(http::time_or_null(std::nullopt).is_null());
}

TEST_CASE("a site never checked encodes its unknowns as null", "[http]") {
    SiteStatus s;
    s.client = "acme";
    s.name = "acme-home";
    s.url = "https://acme.example/";
    const auto j = http::site_to_json(s);
    CHECK(j["status"] == "pending");
    for (const char* key : {"condition", "severity", "summary", "last_checked_at",
                            "response_time_ms", "http_status", "tls_expires_at"}) {
        INFO(key);
        CHECK(j.at(key).is_null());
    }
}

TEST_CASE("a checked site encodes condition, times and response facts", "[http]") {
    SiteStatus s;
    s.client = "acme";
    s.name = "acme-home";
    s.url = "https://acme.example/";
    s.health = SiteHealth::down;
    s.condition = Condition::error;
    s.severity = Severity::critical;
    s.summary = "HTTP 503 Service Unavailable";
    s.last_checked_at = TimePoint{std::chrono::seconds(1795529100)};
    s.has_response = true;
    s.last_response.http_status = 503;
    s.last_response.total_seconds = 0.1234567;
    s.tls_expires_at = TimePoint{std::chrono::seconds(1798761600)};
    const auto j = http::site_to_json(s);
    CHECK(j["status"] == "down");
    CHECK(j["condition"] == "error");
    CHECK(j["severity"] == "critical");
    CHECK(j["last_checked_at"] == "2026-11-24T14:05:00Z");
    CHECK(j["http_status"] == 503);
    CHECK(j["response_time_ms"].get<double>() == Approx(123.457));
    CHECK(j["tls_expires_at"] == "2027-01-01T00:00:00Z");
}

TEST_CASE("a stored result with damaged findings still encodes, with an empty list", "[http]") {
    CheckRecord r;
    r.site = "acme-home";
    r.checked_at = TimePoint{std::chrono::seconds(1795529100)};
    r.success = true;
    r.findings_json = "[{\"condition\":";  // truncated row
    auto j = http::check_record_to_json(r);
    CHECK(j["findings"] == nlohmann::json::array());
    CHECK(j["condition"].is_null());
    CHECK(j["http_status"].is_null());
    CHECK(j["success"] == true);

    r.findings_json = R"([{"condition":"down","severity":"critical"}])";
    r.condition = "down";
    r.http_status = 0;
    j = http::check_record_to_json(r);
    CHECK(j["findings"][0]["condition"] == "down");
    CHECK(j["condition"] == "down");
}

TEST_CASE("counts in query strings are plain non-negative decimals", "[http]") {
    CHECK(http::parse_count("0") == 0u);
    CHECK(http::parse_count("1000") == 1000u);
    CHECK(http::parse_count("999999999") == 999999999u);
    for (const char* bad : {"", "-1", "+1", "1e3", " 1", "1 ", "0x10", "1234567890", "abc"}) {
        INFO(bad);
        CHECK_FALSE(http::parse_count(bad));
    }
}

TEST_CASE("JSON bodies replace invalid UTF-8 instead of throwing", "[http]") {
    httplib::Response res;
    http::send_error(res, 404, std::string("no such site: \xff\xfe"));
    CHECK(res.status == 404);
    const auto j = nlohmann::json::parse(res.body);
    CHECK(j["error"].get<std::string>().find("no such site: ") == 0);
}

TEST_CASE("JSON strings escape quotes and controls and keep valid UTF-8", "[http]") {
    auto encode = [](std::string_view s) {
        std::string out;
        http::append_json_string(out, s);
        return out;
    };
    CHECK(encode("plain") == "\"plain\"");
    CHECK(encode("a\"b\\c") == R"("a\"b\\c")");
    CHECK(encode("line\nbreak\ttab\x01") == R"("line\nbreak\ttab\u0001")");
    CHECK(encode(std::string_view("nul\0byte", 8)) == R"("nul\u0000byte")");
    CHECK(encode("Zürich – 東京 🙂") == "\"Zürich – 東京 🙂\"");
    // Every encoding parses back; invalid sequences become U+FFFD, one per bad byte.
    for (std::string bad : {std::string("\xff"), std::string("\xc3\x28"),
                            std::string("\xe0\x80\xaf"), std::string("\xed\xa0\x80"),
                            std::string("\xf4\x90\x80\x80"), std::string("trunc\xe2\x82")}) {
        const std::string text = encode(bad);
        INFO(text);
        auto parsed = nlohmann::json::parse(text);
        CHECK(parsed.get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
    }
    CHECK(nlohmann::json::parse(encode("\xc3\x28")).get<std::string>() == "\xEF\xBF\xBD(");
}
