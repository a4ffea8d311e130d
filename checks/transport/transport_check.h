#pragma once
// Layer 1: the transfer itself failed (DNS, connect, TLS handshake, timeout, reset, redirect
// loop), so there is no page to judge: the site is down for whoever tries to load it.
#include <optional>

#include "checks/model/check_spec.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"

namespace sitewatch::checks {

// A `down`/critical finding with rule "transport.<kind>" when the response carries a
// TransportError; nullopt when an HTTP response arrived.
std::optional<Finding> check_transport(const Response& response, const CheckSpec& spec);

}  // namespace sitewatch::checks
