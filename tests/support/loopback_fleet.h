#pragma once
// A small fleet on loopback for the dashboard and Prometheus tests: client "acme" with a
// healthy http site, a healthy https site (certificate valid for a year, from the test CA)
// and a site whose port refuses connections, all checked every second, plus a webhook
// receiver so incidents produce notifications. config() is a `sitewatch run` config for it.
#include <string>

#include "tests/support/closed_port.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_http_server.h"

namespace sitewatch::testing {

class LoopbackFleet {
public:
    static constexpr const char* kClient = "acme";
    static constexpr const char* kHealthy = "acme-home";
    static constexpr const char* kSecure = "acme-shop";
    static constexpr const char* kFailing = "acme-blog";

    LoopbackFleet();
    const std::string& config() const { return config_; }
    std::size_t webhook_calls() const { return hooks_.requests(); }

private:
    TestCertificates certs_;
    TestHttpServer web_;
    TestHttpServer secure_;
    TestHttpServer hooks_;
    ClosedPort closed_;
    TempDir dir_;
    std::string config_;
};

}  // namespace sitewatch::testing
