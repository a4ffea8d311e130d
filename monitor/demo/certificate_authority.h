#pragma once
// A private certificate authority made at run time with OpenSSL (EC P-256, fast), and the
// leaf certificates it signs: valid, expired, not yet valid, wrong host, expiring soon, and
// self-signed. The demo serves them to show the TLS checks; the tests do the same.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace sitewatch::demo {

struct CertificateFiles {
    std::string cert_file;  // PEM certificate (leaf only; the CA is in ca_file())
    std::string key_file;   // PEM private key
};

struct LeafSpec {
    std::vector<std::string> dns_names;
    std::vector<std::string> ip_addresses;
    std::chrono::seconds valid_from{-24 * 3600};  // relative to now
    std::chrono::seconds valid_until{365 * 24 * 3600};
    bool self_signed = false;
};

class CertificateAuthority {
public:
    // Creates the CA; every PEM file is written under `dir`. Throws std::runtime_error.
    explicit CertificateAuthority(std::filesystem::path dir);
    ~CertificateAuthority();
    CertificateAuthority(const CertificateAuthority&) = delete;
    CertificateAuthority& operator=(const CertificateAuthority&) = delete;

    const std::string& ca_file() const { return ca_file_; }

    CertificateFiles valid();          // 127.0.0.1 and localhost, valid for a year
    CertificateFiles expired();        // ended yesterday
    CertificateFiles not_yet_valid();  // starts tomorrow
    CertificateFiles wrong_host();     // only "wrong.example"
    CertificateFiles expiring_in(int days);
    CertificateFiles self_signed();  // 127.0.0.1 and localhost, its own issuer

    CertificateFiles issue(const LeafSpec& spec);

private:
    struct Keys;
    std::filesystem::path dir_;
    std::unique_ptr<Keys> keys_;
    std::string ca_file_;
    int issued_ = 0;
};

}  // namespace sitewatch::demo
