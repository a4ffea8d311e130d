#pragma once
// A real SMTP server on loopback for tests: Debian's aiosmtpd (python3-aiosmtpd, run with
// /usr/bin/python3) with its Mailbox handler, in plain, STARTTLS or implicit TLS, storing what
// it receives in a maildir that the test reads back.
#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificates.h"

namespace sitewatch::testing {

class SmtpSink {
public:
    enum class Tls { none, starttls, implicit };

    // Returns once the server accepts connections; throws std::runtime_error if it does not
    // within 15 s (aiosmtpd missing, say).
    explicit SmtpSink(Tls tls = Tls::none, const CertificateFiles* cert = nullptr);

    int port() const { return port_; }
    // The stored messages, raw, in no particular order.
    std::vector<std::string> messages() const;

private:
    TempDir maildir_;
    int port_;
    std::unique_ptr<ChildProcess> process_;
};

// A header's value as stored (the first line only), or empty.
std::string mail_header(const std::string& stored, const std::string& name);
// The Subject header with its folds unfolded and RFC 2047 "B" words decoded.
std::string mail_subject(const std::string& stored);

}  // namespace sitewatch::testing
