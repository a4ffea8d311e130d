// API benchmark: what people and Prometheus wait for at fleet scale. A real `sitewatch run`
// monitors N loopback sites (1 % of them answering 503, so incidents are open) for many
// clients; once every site has been checked, each endpoint the UI, the status pages, the SLA
// page and Prometheus use is fetched repeatedly, offering the encodings Prometheus or a browser
// offers, and its latency and size (on the wire and decoded) printed, with the daemon's
// resident memory and CPU. Prints figures; judges nothing.
//
//   sitewatch_api_bench [sites=10000] [sites_per_client=10] [repeats=20]
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child_process.h"
#include "tests/support/gunzip.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kPage =
    "<!doctype html><html lang=\"en\"><head><title>Client site</title></head><body><header>"
    "<nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav></header><main><h1>Welcome"
    "</h1><p>We look after gardens across the county, from small lawns to estates.</p><p>Call "
    "us for a quote; we answer within a working day.</p></main><footer>Garden Co</footer>"
    "</body></html>";

std::string client_name(int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "client-%04d", i);
    return buf;
}

std::string config_yaml(const TestHttpServer& sites, const std::string& db, int n, int per_client) {
    std::ostringstream y;
    y << "server:\n  listen: 127.0.0.1:0\nstorage:\n  sqlite: " << db
      << "\ndefaults:\n  interval: 30s\n  timeout: 5s\n  confirm:\n    retry_after: 2s\n"
      << "  assets:\n    check: false\nclients:\n";
    for (int c = 0; c * per_client < n; ++c) {
        y << "  - name: " << client_name(c) << "\n    sites:\n";
        for (int s = c * per_client; s < std::min(n, (c + 1) * per_client); ++s) {
            const bool down = s % 100 == 7;  // 1 %
            y << "      - name: site-" << s << "\n        url: "
              << sites.url(std::string(down ? "/down" : "/ok") + "?site=" + std::to_string(s))
              << "\n";
        }
    }
    return y.str();
}

// "VmRSS:  123456 kB" of a process, in MiB.
double rss_mib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    return 0;
}

// User + system CPU seconds a process has used.
double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::atof(field.c_str());
        if (i == 15) stime = std::atof(field.c_str());
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Timing {
    double median_ms = 0, max_ms = 0;
    std::size_t wire_bytes = 0, decoded_bytes = 0;
    int status = 0;
};

// Prometheus asks for gzip; browsers (the UI, status pages) also offer brotli.
constexpr const char* kPrometheusEncoding = "gzip";
constexpr const char* kBrowserEncoding = "gzip, deflate, br";

Timing measure(int port, const std::string& path, int repeats, const char* accept_encoding) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    c.set_decompress(false);  // time and count the bytes on the wire; decoded afterwards
    std::vector<double> ms;
    Timing t;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        auto res = c.Get(path.c_str(), {{"Accept-Encoding", accept_encoding}});
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        t.status = res ? res->status : 0;
        t.wire_bytes = res ? res->body.size() : 0;
        t.decoded_bytes = t.wire_bytes;
        if (res && res->get_header_value("Content-Encoding") == "gzip") {
            const auto plain = gunzip(res->body);
            t.decoded_bytes = plain ? plain->size() : 0;
        }
    }
    std::sort(ms.begin(), ms.end());
    t.median_ms = ms[ms.size() / 2];
    t.max_ms = ms.back();
    return t;
}

std::string this_month() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m", &tm);
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int per_client = argc > 2 ? std::atoi(argv[2]) : 10;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 20;
    if (n < 1 || per_client < 1 || repeats < 1) {
        std::fprintf(stderr, "usage: sitewatch_api_bench [sites] [sites_per_client] [repeats]\n");
        return 2;
    }

    TestHttpServer sites(32);
    sites.handle("/ok", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(kPage, "text/html; charset=utf-8");
    });
    sites.handle("/down", [](const httplib::Request&, httplib::Response& res) {
        res.status = 503;
        res.set_content("<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html");
    });
    TempDir dir;
    const std::string config = dir.write(
        "sitewatch.yml", config_yaml(sites, (dir.path() / "sitewatch.db").string(), n, per_client));

    const auto started = Clock::now();
    ChildProcess daemon({SITEWATCH_BINARY, "run", "--config", config});
    int port = 0;
    for (int i = 0; i < 300 && port == 0; ++i) {
        const auto err = daemon.stderr_text();
        const auto at = err.find("on http://127.0.0.1:");
        if (at != std::string::npos) port = std::atoi(err.c_str() + at + 20);
        if (daemon.wait_for(0ms)) break;
        std::this_thread::sleep_for(100ms);
    }
    if (port == 0) {
        std::fprintf(stderr, "sitewatch did not start:\n%s\n", daemon.stderr_text().c_str());
        return 1;
    }
    std::printf(
        "sitewatch monitors %d loopback sites of %d clients (interval 30 s, 1 %% down); "
        "started in %.1f s\n",
        n, (n + per_client - 1) / per_client,
        std::chrono::duration<double>(Clock::now() - started).count());

    // Until every site has a result and the down ones have incidents (bounded).
    httplib::Client api("127.0.0.1", port);
    api.set_read_timeout(60, 0);
    const int expected_down = (n + 92) / 100;
    int checked = 0, open = 0;
    const auto deadline = Clock::now() + 150s;
    while (Clock::now() < deadline) {
        auto s = api.Get("/api/v1/sites");
        auto i = api.Get("/api/v1/incidents?state=open");
        if (s && i && s->status == 200 && i->status == 200) {
            checked = 0;
            // Held by name: a range-for over parse(...)["sites"] would outlive the parsed document.
            const auto fleet = nlohmann::json::parse(s->body);
            for (const auto& site : fleet["sites"])
                if (!site["last_checked_at"].is_null()) ++checked;
            open = static_cast<int>(nlohmann::json::parse(i->body)["incidents"].size());
            if (checked == n && open >= expected_down) break;
        }
        std::this_thread::sleep_for(2s);
    }
    std::printf("after %.0f s: %d of %d sites checked, %d incidents open\n",
                std::chrono::duration<double>(Clock::now() - started).count(), checked, n, open);

    const double rss_before = rss_mib(daemon.pid());
    const double cpu_before = cpu_seconds(daemon.pid());
    const auto window_start = Clock::now();
    const std::string month = this_month();
    const std::string client = client_name(7);
    // The SLA's first call for a month reads each site's first check once; later ones are cached.
    const Timing sla_first = measure(port, "/api/v1/sla?month=" + month, 1, kBrowserEncoding);

    struct Row {
        const char* what;
        std::string path;
        const char* accept_encoding = kBrowserEncoding;
    };
    const std::vector<Row> rows = {
        {"sites, all (the fleet page's one call)", "/api/v1/sites"},
        {"sites, all, uncompressed", "/api/v1/sites", "identity"},
        {"sites, one page of 100", "/api/v1/sites?limit=100"},
        {"incidents, all", "/api/v1/incidents"},
        {"incidents, open", "/api/v1/incidents?state=open"},
        {"one incident with its timeline", "/api/v1/incidents/1"},
        {"metrics (a Prometheus scrape)", "/metrics", kPrometheusEncoding},
        {"metrics, uncompressed", "/metrics", "identity"},
        {"status page of one client (HTML)", "/status/" + client},
        {"status page of one client (JSON)", "/api/v1/status/" + client},
        {"SLA, every client (cached)", "/api/v1/sla?month=" + month},
        {"SLA, one client", "/api/v1/sla?month=" + month + "&client=" + client},
        {"SLA report of one client (HTML)",
         "/api/v1/sla/" + client + "/report?month=" + month + "&format=html"},
        {"maintenance windows", "/api/v1/maintenance"},
        {"the UI page", "/"},
        {"the UI's script", "/ui/assets/app.js"},
    };
    std::printf(
        "\n| endpoint | path | Accept-Encoding | status | median ms | max ms | wire KiB | "
        "decoded KiB |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    const auto row = [](const char* what, const std::string& path, const char* encoding,
                        const Timing& t) {
        std::printf("| %s | %s | %s | %d | %.1f | %.1f | %.0f | %.0f |\n", what, path.c_str(),
                    encoding, t.status, t.median_ms, t.max_ms, t.wire_bytes / 1024.0,
                    t.decoded_bytes / 1024.0);
    };
    row("SLA, every client (first call of the month)", "/api/v1/sla?month=" + month,
        kBrowserEncoding, sla_first);
    for (const auto& r : rows)
        row(r.what, r.path, r.accept_encoding, measure(port, r.path, repeats, r.accept_encoding));
    const double window = std::chrono::duration<double>(Clock::now() - window_start).count();
    const double cpu = cpu_seconds(daemon.pid()) - cpu_before;
    std::printf(
        "\ndaemon resident memory: %.0f MiB before the requests, %.0f MiB after "
        "(%.1f KiB per site)\n",
        rss_before, rss_mib(daemon.pid()), rss_mib(daemon.pid()) * 1024.0 / n);
    std::printf("daemon CPU while measuring (checks included): %.1f s in %.1f s of wall time\n",
                cpu, window);
    daemon.signal(SIGTERM);
    const auto code = daemon.wait_for(10s);
    std::printf("sitewatch stopped on SIGTERM: exit %s\n",
                code ? std::to_string(*code).c_str() : "none within 10 s");
    return 0;
}
