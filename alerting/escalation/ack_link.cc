#include "alerting/escalation/ack_link.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>
#include <chrono>
#include <stdexcept>

namespace sitewatch::escalation {
namespace {

// Domain separation: the same secret may sign other things (webhooks) one day.
constexpr std::string_view kContext = "sitewatch-ack-v1\n";
constexpr std::size_t kMacSize = 32;
// Far above any real token (an id, a time and a person's name); refuse before decoding.
constexpr std::size_t kMaxTokenSize = 1024;

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const auto n = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                       (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) |
                       std::uint32_t(std::uint8_t(bytes[i + 2]));
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const auto n = std::uint32_t(std::uint8_t(bytes[i])) << 16;
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
    } else if (rest == 2) {
        const auto n = (std::uint32_t(std::uint8_t(bytes[i])) << 16) |
                       (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
    }
    return out;
}

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

// Strict: no padding, no foreign characters, no impossible length, no stray low bits (so
// every byte string has exactly one encoding and a flipped last character never decodes to
// the same bytes).
std::optional<std::string> unbase64url(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = sextet(c);
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | std::uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xFF);
        }
    }
    if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;
    return out;
}

std::array<unsigned char, kMacSize> mac(std::string_view secret, std::string_view payload) {
    std::string message(kContext);
    message += payload;
    std::array<unsigned char, kMacSize> out{};
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), secret.data(), int(secret.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(),
              &len) ||
        len != kMacSize)
        throw std::runtime_error("HMAC-SHA256 failed");
    return out;
}

template <typename T>
std::optional<T> parse_decimal(std::string_view s) {
    // Canonical only: digits, no sign, no leading zero (the MAC already vouches for the
    // payload; this keeps the parser from accepting anything we would not have written).
    if (s.empty() || (s.size() > 1 && s[0] == '0')) return std::nullopt;
    T value{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return value;
}

}  // namespace

std::string ack_token(std::string_view secret, std::uint64_t incident_id, std::string_view person,
                      TimePoint expires) {
    if (secret.empty()) throw std::invalid_argument("ack_token: empty secret");
    const auto seconds =
        std::chrono::floor<std::chrono::seconds>(expires).time_since_epoch().count();
    if (seconds < 0) throw std::invalid_argument("ack_token: expiry before the epoch");
    std::string payload = std::to_string(incident_id) + ':' + std::to_string(seconds) + ':';
    payload += person;
    const auto m = mac(secret, payload);
    return base64url(payload) + '.' +
           base64url(std::string_view(reinterpret_cast<const char*>(m.data()), m.size()));
}

std::optional<AckClaim> verify_ack_token(std::string_view secret, std::string_view token,
                                         TimePoint now) {
    try {
        if (secret.empty() || token.empty() || token.size() > kMaxTokenSize) return std::nullopt;
        const auto dot = token.find('.');
        if (dot == std::string_view::npos || token.find('.', dot + 1) != std::string_view::npos)
            return std::nullopt;
        const auto payload = unbase64url(token.substr(0, dot));
        const auto given = unbase64url(token.substr(dot + 1));
        if (!payload || !given || given->size() != kMacSize) return std::nullopt;
        const auto expected = mac(secret, *payload);
        if (CRYPTO_memcmp(expected.data(), given->data(), kMacSize) != 0) return std::nullopt;

        // Authentic from here on: "<id>:<expiry>:<person>", the person may contain ':'.
        const std::string_view p(*payload);
        const auto c1 = p.find(':');
        if (c1 == std::string_view::npos) return std::nullopt;
        const auto c2 = p.find(':', c1 + 1);
        if (c2 == std::string_view::npos) return std::nullopt;
        const auto id = parse_decimal<std::uint64_t>(p.substr(0, c1));
        const auto seconds = parse_decimal<std::int64_t>(p.substr(c1 + 1, c2 - c1 - 1));
        if (!id || !seconds) return std::nullopt;
        // Guard the conversion to the clock's (nanosecond) representation.
        constexpr std::int64_t kMaxSeconds = std::int64_t(1) << 33;  // year 2242
        if (*seconds > kMaxSeconds) return std::nullopt;
        AckClaim claim{*id, std::string(p.substr(c2 + 1)),
                       TimePoint(std::chrono::seconds(*seconds))};
        if (now >= claim.expires) return std::nullopt;
        return claim;
    } catch (...) {  // allocation failure or an OpenSSL failure: refuse, never throw
        return std::nullopt;
    }
}

std::string ack_url(std::string_view public_url, std::string_view token) {
    while (!public_url.empty() && public_url.back() == '/') public_url.remove_suffix(1);
    std::string url(public_url);
    url += "/ack/";
    url += token;
    return url;
}

}  // namespace sitewatch::escalation
