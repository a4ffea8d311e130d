#include "checks/tls/certificate_text.h"

#include <vector>

#include "checks/text/humanize.h"

namespace sitewatch::checks {

namespace {

// Splits an RFC 2253 name on commas that are not escaped with a backslash.
std::vector<std::string> split_rdns(std::string_view dn) {
    std::vector<std::string> out(1);
    for (std::size_t i = 0; i < dn.size(); ++i) {
        if (dn[i] == '\\' && i + 1 < dn.size()) {
            out.back() += dn[++i];
        } else if (dn[i] == ',') {
            out.emplace_back();
        } else {
            out.back() += dn[i];
        }
    }
    return out;
}

}  // namespace

std::string common_name(std::string_view distinguished_name) {
    for (const auto& rdn : split_rdns(distinguished_name)) {
        const auto start = rdn.find_first_not_of(' ');
        if (start != std::string::npos && rdn.compare(start, 3, "CN=") == 0)
            return rdn.substr(start + 3);
    }
    return std::string(distinguished_name);
}

std::string covered_names(const CertificateInfo& cert, std::size_t limit) {
    std::vector<std::string> names = cert.dns_names;
    names.insert(names.end(), cert.ip_addresses.begin(), cert.ip_addresses.end());
    if (names.empty()) {
        const std::string cn = common_name(cert.subject);
        return cn.empty() ? std::string("no names") : cn;
    }
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
        if (i) out += ", ";
        out += names[i];
    }
    if (names.size() > limit) out += " and " + std::to_string(names.size() - limit) + " more";
    return out;
}

std::string describe_certificate(const CertificateInfo& cert) {
    std::string out = "subject " + cert.subject + "; issuer " + cert.issuer + "; valid " +
                      format_rfc3339(cert.not_before) + " to " + format_rfc3339(cert.not_after);
    out += "; names " + covered_names(cert);
    if (!cert.fingerprint_sha256.empty()) out += "; sha256 " + cert.fingerprint_sha256;
    return out;
}

}  // namespace sitewatch::checks
