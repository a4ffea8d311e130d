#pragma once
// The certificate the site presented: valid dates, trusted chain, right host, time left.
#include "checks/model/check_spec.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"
#include "checks/model/time.h"

namespace sitewatch::checks {

// Findings (all `security`) for a response whose TLS verification was performed; none for
// plain http. Rules:
//   tls.expired           a certificate's not_after is before `now` (critical for the leaf,
//                         or for another certificate when the chain failed to verify)
//   tls.not_yet_valid     a certificate's not_before is after `now` (same severities)
//   tls.self_signed       the leaf signs itself and is not trusted (critical)
//   tls.untrusted         the chain does not lead to a trusted root (critical)
//   tls.hostname_mismatch the leaf does not cover the URL's host (critical)
//   tls.expiring          the earliest not_after in the chain is fewer than
//                         spec.tls_min_days_valid whole days away (warning)
// Dates decide expiry from `now`, whatever verify_error happened to report first.
Findings check_tls(const Response& response, const CheckSpec& spec, TimePoint now);

}  // namespace sitewatch::checks
