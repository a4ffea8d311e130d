// `sitewatch baseline --config FILE SITE`, the real binary against a real HttpServer on
// 127.0.0.1 with a fake fleet in this process: what a person at a terminal sees.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "monitor/http/http_server.h"
#include "monitor/metrics/metrics.h"
#include "monitor/store/store.h"
#include "tests/support/baseline_fleet.h"
#include "tests/support/child_process.h"
#include "tests/support/closed_port.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using namespace sitewatch::testing;
using Catch::Matchers::Contains;
using Outcome = BaselineAcceptance::Outcome;

namespace {

const std::string kBinary = SITEWATCH_BINARY;
const TimePoint kAcceptedAt{std::chrono::seconds(1795529100)};  // 2026-11-24T14:05:00Z

// A config for the daemon at 127.0.0.1:`port`, with a token file holding `token` if given.
std::string write_config(const TempDir& dir, int port, const std::string& token = "") {
    std::string server = "server:\n  listen: 127.0.0.1:" + std::to_string(port) + "\n";
    if (!token.empty()) {
        dir.write("api-token", token + "\n");
        server += "  api_token_file: api-token\n";
    }
    return dir.write("sitewatch.yml", server +
                                          "clients:\n  - name: acme\n    sites:\n"
                                          "      - name: acme-home\n"
                                          "        url: https://acme-home.example/\n");
}

// The daemon's HTTP side: the real server, with the fleet answering baseline requests.
struct Daemon {
    explicit Daemon(std::string api_token = "") {
        HttpServer::Options options{"127.0.0.1:0"};
        options.api_token = std::move(api_token);
        server = std::make_unique<HttpServer>(std::move(options), fleet, metrics, *store);
        server->start();
    }
    TempDir dir;
    std::unique_ptr<Store> store = open_sqlite_store((dir.path() / "sitewatch.db").string());
    Metrics metrics{"9.9.9"};
    BaselineFleet fleet{{"acme-home", "acme-blog"}};
    std::unique_ptr<HttpServer> server;
};

RunResult baseline(const std::string& config, const std::string& site) {
    return run_program({kBinary, "baseline", "--config", config, site}, std::chrono::seconds(30));
}

}  // namespace

TEST_CASE("baseline has the running daemon accept the site's content and says when",
          "[cli][baseline]") {
    Daemon daemon("s3cret-token");
    daemon.fleet.answer({Outcome::accepted, "", kAcceptedAt});
    TempDir dir;
    const auto r = baseline(write_config(dir, daemon.server->port(), "s3cret-token"), "acme-home");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "baseline of acme-home accepted at 2026-11-24T14:05:00Z\n");
    CHECK(daemon.fleet.asked() == std::vector<std::string>{"acme-home"});
}

TEST_CASE("baseline without a configured token reaches a daemon that needs none",
          "[cli][baseline]") {
    Daemon daemon;
    daemon.fleet.answer({Outcome::accepted, "learned from the check of 14:04:58", kAcceptedAt});
    TempDir dir;
    const auto r = baseline(write_config(dir, daemon.server->port()), "acme-blog");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "baseline of acme-blog accepted at 2026-11-24T14:05:00Z\n"
          "learned from the check of 14:04:58\n");
}

TEST_CASE("baseline prints the daemon's refusal and exits 1", "[cli][baseline]") {
    Daemon daemon;
    TempDir dir;
    const auto config = write_config(dir, daemon.server->port());

    daemon.fleet.answer({Outcome::no_page_yet, "acme-home has not been checked yet", {}});
    auto r = baseline(config, "acme-home");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains("HTTP 409") && Contains("acme-home has not been checked yet"));

    r = baseline(config, "no-such-site");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("HTTP 404") && Contains("no such site: no-such-site"));

    daemon.fleet.answer({Outcome::unsupported, "this sitewatch does not keep baselines", {}});
    r = baseline(config, "acme-home");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("HTTP 501"));
}

TEST_CASE("baseline with the wrong API token is refused by the daemon", "[cli][baseline]") {
    Daemon daemon("s3cret-token");
    daemon.fleet.answer({Outcome::accepted, "", kAcceptedAt});
    TempDir dir;
    const auto r = baseline(write_config(dir, daemon.server->port(), "old-token"), "acme-home");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("HTTP 401") && Contains("Authorization: Bearer"));
    CHECK(daemon.fleet.asked().empty());
}

TEST_CASE("baseline says plainly when no daemon is listening and exits 1", "[cli][baseline]") {
    ClosedPort closed;
    TempDir dir;
    const auto config = write_config(dir, closed.port());
    const auto r = baseline(config, "acme-home");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("no sitewatch daemon answered at http://127.0.0.1:" +
                               std::to_string(closed.port()) + "/") &&
                          Contains("sitewatch run --config"));
}

TEST_CASE("baseline without a site, or with a bad config, is a usage error", "[cli][baseline]") {
    TempDir dir;
    const auto config = write_config(dir, 9);

    auto r = run_program({kBinary, "baseline", "--config", config});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("SITE is required"));

    r = run_program({kBinary, "baseline", "acme-home"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--config FILE is required"));

    r = run_program({kBinary, "baseline", "--config", config, "acme-home", "acme-blog"});
    CHECK(r.exit_code == 2);

    const auto broken = dir.write("broken.yml", "server:\n  listn: 127.0.0.1:9090\n");
    r = run_program({kBinary, "baseline", "--config", broken, "acme-home"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("broken.yml:2:"));
}

TEST_CASE("help lists the baseline command", "[cli][baseline]") {
    const auto r = run_program({kBinary, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("sitewatch baseline --config FILE SITE"));
}
