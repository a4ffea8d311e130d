#include "checks/tls/tls_check.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/text/humanize.h"
#include "checks/tls/certificate_text.h"
#include "checks/tls/verify_error.h"
#include "checks/url/url_host.h"

namespace sitewatch::checks {

namespace {

using std::chrono::duration_cast;
using std::chrono::seconds;

Finding security_finding(Severity severity, std::string rule, std::string summary) {
    Finding f;
    f.condition = Condition::security;
    f.severity = severity;
    f.check = "tls";
    f.summary = std::move(summary);
    f.evidence.rule = std::move(rule);
    return f;
}

std::string evidence_for(const CertificateInfo& cert, const TlsVerification& tls) {
    std::string out = describe_certificate(cert);
    if (!tls.verify_message.empty()) out += "; verify: " + tls.verify_message;
    return out;
}

std::string verify_excerpt(const TlsVerification& tls) {
    return tls.verify_message.empty()
               ? "verify error " + std::to_string(tls.verify_error)
               : "verify: " + tls.verify_message + " (" + std::to_string(tls.verify_error) + ")";
}

// "certificate" for the leaf, "intermediate certificate R3" for the others.
std::string cert_label(const std::vector<CertificateInfo>& chain, std::size_t i) {
    if (i == 0) return "certificate";
    return "intermediate certificate " + common_name(chain[i].subject);
}

// An expired or not-yet-valid certificate other than the leaf only breaks the site when the
// chain failed to verify: with it trusted, the verifier found another path to a root.
Severity date_severity(std::size_t index, const TlsVerification& tls) {
    return index == 0 || !tls.chain_trusted ? Severity::critical : Severity::warning;
}

// Index of the certificate that expired first (the leaf preferred), if any has.
std::optional<std::size_t> expired_index(const std::vector<CertificateInfo>& chain, TimePoint now) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        if (now <= chain[i].not_after) continue;
        if (i == 0) return 0;
        if (!found || chain[i].not_after < chain[*found].not_after) found = i;
    }
    return found;
}

std::optional<std::size_t> not_yet_valid_index(const std::vector<CertificateInfo>& chain,
                                               TimePoint now) {
    for (std::size_t i = 0; i < chain.size(); ++i)
        if (now < chain[i].not_before) return i;
    return std::nullopt;
}

void add_date_findings(const Response& r, TimePoint now, VerifyProblem problem, Findings& out,
                       bool& expiry_reported) {
    const auto& chain = r.cert_chain;
    if (const auto i = expired_index(chain, now)) {
        const auto& cert = chain[*i];
        auto f = security_finding(date_severity(*i, r.tls), "tls.expired",
                                  cert_label(chain, *i) + " expired " +
                                      describe_span(duration_cast<seconds>(now - cert.not_after)) +
                                      " ago (not after " + format_date(cert.not_after) + ")");
        if (*i != 0 && f.severity == Severity::warning)
            f.summary += "; clients that cannot build another path to a root will fail";
        f.evidence.excerpt = evidence_for(cert, r.tls);
        f.evidence.after = format_rfc3339(cert.not_after);
        out.push_back(std::move(f));
        expiry_reported = true;
    } else if (problem == VerifyProblem::expired) {
        // The verifier saw an expired certificate we were not shown (one from the trust store).
        auto f = security_finding(Severity::critical, "tls.expired",
                                  "certificate chain has an expired certificate");
        f.evidence.excerpt = verify_excerpt(r.tls);
        out.push_back(std::move(f));
        expiry_reported = true;
    }

    if (const auto i = not_yet_valid_index(chain, now)) {
        const auto& cert = chain[*i];
        auto f = security_finding(
            date_severity(*i, r.tls), "tls.not_yet_valid",
            cert_label(chain, *i) + " is not valid until " + format_date(cert.not_before) +
                " (in " + describe_span(duration_cast<seconds>(cert.not_before - now)) + ")");
        f.evidence.excerpt = evidence_for(cert, r.tls);
        f.evidence.after = format_rfc3339(cert.not_before);
        out.push_back(std::move(f));
        expiry_reported = true;
    } else if (problem == VerifyProblem::not_yet_valid) {
        auto f = security_finding(Severity::critical, "tls.not_yet_valid",
                                  "certificate chain has a certificate that is not yet valid");
        f.evidence.excerpt = verify_excerpt(r.tls);
        out.push_back(std::move(f));
        expiry_reported = true;
    }
}

void add_trust_finding(const Response& r, VerifyProblem problem, bool dates_reported,
                       Findings& out) {
    if (r.tls.chain_trusted) return;
    const auto& chain = r.cert_chain;
    const CertificateInfo* leaf = chain.empty() ? nullptr : &chain.front();
    const bool trust_problem = problem == VerifyProblem::self_signed_leaf ||
                               problem == VerifyProblem::untrusted_root ||
                               problem == VerifyProblem::untrusted_issuer ||
                               problem == VerifyProblem::other || (leaf && leaf->self_signed);
    // OpenSSL builds the chain to a trusted root before it checks the host and the dates, so
    // a first failure that is neither a trust problem means the chain itself was fine and a
    // bad date is what made it fail.
    if (!trust_problem && dates_reported) return;

    Finding f;
    if (problem == VerifyProblem::self_signed_leaf || (leaf && leaf->self_signed)) {
        f = security_finding(Severity::critical, "tls.self_signed",
                             "certificate is self-signed (issuer " +
                                 (leaf ? common_name(leaf->issuer) : std::string("unknown")) + ")");
    } else if (problem == VerifyProblem::untrusted_root) {
        // The root is the last certificate presented; its issuer is itself.
        const std::string root = chain.empty() ? "unknown" : common_name(chain.back().subject);
        f = security_finding(Severity::critical, "tls.untrusted",
                             "certificate chain ends in an untrusted root (" + root + ")");
    } else if (problem == VerifyProblem::untrusted_issuer) {
        const std::string issuer = leaf ? common_name(leaf->issuer) : std::string("unknown");
        f = security_finding(Severity::critical, "tls.untrusted",
                             "certificate is not trusted: issuer " + issuer +
                                 " is unknown or the chain is incomplete");
    } else {
        const std::string why = problem == VerifyProblem::other && !r.tls.verify_message.empty()
                                    ? r.tls.verify_message
                                    : std::string("the chain did not verify");
        f = security_finding(Severity::critical, "tls.untrusted",
                             "certificate is not trusted: " + why);
    }
    f.evidence.excerpt = leaf ? evidence_for(*leaf, r.tls) : verify_excerpt(r.tls);
    if (leaf) f.evidence.after = leaf->issuer;
    out.push_back(std::move(f));
}

void add_hostname_finding(const Response& r, VerifyProblem problem, Findings& out) {
    if (r.tls.hostname_matches && problem != VerifyProblem::hostname_mismatch) return;
    // The certificate examined is the one of the last connection, i.e. the final URL's host.
    const std::string host = url_host(r.final_url.empty() ? r.url : r.final_url);
    std::string summary = "certificate does not cover " + (host.empty() ? "the host" : host);
    if (!r.cert_chain.empty()) summary += " (it covers " + covered_names(r.cert_chain[0]) + ")";
    auto f = security_finding(Severity::critical, "tls.hostname_mismatch", std::move(summary));
    f.evidence.excerpt =
        r.cert_chain.empty() ? verify_excerpt(r.tls) : evidence_for(r.cert_chain[0], r.tls);
    f.evidence.after = host;
    out.push_back(std::move(f));
}

void add_expiring_finding(const Response& r, const CheckSpec& spec, TimePoint now, Findings& out) {
    if (r.cert_chain.empty() || spec.tls_min_days_valid <= 0) return;
    const auto& chain = r.cert_chain;
    const auto earliest =
        std::min_element(chain.begin(), chain.end(),
                         [](const auto& a, const auto& b) { return a.not_after < b.not_after; });
    const auto left = duration_cast<seconds>(earliest->not_after - now);
    const auto whole_days = std::chrono::floor<std::chrono::days>(left).count();
    if (whole_days >= spec.tls_min_days_valid) return;

    const auto index = static_cast<std::size_t>(earliest - chain.begin());
    auto f = security_finding(Severity::warning, "tls.expiring",
                              cert_label(chain, index) + " expires in " + describe_span(left) +
                                  " (not after " + format_date(earliest->not_after) + ")");
    f.evidence.excerpt = evidence_for(*earliest, r.tls) + "; minimum " +
                         std::to_string(spec.tls_min_days_valid) + " days";
    f.evidence.before = std::to_string(spec.tls_min_days_valid) + " days";
    f.evidence.after = format_rfc3339(earliest->not_after);
    out.push_back(std::move(f));
}

}  // namespace

Findings check_tls(const Response& response, const CheckSpec& spec, TimePoint now) {
    Findings out;
    if (!response.tls.performed) return out;
    const VerifyProblem problem = classify_verify_error(response.tls.verify_error);

    bool expiry_reported = false;
    add_date_findings(response, now, problem, out, expiry_reported);
    add_trust_finding(response, problem, expiry_reported, out);
    add_hostname_finding(response, problem, out);
    if (!expiry_reported) add_expiring_finding(response, spec, now, out);
    return out;
}

}  // namespace sitewatch::checks
