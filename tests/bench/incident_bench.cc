// Incident benchmark: what the incident side costs a fleet. IncidentService with a real SQLite
// store (in a temporary directory) and an injected clock, fed as the daemon feeds it:
//  1. steady state: every site healthy, one check each per round (CPU per check);
//  2. a shared host goes down: N sites confirmed failing in the same second (time until every
//     incident, escalation and outbox row is written, i.e. until anything can be sent);
//  3. recovery: the same sites pass twice (auto-resolve, PagerDuty resolve, webhook);
//  4. memory: resident set size after K resolved incidents are held.
// Prints figures; judges nothing (the unit and end-to-end tests judge).
//
//   sitewatch_incident_bench [sites=10000] [down=1000] [rounds=5]
#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "monitor/config/config.h"
#include "monitor/incidents/incident_service.h"
#include "monitor/metrics/metrics.h"
#include "monitor/store/store.h"
#include "tests/support/agency_config.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using namespace std::chrono_literals;

namespace {

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Resident set size after giving freed heap back, so it counts what is held, not what a
// burst of JSON once needed.
long rss_kib() {
    malloc_trim(0);
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

config::Config fleet(const std::string& db, int sites) {
    config::Config c = testing::agency_config(db);
    // Fifty sites per client, as an agency's larger clients have.
    for (int i = 0; i < sites; ++i) {
        if (i % 50 == 0) {
            config::ClientConfig client;
            client.name = "client-" + std::to_string(i / 50);
            client.tags = {i % 100 == 0 ? "wordpress" : "drupal"};
            client.team = {"Dana", "Priya", "Lee"};
            c.clients.push_back(client);
        }
        config::SiteConfig s;
        s.client = c.clients.back().name;
        s.name = "site-" + std::to_string(i);
        s.url = "https://" + s.name + ".example/";
        c.clients.back().sites.push_back(s);
    }
    return c;
}

CheckOutcome outcome(const config::SiteConfig& s, TimePoint at, bool failing) {
    CheckOutcome o;
    o.client = s.client;
    o.site = s.name;
    o.url = s.url;
    o.at = at;
    if (failing) {
        o.findings.push_back({Condition::down,
                              Severity::critical,
                              "transport",
                              "connection refused",
                              {"transport.refused", "ECONNREFUSED", "", ""}});
        o.confirmed_failure = true;
        o.failing_since = at - 2s;
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const int sites = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int down = argc > 2 ? std::atoi(argv[2]) : 1000;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
    testing::TempDir dir;
    const std::string db = (dir.path() / "bench.db").string();
    auto store = open_sqlite_store(db);
    Metrics metrics("bench");
    const auto cfg = fleet(db, sites);
    const auto all = cfg.sites();
    TimePoint clock = Clock::now();
    const long rss_start = rss_kib();
    IncidentService service(*store, &metrics, cfg, [&] { return clock; });
    std::size_t outbox_rows = 0;
    service.set_outbox_poke([&] { ++outbox_rows; });

    std::printf("sitewatch_incident_bench: %d sites, %d going down together, %d rounds\n", sites,
                down, rounds);

    // 1. Healthy checks.
    double cpu = cpu_seconds();
    auto wall = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r) {
        clock += 60s;
        for (const auto* s : all) service.record_check(outcome(*s, clock, false));
    }
    double cpu_used = cpu_seconds() - cpu;
    double wall_used =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    const double healthy_checks = static_cast<double>(rounds) * static_cast<double>(all.size());
    std::printf("healthy checks      %10.0f  CPU %.2f us/check  wall %.2f us/check\n",
                healthy_checks, cpu_used / healthy_checks * 1e6, wall_used / healthy_checks * 1e6);
    const long rss_fleet = rss_kib();
    std::printf(
        "memory              %10zu sites' counters and flap history: RSS %+ld KiB "
        "(%.2f KiB per site)\n",
        all.size(), rss_fleet - rss_start,
        static_cast<double>(rss_fleet - rss_start) / static_cast<double>(all.size()));

    // 2. Many sites confirmed down in the same second.
    clock += 60s;
    cpu = cpu_seconds();
    wall = std::chrono::steady_clock::now();
    for (int i = 0; i < down && i < static_cast<int>(all.size()); ++i)
        service.record_check(outcome(*all[static_cast<std::size_t>(i)], clock, true));
    cpu_used = cpu_seconds() - cpu;
    wall_used = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    const auto queued = store->outbox_due(clock + 1h, 1000000).size();
    std::printf(
        "outage burst        %10d incidents opened, %zu outbox rows written before any "
        "send: %.1f ms wall (%.2f ms per incident), CPU %.1f ms\n",
        down, queued, wall_used * 1e3, wall_used * 1e3 / down, cpu_used * 1e3);

    // Escalation timers for the open incidents, once a second.
    cpu = cpu_seconds();
    wall = std::chrono::steady_clock::now();
    for (int t = 0; t < 60; ++t) {
        clock += 1s;
        service.tick();
    }
    cpu_used = cpu_seconds() - cpu;
    std::printf("escalation ticks    %10d open incidents: CPU %.3f ms per tick\n", down,
                cpu_used * 1e3 / 60);

    // 3. Recovery.
    cpu = cpu_seconds();
    wall = std::chrono::steady_clock::now();
    for (int pass = 0; pass < 2; ++pass) {
        clock += 60s;
        for (int i = 0; i < down && i < static_cast<int>(all.size()); ++i)
            service.record_check(outcome(*all[static_cast<std::size_t>(i)], clock, false));
    }
    wall_used = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    std::printf("recovery            %10d incidents resolved: %.1f ms wall\n", down,
                wall_used * 1e3);
    service.save_bookkeeping();

    // 4. Memory held and restart.
    const long rss_held = rss_kib();
    std::printf(
        "memory              %10d incidents held (resolved, with escalations): RSS "
        "%+ld KiB (%.1f KiB per incident)\n",
        down, rss_held - rss_fleet, static_cast<double>(rss_held - rss_fleet) / down);
    wall = std::chrono::steady_clock::now();
    IncidentService restored(*store, &metrics, cfg, [&] { return clock; });
    wall_used = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    std::printf("restart             %10zu incidents restored in %.1f ms\n",
                restored.incidents({}).size(), wall_used * 1e3);
    std::printf("store file          %10.1f MiB\n",
                static_cast<double>(std::filesystem::file_size(db)) / (1024.0 * 1024.0));
    return 0;
}
