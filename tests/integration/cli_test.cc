// The sitewatch binary end to end: `check`, `validate` and `run` against real loopback
// servers, as a user or a cron job would run them.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <signal.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/child_process.h"
#include "tests/support/closed_port.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;

namespace {

const std::string kBinary = SITEWATCH_BINARY;

struct FourSites {
    TestCertificates certs;
    TestHttpServer healthy;
    TestHttpServer failing;
    TestHttpServer expired;
    ClosedPort refused;

    FourSites() : expired(certs.expired()) {
        healthy.route("/", Route::html("<html><head><title>Acme</title></head><body>ok</body></html>"));
        failing.route("/", Route::html("Internal Server Error").with_status(500));
        expired.route("/", Route::html("<html><body>secure</body></html>"));
    }

    std::string config(const std::string& extra_site = "") const {
        return "server:\n  listen: 127.0.0.1:0\n"
               "defaults:\n  interval: 1s\n  timeout: 3s\n  confirm:\n    retry_after: 250ms\n"
               "  tls:\n    ca_file: " + certs.ca_file() + "\n"
               "clients:\n  - name: acme\n    sites:\n"
               "      - name: healthy\n        url: " + healthy.url() + "\n"
               "      - name: refused\n        url: http://127.0.0.1:" + std::to_string(refused.port()) + "/\n"
               "      - name: failing\n        url: " + failing.url() + "\n"
               "      - name: expired\n        url: " + expired.url() + "\n" + extra_site;
    }
};

std::string line_of(const std::string& text, const std::string& site) {
    auto pos = text.find(" " + site + " ");
    if (pos == std::string::npos) return {};
    auto start = text.rfind('\n', pos);
    auto end = text.find('\n', pos);
    return text.substr(start == std::string::npos ? 0 : start + 1,
                       end == std::string::npos ? std::string::npos : end - start - 1);
}

}  // namespace

TEST_CASE("check prints each site's condition and exits 1 when any site is critical", "[cli]") {
    FourSites sites;
    TempDir dir;
    auto cfg = dir.write("sitewatch.yml", sites.config());
    auto r = run_program({kBinary, "check", "--config", cfg});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 1);
    CHECK(line_of(r.out, "healthy").find("OK") != std::string::npos);
    CHECK(line_of(r.out, "refused").find("down") != std::string::npos);
    CHECK(line_of(r.out, "failing").find("error") != std::string::npos);
    CHECK(line_of(r.out, "failing").find("500") != std::string::npos);
    CHECK(line_of(r.out, "expired").find("security") != std::string::npos);
    CHECK(line_of(r.out, "expired").find("expired") != std::string::npos);
}

TEST_CASE("check --json gives every finding with its evidence", "[cli]") {
    FourSites sites;
    TempDir dir;
    auto cfg = dir.write("sitewatch.yml", sites.config());
    auto r = run_program({kBinary, "check", "--config", cfg, "--json"});
    REQUIRE(r.exit_code == 1);
    auto j = nlohmann::json::parse(r.out);
    std::map<std::string, nlohmann::json> by_site;
    for (const auto& s : j["results"]) by_site[s["site"]] = s;
    CHECK(by_site["healthy"]["condition"].is_null());
    CHECK(by_site["refused"]["condition"] == "down");
    CHECK(by_site["failing"]["condition"] == "error");
    CHECK(by_site["failing"]["http_status"] == 500);
    CHECK(by_site["expired"]["condition"] == "security");
    CHECK(by_site["expired"]["findings"][0]["evidence"]["rule"] == "tls.expired");
    CHECK(by_site["refused"]["rechecked"] == true);
}

TEST_CASE("check of a healthy site alone exits 0", "[cli]") {
    FourSites sites;
    TempDir dir;
    auto cfg = dir.write("sitewatch.yml", sites.config());
    auto r = run_program({kBinary, "check", "--config", cfg, "--site", "healthy"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("a config with an unknown key exits 2 naming file, line and column", "[cli]") {
    TempDir dir;
    auto cfg = dir.write("bad.yml",
                         "clients:\n  - name: acme\n    sites:\n      - name: home\n"
                         "        url: http://127.0.0.1:1/\n        intervall: 30s\n");
    for (const char* command : {"check", "validate", "run"}) {
        auto r = run_program({kBinary, command, "--config", cfg});
        INFO(command << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(cfg + ":6:9:") != std::string::npos);
        CHECK(r.err.find("intervall") != std::string::npos);
    }
}

TEST_CASE("bad usage exits 2 and --version and --help exit 0", "[cli]") {
    CHECK(run_program({kBinary}).exit_code == 2);
    CHECK(run_program({kBinary, "frobnicate"}).exit_code == 2);
    CHECK(run_program({kBinary, "check"}).exit_code == 2);
    CHECK(run_program({kBinary, "check", "--config"}).exit_code == 2);
    auto v = run_program({kBinary, "--version"});
    CHECK(v.exit_code == 0);
    CHECK(v.out.rfind("sitewatch ", 0) == 0);
    CHECK(run_program({kBinary, "--help"}).exit_code == 0);
}

TEST_CASE("validate accepts a good file and says what it holds", "[cli]") {
    FourSites sites;
    TempDir dir;
    auto r = run_program({kBinary, "validate", "--config", dir.write("ok.yml", sites.config())});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("4 sites") != std::string::npos);
}
