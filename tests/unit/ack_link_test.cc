#include "alerting/escalation/ack_link.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

using namespace sitewatch;
using namespace sitewatch::escalation;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const TimePoint kNow = sys_days{year{2026} / 11 / 24} + 12h;
const TimePoint kExpires = kNow + 24h;
constexpr std::string_view kSecret = "s3cret-ack-key-for-tests";

bool url_safe(std::string_view token) {
    for (const char c : token)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}

}  // namespace

TEST_CASE("an acknowledgement link names its incident, its person and its expiry", "[escalation]") {
    const auto token = ack_token(kSecret, 42, "Dana Strategist", kExpires);
    CHECK(url_safe(token));
    const auto claim = verify_ack_token(kSecret, token, kNow);
    REQUIRE(claim);
    CHECK(claim->incident_id == 42);
    CHECK(claim->person == "Dana Strategist");
    CHECK(claim->expires == kExpires);

    // Names may hold anything, separators included.
    const auto odd = ack_token(kSecret, 18446744073709551615ULL, "a:b.c/d é", kExpires);
    CHECK(url_safe(odd));
    const auto odd_claim = verify_ack_token(kSecret, odd, kNow);
    REQUIRE(odd_claim);
    CHECK(odd_claim->incident_id == 18446744073709551615ULL);
    CHECK(odd_claim->person == "a:b.c/d é");
}

TEST_CASE("the acknowledgement URL is the public URL, /ack/ and the token", "[escalation]") {
    CHECK(ack_url("https://mon.example", "abc.def") == "https://mon.example/ack/abc.def");
    CHECK(ack_url("https://mon.example/sw/", "abc.def") == "https://mon.example/sw/ack/abc.def");
}

TEST_CASE("a forged, expired or truncated acknowledgement link is refused", "[escalation]") {
    const auto token = ack_token(kSecret, 42, "dana", kExpires);
    REQUIRE(verify_ack_token(kSecret, token, kNow));

    SECTION("expired: valid up to, not at, its expiry") {
        CHECK(verify_ack_token(kSecret, token, kExpires - 1s));
        CHECK_FALSE(verify_ack_token(kSecret, token, kExpires));
        CHECK_FALSE(verify_ack_token(kSecret, token, kExpires + 1h));
    }
    SECTION("signed with another secret") {
        CHECK_FALSE(verify_ack_token("another secret", token, kNow));
        CHECK_FALSE(verify_ack_token("", token, kNow));
        const auto forged = ack_token("attacker's own key", 42, "dana", kExpires);
        CHECK_FALSE(verify_ack_token(kSecret, forged, kNow));
    }
    SECTION("tampered: any one character changed") {
        for (std::size_t i = 0; i < token.size(); ++i) {
            std::string tampered = token;
            tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
            if (tampered == token) continue;
            INFO("position " << i << ": " << tampered);
            CHECK_FALSE(verify_ack_token(kSecret, tampered, kNow));
        }
    }
    SECTION("another incident's payload under this link's MAC") {
        const auto other = ack_token(kSecret, 43, "dana", kExpires);
        const auto spliced = other.substr(0, other.find('.')) + token.substr(token.find('.'));
        CHECK_FALSE(verify_ack_token(kSecret, spliced, kNow));
        const auto later = ack_token(kSecret, 42, "dana", kExpires + 24h);
        const auto extended = later.substr(0, later.find('.')) + token.substr(token.find('.'));
        CHECK_FALSE(verify_ack_token(kSecret, extended, kNow));
    }
    SECTION("truncated at every length") {
        for (std::size_t n = 0; n < token.size(); ++n) {
            INFO("first " << n << " characters");
            CHECK_FALSE(verify_ack_token(kSecret, token.substr(0, n), kNow));
        }
        CHECK_FALSE(verify_ack_token(kSecret, token + "A", kNow));
        CHECK_FALSE(verify_ack_token(kSecret, token + "=", kNow));
    }
    SECTION("garbage never throws") {
        for (const std::string& garbage : std::vector<std::string>{
                 "", ".", "..", "a.b", "not a token", "%%%.%%%", std::string(5000, 'A'),
                 token + "." + token, std::string("\0\xff.\x80", 4)}) {
            INFO(garbage);
            CHECK_NOTHROW(verify_ack_token(kSecret, garbage, kNow));
            CHECK_FALSE(verify_ack_token(kSecret, garbage, kNow));
        }
    }
}

TEST_CASE("an acknowledgement link is never issued without a secret", "[escalation]") {
    CHECK_THROWS_AS(ack_token("", 1, "dana", kExpires), std::invalid_argument);
}
