#pragma once
// Signed one-click acknowledgement links (every escalation message carries one). The token
// carries the incident id, the person it was sent to and an expiry, authenticated with
// HMAC-SHA256 under a server secret, so nobody can forge a link for another incident, another
// person or a later time. Pure: the caller passes the secret and the time.
//
// Token: base64url(payload) "." base64url(HMAC-SHA256(secret, "sitewatch-ack-v1\n" payload)),
// no padding, where payload = "<incident id>:<expiry, unix seconds>:<person>". Everything in
// it is URL-safe ([A-Za-z0-9_-] and one '.'), so it can stand as a path segment as it is.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "checks/model/time.h"

namespace sitewatch::escalation {

struct AckClaim {
    std::uint64_t incident_id = 0;
    std::string person;   // who the link was sent to: the acknowledgement is recorded as theirs
    TimePoint expires{};  // whole seconds

    friend bool operator==(const AckClaim&, const AckClaim&) = default;
};

// `expires` is truncated to whole seconds (and must not be before the epoch). Throws
// std::invalid_argument for an empty secret: an unsigned link must never be produced.
std::string ack_token(std::string_view secret, std::uint64_t incident_id, std::string_view person,
                      TimePoint expires);

// The claim when the token is authentic and `now` is before its expiry; otherwise nullopt.
// Never throws: expired, tampered, truncated, garbage, overlong and wrong-secret tokens are all
// refused the same way. The MAC is checked (in constant time, CRYPTO_memcmp) before anything
// in the payload is believed.
std::optional<AckClaim> verify_ack_token(std::string_view secret, std::string_view token,
                                         TimePoint now);

// "<public_url>/ack/<token>", with any trailing '/' of public_url dropped.
std::string ack_url(std::string_view public_url, std::string_view token);

}  // namespace sitewatch::escalation
