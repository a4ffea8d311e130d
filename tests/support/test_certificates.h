#pragma once
// Certificates generated at test time with OpenSSL (EC P-256, fast): a test CA and leaves
// it signs for the TLS cases the probe must tell apart, plus a self-signed leaf. PEM files
// live in a private TempDir for the lifetime of the object.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace sitewatch::testing {

struct CertificateFiles {
    std::string cert_file;  // PEM certificate (leaf only; the CA is in TestCertificates::ca_file)
    std::string key_file;   // PEM private key
};

struct LeafSpec {
    std::vector<std::string> dns_names;
    std::vector<std::string> ip_addresses;
    std::chrono::seconds valid_from{-24 * 3600};  // relative to now
    std::chrono::seconds valid_until{365 * 24 * 3600};
    bool self_signed = false;
};

class TestCertificates {
  public:
    TestCertificates();  // creates the CA
    ~TestCertificates();
    TestCertificates(const TestCertificates&) = delete;
    TestCertificates& operator=(const TestCertificates&) = delete;

    const std::string& ca_file() const { return ca_file_; }
    const std::filesystem::path& dir() const { return dir_.path(); }

    CertificateFiles valid();          // 127.0.0.1 and localhost, valid for a year
    CertificateFiles expired();        // ended yesterday
    CertificateFiles not_yet_valid();  // starts tomorrow
    CertificateFiles wrong_host();     // only "wrong.example"
    CertificateFiles expiring_in(int days);
    CertificateFiles self_signed();  // 127.0.0.1 and localhost, its own issuer

    CertificateFiles issue(const LeafSpec& spec);

  private:
    struct Keys;
    TempDir dir_;
    std::unique_ptr<Keys> keys_;
    std::string ca_file_;
    int issued_ = 0;
};

}  // namespace sitewatch::testing
