// The shipped dashboards/ checked with the real tools: promtool accepts every Prometheus
// config and rule file and the alert unit tests pass; every PromQL expression of every Grafana
// dashboard parses and names only series that a real `sitewatch run` exports (or a shipped
// recording rule records); the dashboards share one data source and the client and site
// variables; the compose stack mounts files that exist, on ports that agree.
#include <httplib.h>
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child_process.h"
#include "tests/support/daemon_under_test.h"
#include "tests/support/loopback_fleet.h"
#include "tests/support/promql_names.h"
#include "tests/support/shipped_dashboards.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path kDashboards = fs::path(SITEWATCH_SOURCE_DIR) / "dashboards";
const fs::path kPrometheusDir = kDashboards / "prometheus";
constexpr const char* kDataSourceUid = "sitewatch-prometheus";

RunResult promtool(std::vector<std::string> args) {
    args.insert(args.begin(), "/usr/bin/promtool");
    return run_program(args, 30s);
}

std::vector<fs::path> rule_files() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(kPrometheusDir / "rules"))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<ShippedQuery> all_dashboard_queries() {
    std::vector<ShippedQuery> out;
    for (const auto& file : dashboard_files(kDashboards)) {
        auto qs = dashboard_queries(load_json_file(file), file.filename().string());
        out.insert(out.end(), qs.begin(), qs.end());
    }
    return out;
}

// Every "datasource" value anywhere in a dashboard, with where it is.
void collect_datasources(const nlohmann::json& node, const std::string& path,
                         std::vector<std::pair<std::string, nlohmann::json>>& out) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "datasource") out.emplace_back(path, value);
            collect_datasources(value, path + "/" + key, out);
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            collect_datasources(node[i], path + "/" + std::to_string(i), out);
    }
}

std::string post_json(int port, const std::string& path, const nlohmann::json& body) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(5, 0);
    auto res = c.Post(path.c_str(), body.dump(), "application/json");
    REQUIRE(res);
    INFO(path << " -> " << res->body);
    REQUIRE(res->status == 200);
    return res->body;
}

// "HOST:CONTAINER[:MODE]" of a compose volume or port, split.
std::vector<std::string> split_colons(const std::string& s) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (auto at = s.find(':'); at != std::string::npos; at = s.find(':', start)) {
        parts.push_back(s.substr(start, at - start));
        start = at + 1;
    }
    parts.push_back(s.substr(start));
    return parts;
}

std::string port_of(const std::string& host_port) {
    return host_port.substr(host_port.rfind(':') + 1);
}

}  // namespace

TEST_CASE("metric names are read from PromQL, leaving out functions, labels, ranges and keywords",
          "[dashboards]") {
    CHECK(
        metric_names_in(
            R"(histogram_quantile(0.9, sum by (instance, le) (rate(x_bucket{job="a b"}[5m]))) > 5)") ==
        std::set<std::string>{"x_bucket"});
    CHECK(metric_names_in("a == 0 unless on (client, site) b == 1 or absent(up{job=\"sw\"})") ==
          std::set<std::string>{"a", "b", "up"});
    CHECK(metric_names_in("sum(rate(c_total[5m] offset 1h)) by (le) / ignoring(x) group_left "
                          "rec:ord:ratio1h * 1e-3") ==
          std::set<std::string>{"c_total", "rec:ord:ratio1h"});
    CHECK(metric_names_in("count(x == 0) or vector(0)") == std::set<std::string>{"x"});
    CHECK(metric_names_in("avg by (client, site) (y) unless on (site) max without (i) (z)") ==
          std::set<std::string>{"y", "z"});
    CHECK(exposed_series_names("# HELP h lag\n# TYPE h histogram\nh_bucket{le=\"1\"} 0\n"
                               "# TYPE g gauge\ng 1\n") ==
          std::set<std::string>{"h", "h_bucket", "h_sum", "h_count", "g"});
    CHECK(with_grafana_variables_resolved(
              "x{client=~\"$client\",site=~\"${site:regex}\"}[$__rate_interval] $__range_s") ==
          "x{client=~\"acme\",site=~\"acme-home\"}[1m] 3600");
}

TEST_CASE("promtool accepts every shipped Prometheus config and rule file", "[dashboards]") {
    for (const auto* config : {"prometheus.yml", "blackbox-style-probe.yml"}) {
        const auto r = promtool({"check", "config", (kPrometheusDir / config).string()});
        INFO(config << "\n" << r.out << r.err);
        CHECK(r.exit_code == 0);
    }
    const auto files = rule_files();
    REQUIRE(files.size() == 2);
    for (const auto& file : files) {
        const auto r = promtool({"check", "rules", file.string()});
        INFO(file << "\n" << r.out << r.err);
        CHECK(r.exit_code == 0);
    }
}

TEST_CASE("the alert rules fire when they should and not otherwise (promtool test rules)",
          "[dashboards]") {
    const auto tests = kPrometheusDir / "tests" / "sitewatch-alerts.test.yml";
    REQUIRE(fs::exists(tests));
    const auto r = promtool({"test", "rules", tests.string()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("SUCCESS") != std::string::npos);
}

TEST_CASE("every PromQL expression in every dashboard parses", "[dashboards]") {
    const auto queries = all_dashboard_queries();
    REQUIRE(queries.size() > 40);
    // promtool parses the expressions of recording rules, so each query becomes one.
    YAML::Emitter rules;
    rules << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq
          << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "dashboard-queries"
          << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (std::size_t i = 0; i < queries.size(); ++i)
        rules << YAML::BeginMap << YAML::Key << "record" << YAML::Value
              << "dashboard_query_" + std::to_string(i) << YAML::Key << "expr" << YAML::Value
              << with_grafana_variables_resolved(queries[i].expr) << YAML::EndMap;
    rules << YAML::EndSeq << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
    TempDir dir;
    const auto file = dir.write("dashboard-queries.yml", rules.c_str());
    const auto r = promtool({"check", "rules", file});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(std::to_string(queries.size()) + " rules found") != std::string::npos);
}

TEST_CASE("the dashboards have stable unique uids, one data source and client and site variables",
          "[dashboards]") {
    const auto files = dashboard_files(kDashboards);
    REQUIRE(files.size() == 3);
    std::set<std::string> uids, titles;
    for (const auto& file : files) {
        INFO(file.filename());
        const auto d = load_json_file(file);
        uids.insert(d.value("uid", ""));
        titles.insert(d.value("title", ""));
        CHECK(d["id"].is_null());
        CHECK(d["schemaVersion"].get<int>() >= 36);

        std::vector<std::pair<std::string, nlohmann::json>> sources;
        collect_datasources(d, "", sources);
        CHECK(sources.size() > 10);
        for (const auto& [where, ds] : sources) {
            INFO(where << ": " << ds.dump());
            REQUIRE(ds.is_object());
            CHECK(ds.value("uid", "") == kDataSourceUid);
            CHECK(ds.value("type", "") == "prometheus");
        }

        std::map<std::string, nlohmann::json> vars;
        for (const auto& v : d["templating"]["list"]) vars[v["name"]] = v;
        for (const auto* name : {"client", "site"}) {
            INFO(name);
            REQUIRE(vars.count(name));
            const auto& v = vars[name];
            CHECK(v["type"] == "query");
            CHECK(v["multi"] == true);
            CHECK(v["includeAll"] == true);
            CHECK(v["definition"].get<std::string>().rfind("label_values(", 0) == 0);
        }

        std::set<int> panel_ids;
        for (const auto& p : d["panels"]) {
            INFO(p.value("title", ""));
            CHECK(panel_ids.insert(p["id"].get<int>()).second);
            const auto& g = p["gridPos"];
            CHECK(g["w"].get<int>() >= 1);
            CHECK(g["x"].get<int>() + g["w"].get<int>() <= 24);
            if (p["type"] != "row") CHECK(!p["targets"].empty());
        }
    }
    CHECK(uids ==
          std::set<std::string>{"sitewatch-fleet", "sitewatch-site", "sitewatch-incidents"});
    CHECK(titles.size() == files.size());

    const auto ds =
        YAML::LoadFile((kDashboards / "provisioning/datasources/sitewatch.yml").string());
    REQUIRE(ds["datasources"].size() == 1);
    CHECK(ds["datasources"][0]["uid"].as<std::string>() == kDataSourceUid);
    CHECK(ds["datasources"][0]["type"].as<std::string>() == "prometheus");
    const auto provider =
        YAML::LoadFile((kDashboards / "provisioning/dashboards/sitewatch.yml").string());
    REQUIRE(provider["providers"].size() == 1);
    CHECK(provider["providers"][0]["type"].as<std::string>() == "file");
}

TEST_CASE(
    "dashboards and rules name only series a real sitewatch run exports or a shipped rule "
    "records",
    "[dashboards]") {
    // Label-keyed families appear only after their events: an incident opened (the failing
    // site), notified (the webhook), acknowledged and resolved through the API.
    LoopbackFleet fleet;
    DaemonUnderTest daemon(fleet.config());
    nlohmann::json incident, incidents;
    for (int i = 0; i < 100 && incident.is_null(); ++i) {
        incidents = daemon.get_json("/api/v1/incidents?state=open")["incidents"];
        for (const auto& inc : incidents)
            if (inc["site"] == LoopbackFleet::kFailing) incident = inc;
        if (incident.is_null()) std::this_thread::sleep_for(100ms);
    }
    INFO("open incidents: " << incidents.dump()
                            << "\nsites: " << daemon.get_json("/api/v1/sites").dump());
    REQUIRE(!incident.is_null());
    const std::string base = "/api/v1/incidents/" + std::to_string(incident["id"].get<int>());
    post_json(daemon.port(), base + "/ack", {{"by", "Priya"}});
    post_json(daemon.port(), base + "/resolve", {{"by", "Priya"}, {"note", "restarted"}});

    const std::set<std::string> required = {"sitewatch_probe_success",
                                            "sitewatch_tls_cert_expiry_timestamp_seconds",
                                            "sitewatch_content_similarity_ratio",
                                            "sitewatch_incidents_open",
                                            "sitewatch_notifications_total",
                                            "sitewatch_incident_time_to_acknowledge_seconds",
                                            "sitewatch_incident_time_to_resolve_seconds",
                                            "sitewatch_maintenance_active"};
    std::set<std::string> exported;
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    auto has_all = [&] {
        return std::all_of(required.begin(), required.end(),
                           [&](const auto& n) { return exported.count(n) > 0; });
    };
    while (std::chrono::steady_clock::now() < deadline) {
        exported = exposed_series_names(daemon.get_text("/metrics"));
        if (has_all()) break;
        std::this_thread::sleep_for(200ms);
    }
    for (const auto& name : required) {
        INFO("sitewatch /metrics lacks " << name);
        CHECK(exported.count(name));
    }

    std::set<std::string> allowed = exported;
    allowed.insert("up");  // Prometheus' own series for every target
    for (const auto& file : rule_files()) {
        const auto recorded = recorded_names(file);
        allowed.insert(recorded.begin(), recorded.end());
    }
    std::vector<ShippedQuery> queries = all_dashboard_queries();
    for (const auto& file : rule_files()) {
        const auto rq = rule_queries(file);
        queries.insert(queries.end(), rq.begin(), rq.end());
    }
    std::size_t names_checked = 0;
    for (const auto& q : queries) {
        const auto names = metric_names_in(with_grafana_variables_resolved(q.expr));
        INFO(q.where << "\n" << q.expr);
        CHECK(!names.empty());
        for (const auto& name : names) {
            INFO(name);
            CHECK(allowed.count(name));
            ++names_checked;
        }
    }
    CHECK(names_checked >= queries.size());
}

TEST_CASE("the compose stack mounts files that exist, with ports the configs agree on",
          "[dashboards]") {
    const auto compose = YAML::LoadFile((kDashboards / "docker-compose.yml").string());
    const auto services = compose["services"];
    for (const auto* name : {"sitewatch", "prometheus", "grafana"}) {
        INFO(name);
        REQUIRE(services[name]);
    }
    CHECK(fs::exists(kDashboards / services["sitewatch"]["build"]["context"].as<std::string>() /
                     services["sitewatch"]["build"]["dockerfile"].as<std::string>()));

    // host path -> container path, for every bind mount; named volumes must be declared.
    std::map<std::string, std::map<std::string, std::string>> mounts;
    for (const auto& service : services) {
        const auto name = service.first.as<std::string>();
        for (const auto& v : service.second["volumes"]) {
            const auto parts = split_colons(v.as<std::string>());
            INFO(name << ": " << v.as<std::string>());
            REQUIRE(parts.size() >= 2);
            if (parts[0].rfind(".", 0) == 0) {
                CHECK(fs::exists(kDashboards / parts[0]));
                mounts[name][parts[1]] = parts[0];
            } else {
                CHECK(compose["volumes"][parts[0]]);
            }
        }
    }
    auto host_path = [&](const std::string& service, const std::string& container_file) {
        for (const auto& [container, host] : mounts[service]) {
            if (container_file == container) return kDashboards / host;
            if (container_file.rfind(container + "/", 0) == 0)
                return kDashboards / host / container_file.substr(container.size() + 1);
        }
        return fs::path();
    };
    auto container_port = [&](const std::string& service) {
        return split_colons(services[service]["ports"][0].as<std::string>()).back();
    };

    // sitewatch: the mounted config is the one its command names, valid, on the exposed port.
    const auto sw_command = services["sitewatch"]["command"].as<std::vector<std::string>>();
    const auto sw_config = host_path("sitewatch", sw_command.back());
    REQUIRE(fs::exists(sw_config));
    const auto validate =
        run_program({SITEWATCH_BINARY, "validate", "--config", sw_config.string()}, 20s);
    INFO(validate.out << validate.err);
    CHECK(validate.exit_code == 0);
    const auto sw_listen = YAML::LoadFile(sw_config.string())["server"]["listen"].as<std::string>();
    CHECK(port_of(sw_listen) == container_port("sitewatch"));

    // Prometheus: its config file is the shipped one, scraping sitewatch on that port.
    std::string prom_config;
    for (const auto& arg : services["prometheus"]["command"])
        if (arg.as<std::string>().rfind("--config.file=", 0) == 0)
            prom_config = arg.as<std::string>().substr(14);
    CHECK(fs::equivalent(host_path("prometheus", prom_config), kPrometheusDir / "prometheus.yml"));
    const auto prom = YAML::LoadFile((kPrometheusDir / "prometheus.yml").string());
    const auto target =
        prom["scrape_configs"][0]["static_configs"][0]["targets"][0].as<std::string>();
    CHECK(target == "sitewatch:" + container_port("sitewatch"));
    const auto probe = YAML::LoadFile((kPrometheusDir / "blackbox-style-probe.yml").string());
    const auto relabel = probe["scrape_configs"][0]["relabel_configs"];
    CHECK(probe["scrape_configs"][0]["metrics_path"].as<std::string>() == "/probe");
    CHECK(relabel[0]["target_label"].as<std::string>() == "__param_target");
    CHECK(relabel[1]["target_label"].as<std::string>() == "instance");
    CHECK(relabel[2]["replacement"].as<std::string>() ==
          "sitewatch:" + container_port("sitewatch"));

    // Grafana: provisioning where Grafana reads it, the data source on Prometheus' port, the
    // dashboard provider's path being where the dashboards are mounted.
    CHECK(fs::equivalent(host_path("grafana", "/etc/grafana/provisioning"),
                         kDashboards / "provisioning"));
    const auto ds =
        YAML::LoadFile((kDashboards / "provisioning/datasources/sitewatch.yml").string());
    CHECK(ds["datasources"][0]["url"].as<std::string>() ==
          "http://prometheus:" + container_port("prometheus"));
    const auto provider =
        YAML::LoadFile((kDashboards / "provisioning/dashboards/sitewatch.yml").string());
    const auto dash_dir =
        host_path("grafana", provider["providers"][0]["options"]["path"].as<std::string>());
    CHECK(fs::equivalent(dash_dir, kDashboards / "grafana"));
    const auto home =
        services["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"];
    if (home) CHECK(fs::exists(host_path("grafana", home.as<std::string>())));
}
