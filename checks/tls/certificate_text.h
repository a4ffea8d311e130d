#pragma once
// How a certificate is named in a finding.
#include <cstddef>
#include <string>
#include <string_view>

#include "checks/model/response.h"

namespace sitewatch::checks {

// The CN of an RFC 2253 distinguished name ("CN=R3,O=Let's Encrypt,C=US" → "R3"), or the
// whole name when it has no CN.
std::string common_name(std::string_view distinguished_name);

// The names a certificate covers: its subjectAltName DNS and IP entries, else its CN.
// At most `limit` are listed, then "and N more".
std::string covered_names(const CertificateInfo& cert, std::size_t limit = 10);

// One line of facts for evidence: subject, issuer, validity, names, fingerprint.
std::string describe_certificate(const CertificateInfo& cert);

}  // namespace sitewatch::checks
