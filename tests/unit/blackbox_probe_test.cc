#include "monitor/http/blackbox_probe.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/support/temp_dir.h"

using namespace sitewatch;

namespace {

bool has_line(const std::string& text, const std::string& line) {
    return text.find(line + "\n") != std::string::npos;
}

SiteStatus checked_https_site() {
    SiteStatus s;
    s.client = "acme";
    s.name = "acme-home";
    s.url = "https://acme.example/";
    s.has_response = true;
    Response& r = s.last_response;
    r.url = "https://acme.example/";
    r.final_url = "https://www.acme.example/";
    r.http_status = 200;
    r.http_version = 11;
    r.total_seconds = 0.25;
    r.phases = {0.01, 0.02, 0.03, 0.125, 0.0625};
    r.headers = {{"content-type", "text/html"}, {"content-length", "5120"}};
    r.redirects = {{"https://acme.example/", 301, "https://www.acme.example/"}};
    r.tls.performed = true;
    r.tls.tls_version = "TLSv1.3";
    CertificateInfo leaf;
    leaf.not_after = TimePoint{std::chrono::seconds(1'798'761'600)};
    r.cert_chain = {leaf};
    return s;
}

}  // namespace

TEST_CASE("a probe renders blackbox_exporter's metric names, help texts and phases", "[blackbox]") {
    const std::string text = http::render_blackbox_probe(checked_https_site());

    CHECK(has_line(text, "# HELP probe_success Displays whether or not the probe was a success"));
    CHECK(has_line(text, "# TYPE probe_success gauge"));
    CHECK(has_line(text, "probe_success 1"));
    CHECK(has_line(text, "probe_duration_seconds 0.25"));
    CHECK(has_line(text, "probe_dns_lookup_time_seconds 0.01"));
    CHECK(has_line(text,
                   "# HELP probe_http_duration_seconds Duration of http request by phase, "
                   "summed over all redirects"));
    CHECK(has_line(text, "probe_http_duration_seconds{phase=\"resolve\"} 0.01"));
    CHECK(has_line(text, "probe_http_duration_seconds{phase=\"connect\"} 0.02"));
    CHECK(has_line(text, "probe_http_duration_seconds{phase=\"tls\"} 0.03"));
    CHECK(has_line(text, "probe_http_duration_seconds{phase=\"processing\"} 0.125"));
    CHECK(has_line(text, "probe_http_duration_seconds{phase=\"transfer\"} 0.0625"));
    CHECK(has_line(text, "probe_http_status_code 200"));
    CHECK(has_line(text, "probe_http_content_length 5120"));
    CHECK(has_line(text, "probe_http_redirects 1"));
    CHECK(has_line(text, "probe_http_ssl 1"));
    CHECK(has_line(text, "probe_http_version 1.1"));
    CHECK(has_line(text, "probe_ssl_earliest_cert_expiry 1798761600"));
    CHECK(has_line(text, "probe_tls_version_info{version=\"TLS 1.3\"} 1"));
    // The daemon drops bodies, so there is no honest uncompressed length to report.
    CHECK(text.find("probe_http_uncompressed_body_length") == std::string::npos);
}

TEST_CASE("a refused connection probes as a failure with blackbox's zero values", "[blackbox]") {
    SiteStatus s;
    s.name = "down-site";
    s.url = "http://127.0.0.1:9/";
    s.has_response = true;
    s.last_response.url = s.url;
    s.last_response.transport_error = TransportError::connect_refused;
    s.last_response.total_seconds = 0.001;
    s.findings = {{Condition::down, Severity::critical, "transport", "connection refused", {}}};
    const std::string text = http::render_blackbox_probe(s);

    CHECK(has_line(text, "probe_success 0"));
    CHECK(has_line(text, "probe_http_status_code 0"));
    CHECK(has_line(text, "probe_http_content_length 0"));
    CHECK(has_line(text, "probe_http_ssl 0"));
    CHECK(has_line(text, "probe_http_version 0"));
    CHECK(text.find("probe_ssl_earliest_cert_expiry") == std::string::npos);
    CHECK(text.find("probe_tls_version_info") == std::string::npos);
}

TEST_CASE("a response without Content-Length reports -1 like Go's net/http", "[blackbox]") {
    SiteStatus s = checked_https_site();
    s.last_response.headers = {{"content-type", "text/html"}};
    s.last_response.http_version = 20;
    s.last_response.body = "<html>kept</html>";
    s.findings = {{Condition::security, Severity::warning, "tls", "expires in 9 days", {}}};
    const std::string text = http::render_blackbox_probe(s);

    CHECK(has_line(text, "probe_http_content_length -1"));
    CHECK(has_line(text, "probe_http_version 2"));
    CHECK(has_line(text, "probe_http_uncompressed_body_length 17"));
    CHECK(has_line(text, "probe_success 1"));  // a warning is not a failed probe
}

TEST_CASE("probe output passes promtool check metrics", "[blackbox][promtool]") {
    const std::string text = http::render_blackbox_probe(checked_https_site());
    const char* promtool = "/usr/bin/promtool";
    if (!std::filesystem::exists(promtool)) {
        WARN("promtool not installed; only the format checks above ran");
        CHECK(text.find("# TYPE probe_http_duration_seconds gauge") != std::string::npos);
        return;
    }
    testing::TempDir dir;
    const std::string path = dir.write("probe.prom", text);
    const std::string cmd = std::string(promtool) + " check metrics < '" + path + "' 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string output;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) output += buf;
    INFO("promtool said: " << output);
    CHECK(pclose(p) == 0);
}
