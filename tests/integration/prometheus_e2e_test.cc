// End to end with the real tools: a real Prometheus on loopback scrapes a real `sitewatch run`
// (a healthy http site, a healthy https site, a site that refuses connections) with the
// shipped scrape config, rule files and blackbox-style /probe job, and answers the dashboards'
// own key queries with real values.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/daemon_under_test.h"
#include "tests/support/loopback_fleet.h"
#include "tests/support/prometheus_under_test.h"
#include "tests/support/promql_names.h"
#include "tests/support/shipped_dashboards.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path kDashboards = fs::path(SITEWATCH_SOURCE_DIR) / "dashboards";
const fs::path kPrometheusDir = kDashboards / "prometheus";

// The shipped rule file with every group evaluated at the global (test) interval: the long
// uptime windows are evaluated every 5 minutes in production, too slow to wait for here.
std::string every_second(const fs::path& rules, const TempDir& dir) {
    YAML::Node doc = YAML::LoadFile(rules.string());
    for (auto group : doc["groups"]) group.remove("interval");
    YAML::Emitter out;
    out << doc;
    return dir.write(rules.filename().string(), out.c_str());
}

// prometheus.yml and the /probe job of blackbox-style-probe.yml as shipped, pointed at the
// sitewatch under test, scraping and evaluating every second.
std::string derived_config(int sitewatch_port, const TempDir& dir) {
    const std::string address = "127.0.0.1:" + std::to_string(sitewatch_port);
    YAML::Node config = YAML::LoadFile((kPrometheusDir / "prometheus.yml").string());
    config["global"]["scrape_interval"] = "1s";
    config["global"]["evaluation_interval"] = "1s";
    YAML::Node rules(YAML::NodeType::Sequence);
    for (const auto& file : config["rule_files"])
        rules.push_back(every_second(kPrometheusDir / file.as<std::string>(), dir));
    config["rule_files"] = rules;
    YAML::Node metrics_job = config["scrape_configs"][0];
    metrics_job["scrape_interval"] = "1s";
    metrics_job["static_configs"][0]["targets"][0] = address;

    YAML::Node probe_job =
        YAML::LoadFile((kPrometheusDir / "blackbox-style-probe.yml").string())["scrape_configs"][0];
    probe_job["scrape_interval"] = "1s";
    YAML::Node targets(YAML::NodeType::Sequence);
    targets.push_back(LoopbackFleet::kHealthy);
    targets.push_back(LoopbackFleet::kFailing);
    probe_job["static_configs"][0]["targets"] = targets;
    auto relabel = probe_job["relabel_configs"];
    relabel[relabel.size() - 1]["replacement"] = address;
    config["scrape_configs"].push_back(probe_job);

    YAML::Emitter out;
    out << config;
    return dir.write("prometheus.yml", out.c_str());
}

// A dashboard panel's query as Grafana sends it with client and site set to All.
std::string dashboard_query(const std::string& file, const std::string& panel,
                            const std::string& ref_id) {
    return with_grafana_variables_resolved(
        dashboard_target(load_json_file(kDashboards / "grafana" / file), panel, ref_id), ".*",
        ".*");
}

bool has_sites(const nlohmann::json& result, std::initializer_list<const char*> sites) {
    for (const auto* site : sites)
        if (std::isnan(sample_value(result, "site", site))) return false;
    return true;
}

}  // namespace

TEST_CASE("a real Prometheus scraping a real sitewatch answers the dashboards' key queries",
          "[dashboards][prometheus]") {
    LoopbackFleet fleet;
    DaemonUnderTest sitewatch(fleet.config());
    TempDir dir;
    PrometheusUnderTest prometheus(derived_config(sitewatch.port(), dir));
    INFO("prometheus log:\n" << prometheus.log());

    const auto* healthy = LoopbackFleet::kHealthy;
    const auto* secure = LoopbackFleet::kSecure;
    const auto* failing = LoopbackFleet::kFailing;
    const char* table = "Every client and site";

    // Up/down per site, as the fleet table asks for it.
    const auto status = prometheus.wait_for(
        dashboard_query("fleet-overview.json", table, "A"),
        [&](const auto& r) {
            return has_sites(r, {healthy, secure, failing});
        },
        20s);
    CHECK(sample_value(status, "site", healthy) == 1);
    CHECK(sample_value(status, "site", secure) == 1);
    CHECK(sample_value(status, "site", failing) == 0);
    CHECK(sample_value(prometheus.query("up{job=\"sitewatch\"}"), "job", "sitewatch") == 1);

    // Certificate days left: the test certificate is valid for a year.
    const auto days = prometheus.query(dashboard_query("fleet-overview.json", table, "D"));
    CHECK(sample_value(days, "site", secure) > 363);
    CHECK(sample_value(days, "site", secure) < 366);

    const auto response = prometheus.query(dashboard_query("fleet-overview.json", table, "C"));
    CHECK(sample_value(response, "site", healthy) > 0);
    CHECK(sample_value(response, "site", healthy) < 2);

    // Uptime from the shipped recording rules: the 24-hour ratio of the fleet table.
    const auto uptime = prometheus.wait_for(
        dashboard_query("fleet-overview.json", table, "E"),
        [&](const auto& r) {
            return has_sites(r, {healthy, failing});
        },
        10s);
    CHECK(sample_value(uptime, "site", healthy) == 1);
    CHECK(sample_value(uptime, "site", failing) == 0);

    // Open incidents per client: the refused connections opened one.
    const auto open = prometheus.wait_for(
        dashboard_query("fleet-overview.json", "Open incidents by client", "A"),
        [&](const auto& r) { return sample_value(r, "client", "acme") >= 1; }, 10s);
    CHECK(sample_value(open, "client", "acme") >= 1);
    const auto open_now = prometheus.query(dashboard_query("incidents-sla.json", "Open now", "A"));
    REQUIRE(open_now.size() == 1);
    CHECK(std::stod(open_now[0]["value"][1].get<std::string>()) >= 1);

    // The shipped SiteDown alert holds the failing site (pending: it waits 5 minutes to page).
    const auto alerts = prometheus.wait_for(
        "ALERTS{alertname=\"SiteDown\"}", [](const auto& r) { return !r.empty(); }, 10s);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0]["metric"]["site"] == failing);
    CHECK(alerts[0]["metric"]["alertstate"] == "pending");

    // The same sites through the blackbox-style /probe job: instance is the site name.
    const auto probes = prometheus.wait_for(
        "probe_success{job=\"sitewatch-probe\"}", [&](const auto& r) { return r.size() == 2; },
        10s);
    CHECK(sample_value(probes, "instance", healthy) == 1);
    CHECK(sample_value(probes, "instance", failing) == 0);
}
