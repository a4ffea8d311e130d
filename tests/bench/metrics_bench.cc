// Metrics benchmark: what one Prometheus scrape of /metrics costs at fleet scale. N sites
// (every one checked once, a tenth of them https with a certificate and a content baseline)
// for N/10 clients with their incident series declared, then `Metrics::serialize()` timed,
// with prometheus-cpp's Collect() apart from the text rendering. Prints figures; judges
// nothing (metrics_test judges the text).
//
//   sitewatch_metrics_bench [sites=10000] [repeats=10]
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "monitor/metrics/metrics.h"

using namespace sitewatch;
using Steady = std::chrono::steady_clock;

namespace {

double ms_since(Steady::time_point t) {
    return std::chrono::duration<double, std::milli>(Steady::now() - t).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 10;
    if (n < 1 || repeats < 1) {
        std::fprintf(stderr, "usage: sitewatch_metrics_bench [sites] [repeats]\n");
        return 2;
    }
    Metrics metrics("bench");
    std::vector<std::string> clients;
    const auto setup = Steady::now();
    for (int i = 0; i < n; ++i) {
        SiteStatus s;
        s.client = "client-" + std::to_string(i / 10);
        s.name = "site-" + std::to_string(i);
        s.url = "https://site-" + std::to_string(i) + ".example/";
        s.health = SiteHealth::up;
        s.has_response = true;
        s.last_response.http_status = i % 100 == 7 ? 503 : 200;
        s.last_response.total_seconds = 0.1234 + i * 1e-6;
        s.last_response.phases = {0.001, 0.01, 0.02, 0.05, 0.0434};
        if (i % 10 == 0) {
            CertificateInfo cert;
            cert.not_after = std::chrono::system_clock::now() + std::chrono::hours(24 * 60);
            s.last_response.cert_chain.push_back(cert);
            s.content_similarity = 0.97;
        }
        if (i % 100 == 7) {
            Finding f;
            f.condition = Condition::down;
            f.severity = Severity::critical;
            s.findings.push_back(f);
        }
        metrics.record_check(s);
        if (i % 10 == 0) clients.push_back(s.client);
        metrics.set_maintenance_active(s.client, s.name, false);
    }
    metrics.declare_incident_series(clients, {"strategist-phone", "slack", "email"});
    std::printf("%d sites of %zu clients recorded in %.0f ms\n", n, clients.size(),
                ms_since(setup));

    std::vector<double> collect_ms, render_ms, total_ms;
    std::size_t bytes = 0, series = 0;
    for (int r = 0; r < repeats; ++r) {
        auto t = Steady::now();
        const auto families = metrics.registry()->Collect();
        collect_ms.push_back(ms_since(t));
        t = Steady::now();
        const std::string text = prometheus::TextSerializer{}.Serialize(families);
        render_ms.push_back(ms_since(t));
        t = Steady::now();
        const std::string served = metrics.serialize();
        total_ms.push_back(ms_since(t));
        bytes = served.size();
        series = 0;
        for (const auto& f : families) series += f.metric.size();
    }
    std::printf("%zu series, %.1f MiB of text\n", series, bytes / 1048576.0);
    std::printf("prometheus-cpp Collect():        median %.1f ms\n", median(collect_ms));
    std::printf("prometheus-cpp TextSerializer:   median %.1f ms\n", median(render_ms));
    std::printf("Metrics::serialize() (served):   median %.1f ms (%.2f us per series)\n",
                median(total_ms), median(total_ms) * 1000.0 / static_cast<double>(series));
    return 0;
}
