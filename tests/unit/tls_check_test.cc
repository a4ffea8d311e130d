#include "checks/tls/tls_check.h"

#include <openssl/x509_vfy.h>

#include <catch2/catch.hpp>
#include <chrono>

using namespace sitewatch;
using namespace sitewatch::checks;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

// 2026-11-24T12:00:00Z
const TimePoint kNow = sys_days{year{2026} / 11 / 24} + 12h;

CertificateInfo leaf_cert() {
    CertificateInfo c;
    c.subject = "CN=acme.example";
    c.issuer = "CN=R3,O=Let's Encrypt,C=US";
    c.dns_names = {"acme.example", "www.acme.example"};
    c.not_before = kNow - days{60};
    c.not_after = kNow + days{60};
    c.fingerprint_sha256 = "ab12";
    return c;
}

CertificateInfo intermediate_cert() {
    CertificateInfo c;
    c.subject = "CN=R3,O=Let's Encrypt,C=US";
    c.issuer = "CN=ISRG Root X1,O=Internet Security Research Group,C=US";
    c.not_before = kNow - days{900};
    c.not_after = kNow + days{300};
    return c;
}

// A healthy HTTPS response: trusted chain, matching host, two months left.
Response https_response() {
    Response r;
    r.url = "https://acme.example/";
    r.final_url = r.url;
    r.http_status = 200;
    r.tls.performed = true;
    r.tls.chain_trusted = true;
    r.tls.hostname_matches = true;
    r.cert_chain = {leaf_cert(), intermediate_cert()};
    return r;
}

void fail_verification(Response& r, int error, std::string message) {
    r.tls.chain_trusted = false;
    r.tls.verify_error = error;
    r.tls.verify_message = std::move(message);
}

const Finding* find_rule(const Findings& fs, std::string_view rule) {
    for (const auto& f : fs)
        if (f.evidence.rule == rule) return &f;
    return nullptr;
}

}  // namespace

TEST_CASE("a valid certificate for the right host with months left has no findings",
          "[checks][tls]") {
    REQUIRE(check_tls(https_response(), CheckSpec{}, kNow).empty());
}

TEST_CASE("plain http is not judged on certificates", "[checks][tls]") {
    Response r = https_response();
    r.tls = {};
    r.cert_chain[0].not_after = kNow - days{30};
    REQUIRE(check_tls(r, CheckSpec{}, kNow).empty());
}

TEST_CASE("an expired certificate is a critical security finding that says when it expired",
          "[checks][tls]") {
    Response r = https_response();
    r.cert_chain[0].not_after = sys_days{year{2026} / 11 / 21} + 23h + 59min + 59s;
    fail_verification(r, X509_V_ERR_CERT_HAS_EXPIRED, "certificate has expired");

    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].condition == Condition::security);
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].check == "tls");
    CHECK(fs[0].summary == "certificate expired 2 days ago (not after 2026-11-21)");
    CHECK(fs[0].evidence.rule == "tls.expired");
    CHECK(fs[0].evidence.after == "2026-11-21T23:59:59Z");
    CHECK(fs[0].evidence.excerpt ==
          "subject CN=acme.example; issuer CN=R3,O=Let's Encrypt,C=US; valid "
          "2026-09-25T12:00:00Z to 2026-11-21T23:59:59Z; names acme.example, "
          "www.acme.example; sha256 ab12; verify: certificate has expired");
}

TEST_CASE("a certificate that expired 3 days ago says so", "[checks][tls]") {
    Response r = https_response();
    r.cert_chain[0].not_after = kNow - days{3} - 1h;
    fail_verification(r, X509_V_ERR_CERT_HAS_EXPIRED, "certificate has expired");
    REQUIRE(check_tls(r, CheckSpec{}, kNow)[0].summary ==
            "certificate expired 3 days ago (not after 2026-11-21)");
}

TEST_CASE("dates decide expiry even when the verifier reported another problem first",
          "[checks][tls]") {
    SECTION("hostname checked before dates") {
        Response r = https_response();
        r.cert_chain[0].not_after = kNow - days{3};
        r.tls.hostname_matches = false;
        fail_verification(r, X509_V_ERR_HOSTNAME_MISMATCH, "hostname mismatch");
        r.final_url = "https://shop.acme.example/";
        const auto fs = check_tls(r, CheckSpec{}, kNow);
        REQUIRE(fs.size() == 2);
        CHECK(find_rule(fs, "tls.expired"));
        CHECK(find_rule(fs, "tls.hostname_mismatch"));
        // the chain itself was built, so the date explains the failed verification
        CHECK_FALSE(find_rule(fs, "tls.untrusted"));
    }
    SECTION("unknown issuer reported first") {
        Response r = https_response();
        r.cert_chain[0].not_after = kNow - days{3};
        fail_verification(r, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                          "unable to get local issuer certificate");
        const auto fs = check_tls(r, CheckSpec{}, kNow);
        REQUIRE(fs.size() == 2);
        CHECK(find_rule(fs, "tls.expired")->severity == Severity::critical);
        CHECK(find_rule(fs, "tls.untrusted")->severity == Severity::critical);
    }
    SECTION("the verifier saw no problem at all (its clock is behind ours)") {
        Response r = https_response();
        r.cert_chain[0].not_after = kNow - 1s;
        const auto fs = check_tls(r, CheckSpec{}, kNow);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].evidence.rule == "tls.expired");
        CHECK(fs[0].severity == Severity::critical);
        CHECK(fs[0].summary == "certificate expired less than a minute ago (not after 2026-11-24)");
    }
}

TEST_CASE("a certificate is valid through its not_after second", "[checks][tls]") {
    Response r = https_response();
    r.cert_chain[0].not_after = kNow;
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "tls.expiring");
    CHECK(fs[0].summary == "certificate expires in less than a minute (not after 2026-11-24)");
}

TEST_CASE("an expired intermediate is critical only when the chain failed to verify",
          "[checks][tls]") {
    Response r = https_response();
    r.cert_chain[1].not_after = kNow - days{10};

    SECTION("chain did not verify") {
        fail_verification(r, X509_V_ERR_CERT_HAS_EXPIRED, "certificate has expired");
        const auto fs = check_tls(r, CheckSpec{}, kNow);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].severity == Severity::critical);
        CHECK(fs[0].summary ==
              "intermediate certificate R3 expired 10 days ago (not after 2026-11-14)");
    }
    SECTION("the verifier found another path to a trusted root") {
        const auto fs = check_tls(r, CheckSpec{}, kNow);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].evidence.rule == "tls.expired");
        CHECK(fs[0].severity == Severity::warning);
    }
}

TEST_CASE("an expiry the verifier saw in a certificate we were not shown is still critical",
          "[checks][tls]") {
    Response r = https_response();
    fail_verification(r, X509_V_ERR_CERT_HAS_EXPIRED, "certificate has expired");
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "tls.expired");
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].evidence.excerpt == "verify: certificate has expired (10)");
}

TEST_CASE("a certificate that is not yet valid is a critical security finding", "[checks][tls]") {
    Response r = https_response();
    r.cert_chain[0].not_before = kNow + days{3} + 2h;
    fail_verification(r, X509_V_ERR_CERT_NOT_YET_VALID, "certificate is not yet valid");
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "tls.not_yet_valid");
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].summary == "certificate is not valid until 2026-11-27 (in 3 days)");
    CHECK(fs[0].evidence.after == "2026-11-27T14:00:00Z");

    SECTION("also when only the verifier saw it") {
        Response only_verifier = https_response();
        fail_verification(only_verifier, X509_V_ERR_CERT_NOT_YET_VALID,
                          "certificate is not yet valid");
        const auto vfs = check_tls(only_verifier, CheckSpec{}, kNow);
        REQUIRE(vfs.size() == 1);
        CHECK(vfs[0].evidence.rule == "tls.not_yet_valid");
        CHECK(vfs[0].severity == Severity::critical);
    }
}

TEST_CASE("a self-signed certificate is a critical security finding naming its issuer",
          "[checks][tls]") {
    Response r = https_response();
    r.cert_chain = {leaf_cert()};
    r.cert_chain[0].issuer = r.cert_chain[0].subject;
    r.cert_chain[0].self_signed = true;
    fail_verification(r, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate");

    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "tls.self_signed");
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].summary == "certificate is self-signed (issuer acme.example)");
    CHECK(fs[0].evidence.after == "CN=acme.example");

    SECTION("unless the site trusts it through its own ca_file") {
        r.tls.chain_trusted = true;
        r.tls.verify_error = 0;
        r.tls.verify_message.clear();
        CHECK(check_tls(r, CheckSpec{}, kNow).empty());
    }
}

TEST_CASE("a self-signed certificate that also expired gets both findings", "[checks][tls]") {
    Response r = https_response();
    r.cert_chain = {leaf_cert()};
    r.cert_chain[0].self_signed = true;
    r.cert_chain[0].not_after = kNow - days{1};
    fail_verification(r, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate");
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 2);
    CHECK(find_rule(fs, "tls.expired"));
    CHECK(find_rule(fs, "tls.self_signed"));
}

TEST_CASE("a chain ending in an untrusted private root names that root", "[checks][tls]") {
    Response r = https_response();
    CertificateInfo root;
    root.subject = root.issuer = "CN=Acme Internal Root CA,O=Acme";
    root.self_signed = true;
    root.not_before = kNow - days{3000};
    root.not_after = kNow + days{3000};
    r.cert_chain[0].issuer = root.subject;
    r.cert_chain = {r.cert_chain[0], root};
    fail_verification(r, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
                      "self-signed certificate in certificate chain");
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "tls.untrusted");
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].summary == "certificate chain ends in an untrusted root (Acme Internal Root CA)");
}

TEST_CASE("an unknown issuer or incomplete chain is untrusted", "[checks][tls]") {
    for (int error :
         {X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
          X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_UNTRUSTED}) {
        INFO(error);
        Response r = https_response();
        r.cert_chain = {leaf_cert()};
        fail_verification(r, error, "unable to get local issuer certificate");
        const auto fs = check_tls(r, CheckSpec{}, kNow);
        REQUIRE(fs.size() == 1);
        CHECK(fs[0].evidence.rule == "tls.untrusted");
        CHECK(fs[0].summary ==
              "certificate is not trusted: issuer R3 is unknown or the chain is incomplete");
        CHECK(fs[0].evidence.after == "CN=R3,O=Let's Encrypt,C=US");
    }
}

TEST_CASE("other verification failures are untrusted in the verifier's words", "[checks][tls]") {
    Response r = https_response();
    fail_verification(r, X509_V_ERR_CERT_REVOKED, "certificate revoked");
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "tls.untrusted");
    CHECK(fs[0].summary == "certificate is not trusted: certificate revoked");

    SECTION("and an untrusted chain with no error code still gets a finding") {
        Response silent = https_response();
        silent.tls.chain_trusted = false;
        const auto sfs = check_tls(silent, CheckSpec{}, kNow);
        REQUIRE(sfs.size() == 1);
        CHECK(sfs[0].summary == "certificate is not trusted: the chain did not verify");
    }
}

TEST_CASE("a certificate for another host lists the names it covers", "[checks][tls]") {
    Response r = https_response();
    r.url = "https://shop.acme.example/";
    r.final_url = "https://Shop.Acme.Example/cart";
    r.tls.hostname_matches = false;
    r.tls.verify_error = X509_V_ERR_HOSTNAME_MISMATCH;
    r.tls.verify_message = "hostname mismatch";
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "tls.hostname_mismatch");
    CHECK(fs[0].severity == Severity::critical);
    CHECK(fs[0].condition == Condition::security);
    CHECK(fs[0].summary ==
          "certificate does not cover shop.acme.example (it covers acme.example, "
          "www.acme.example)");
    CHECK(fs[0].evidence.after == "shop.acme.example");

    SECTION("the probe's flag alone is enough") {
        r.tls.verify_error = 0;
        CHECK(check_tls(r, CheckSpec{}, kNow).size() == 1);
    }
    SECTION("a long name list is cut short") {
        r.cert_chain[0].dns_names.clear();
        for (int i = 0; i < 12; ++i)
            r.cert_chain[0].dns_names.push_back("h" + std::to_string(i) + ".example");
        CHECK(check_tls(r, CheckSpec{}, kNow)[0].summary ==
              "certificate does not cover shop.acme.example (it covers h0.example, h1.example, "
              "h2.example, h3.example, h4.example, h5.example, h6.example, h7.example, "
              "h8.example, h9.example and 2 more)");
    }
    SECTION("a certificate without subjectAltName is named by its CN") {
        r.cert_chain[0].dns_names.clear();
        CHECK(check_tls(r, CheckSpec{}, kNow)[0].summary ==
              "certificate does not cover shop.acme.example (it covers acme.example)");
    }
}

TEST_CASE("a certificate valid for 9 days with min_days_valid 14 is a security warning",
          "[checks][tls]") {
    Response r = https_response();
    r.cert_chain[0].not_after = kNow + days{9} + 3h;
    CheckSpec spec;
    spec.tls_min_days_valid = 14;
    const auto fs = check_tls(r, spec, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].condition == Condition::security);
    CHECK(fs[0].severity == Severity::warning);
    CHECK(fs[0].evidence.rule == "tls.expiring");
    CHECK(fs[0].summary == "certificate expires in 9 days (not after 2026-12-03)");
    CHECK(fs[0].evidence.before == "14 days");
    CHECK(fs[0].evidence.after == "2026-12-03T15:00:00Z");
}

TEST_CASE("the expiry warning starts when fewer than min_days_valid whole days are left",
          "[checks][tls]") {
    CheckSpec spec;
    spec.tls_min_days_valid = 14;
    const auto warns_at = [&](TimePoint not_after) {
        Response r = https_response();
        r.cert_chain[0].not_after = not_after;
        return find_rule(check_tls(r, spec, kNow), "tls.expiring") != nullptr;
    };
    CHECK_FALSE(warns_at(kNow + days{15}));
    CHECK_FALSE(warns_at(kNow + days{14}));
    CHECK(warns_at(kNow + days{14} - 1s));
    CHECK(warns_at(kNow + days{13}));
    CHECK(warns_at(kNow + 5h));

    Response r = https_response();
    r.cert_chain[0].not_after = kNow + 5h;
    CHECK(check_tls(r, spec, kNow)[0].summary ==
          "certificate expires in 5 hours (not after 2026-11-24)");
    r.cert_chain[0].not_after = kNow + days{1} + 1h;
    CHECK(check_tls(r, spec, kNow)[0].summary ==
          "certificate expires in 1 day (not after 2026-11-25)");

    SECTION("min_days_valid 0 turns the warning off") {
        spec.tls_min_days_valid = 0;
        CHECK_FALSE(warns_at(kNow + 5h));
    }
}

TEST_CASE("the expiry warning follows the earliest expiry in the chain", "[checks][tls]") {
    Response r = https_response();
    r.cert_chain[1].not_after = kNow + days{5};
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].evidence.rule == "tls.expiring");
    CHECK(fs[0].summary == "intermediate certificate R3 expires in 5 days (not after 2026-11-29)");
}

TEST_CASE("an expired certificate is not also reported as expiring", "[checks][tls]") {
    Response r = https_response();
    r.cert_chain[0].not_after = kNow - days{1};
    const auto fs = check_tls(r, CheckSpec{}, kNow);
    CHECK(find_rule(fs, "tls.expired"));
    CHECK_FALSE(find_rule(fs, "tls.expiring"));
}
