// `sitewatch demo` as a user runs it: the real binary, its bundled sites and story, judged only
// through what it prints and serves (the banner's URL, the incidents API and /metrics).
// Tagged [demo] and hidden: it runs for most of a minute, so CTest gives it its own timeout
// (tests/CMakeLists.txt).
#include <httplib.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;

namespace {

// The sites the demo keeps healthy, by client.
const std::map<std::string, std::string> kHealthy{{"acme-home", "acme"},
                                                  {"acme-shop", "acme"},
                                                  {"globex-home", "globex"},
                                                  {"umbrella-portal", "umbrella"}};

std::string base_url_from_banner(ChildProcess& demo) {
    static const std::regex web_ui("web UI: +(http://127\\.0\\.0\\.1:[0-9]+)/");
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    std::smatch m;
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string out = demo.stdout_text();
        if (std::regex_search(out, m, web_ui)) return m[1];
        if (demo.wait_for(0ms)) break;
        std::this_thread::sleep_for(100ms);
    }
    FAIL("no web UI address in the banner:\n" << demo.stdout_text() << demo.stderr_text());
    return {};
}

// A metric's value for a series whose labels include every `labels` pair, summed over the
// series that match (0 when none does).
double metric(const std::string& text, const std::string& name,
              const std::map<std::string, std::string>& labels) {
    double sum = 0;
    std::size_t pos = 0;
    while ((pos = text.find("\n" + name + "{", pos)) != std::string::npos) {
        const auto end = text.find('\n', pos + 1);
        const std::string line = text.substr(pos + 1, end - pos - 1);
        pos = end;
        bool all = true;
        for (const auto& [k, v] : labels)
            all = all && line.find(k + "=\"" + v + "\"") != std::string::npos;
        if (all) sum += std::stod(line.substr(line.rfind(' ') + 1));
    }
    return sum;
}

struct Observation {
    std::set<std::string> open_conditions;    // from the incidents API
    std::set<std::string> metric_conditions;  // sitewatch_incidents_open > 0
    std::set<std::string> healthy_up;         // healthy sites with probe_success 1 and no incident
};

Observation observe(httplib::Client& api) {
    Observation o;
    auto incidents = api.Get("/api/v1/incidents?state=open");
    auto metrics = api.Get("/metrics");
    if (!incidents || incidents->status != 200 || !metrics || metrics->status != 200) return o;
    std::set<std::string> sites_with_incidents;

    const auto listed = nlohmann::json::parse(incidents->body);
    for (const auto& i : listed["incidents"]) {
        o.open_conditions.insert(i["condition"].get<std::string>());
        sites_with_incidents.insert(i["site"].get<std::string>());
    }
    for (const char* c : {"down", "error", "malformed", "defaced", "security"})
        if (metric(metrics->body, "sitewatch_incidents_open", {{"condition", c}}) > 0)
            o.metric_conditions.insert(c);
    for (const auto& [site, client] : kHealthy)
        if (metric(metrics->body, "sitewatch_probe_success",
                   {{"client", client}, {"site", site}}) == 1 &&
            !sites_with_incidents.count(site))
            o.healthy_up.insert(site);
    return o;
}

}  // namespace

TEST_CASE(
    "sitewatch demo shows healthy sites and incidents of four conditions within two "
    "minutes, and stops on Ctrl-C",
    "[demo][.]") {
    TempDir dir;
    const auto started = std::chrono::steady_clock::now();
    ChildProcess demo({SITEWATCH_BINARY, "demo", "--listen", "127.0.0.1:0", "--dir",
                       (dir.path() / "demo").string()});
    const std::string base = base_url_from_banner(demo);
    // The banner tells the story it is about to play.
    CHECK(demo.stdout_text().find("globex-api stops listening") != std::string::npos);

    const std::regex host_port("http://([0-9.]+):([0-9]+)");
    std::smatch m;
    REQUIRE(std::regex_search(base, m, host_port));
    httplib::Client api(m[1].str(), std::stoi(m[2].str()));
    api.set_read_timeout(5, 0);

    Observation o;
    double took = 0;
    while (std::chrono::steady_clock::now() - started < 120s) {
        o = observe(api);
        if (o.open_conditions.size() >= 4 && o.metric_conditions.size() >= 4 &&
            o.healthy_up.size() == kHealthy.size()) {
            took =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            break;
        }
        if (demo.wait_for(0ms)) FAIL("the demo exited early:\n" << demo.stderr_text());
        std::this_thread::sleep_for(1s);
    }
    std::string seen;
    for (const auto& c : o.open_conditions) seen += c + " ";
    INFO("open conditions: " << seen << "\nstderr:\n" << demo.stderr_text());
    REQUIRE(took > 0);
    CHECK(o.open_conditions.size() >= 4);
    CHECK(o.metric_conditions.size() >= 4);
    CHECK(o.healthy_up.size() == kHealthy.size());
    std::cout << "sitewatch demo: healthy sites up and open incidents of "
              << o.open_conditions.size() << " conditions (" << seen << ") after " << took
              << " s\n";

    // Every page the banner points at answers.
    for (const char* path : {"/", "/api/v1/sites", "/probe?target=acme-home"}) {
        INFO(path);
        auto res = api.Get(path);
        REQUIRE(res);
        CHECK(res->status == 200);
    }

    demo.signal(SIGINT);
    CHECK(demo.wait_for(5s) == 0);
}
