#include "monitor/metrics/metrics.h"

#include <prometheus/registry.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.h"

using namespace sitewatch;

namespace {

using LabelMap = std::map<std::string, std::string>;

// The sample of `family` whose labels are exactly `labels`, or nullptr.
const prometheus::ClientMetric* find_sample(const std::vector<prometheus::MetricFamily>& families,
                                            const std::string& family, const LabelMap& labels) {
    for (const auto& f : families) {
        if (f.name != family) continue;
        for (const auto& m : f.metric) {
            LabelMap got;
            for (const auto& l : m.label) got[l.name] = l.value;
            if (got == labels) return &m;
        }
    }
    return nullptr;
}

std::optional<double> gauge(const Metrics& metrics, const std::string& family,
                            const LabelMap& labels) {
    const auto families = metrics.registry()->Collect();
    const auto* m = find_sample(families, family, labels);
    if (!m) return std::nullopt;
    return m->gauge.value;
}

std::optional<double> counter(const Metrics& metrics, const std::string& family,
                              const LabelMap& labels) {
    const auto families = metrics.registry()->Collect();
    const auto* m = find_sample(families, family, labels);
    if (!m) return std::nullopt;
    return m->counter.value;
}

// Number of samples, over every family, that carry site=`site`.
std::size_t series_of_site(const Metrics& metrics, const std::string& site) {
    std::size_t n = 0;
    for (const auto& f : metrics.registry()->Collect())
        for (const auto& m : f.metric)
            for (const auto& l : m.label)
                if (l.name == "site" && l.value == site) ++n;
    return n;
}

TimePoint at_unix(long long seconds) { return TimePoint{std::chrono::seconds(seconds)}; }

SiteStatus https_site_with_503() {
    SiteStatus s;
    s.client = "acme";
    s.name = "acme-home";
    s.url = "https://acme.example/";
    s.health = SiteHealth::down;
    s.has_response = true;
    s.last_response.url = s.url;
    s.last_response.final_url = s.url;
    s.last_response.http_status = 503;
    s.last_response.total_seconds = 0.75;
    s.last_response.phases = {0.01, 0.02, 0.03, 0.5, 0.19};
    CertificateInfo leaf, intermediate;
    leaf.not_after = at_unix(1'800'000'000);
    intermediate.not_after = at_unix(1'790'000'000);  // the chain's earliest
    s.last_response.cert_chain = {leaf, intermediate};
    s.findings = {{Condition::error, Severity::critical, "http", "HTTP 503", {}},
                  {Condition::security, Severity::warning, "tls", "expires soon", {}}};
    return s;
}

SiteStatus healthy_http_site(const std::string& client, const std::string& name) {
    SiteStatus s;
    s.client = client;
    s.name = name;
    s.url = "http://" + name + ".example/";
    s.health = SiteHealth::up;
    s.has_response = true;
    s.last_response.http_status = 200;
    s.last_response.total_seconds = 0.1;
    return s;
}

const LabelMap kAcme{{"client", "acme"}, {"site", "acme-home"}};

LabelMap with(LabelMap base, const std::string& k, const std::string& v) {
    base[k] = v;
    return base;
}

}  // namespace

TEST_CASE("a failing check shows up under the contract's names with client and site labels",
          "[metrics]") {
    Metrics metrics("1.2.3");
    metrics.record_check(https_site_with_503());

    CHECK(gauge(metrics, "sitewatch_probe_success", kAcme) == 0.0);
    CHECK(gauge(metrics, "sitewatch_probe_duration_seconds", kAcme) == 0.75);
    CHECK(gauge(metrics, "sitewatch_http_status_code", kAcme) == 503.0);
    CHECK(gauge(metrics, "sitewatch_probe_phase_duration_seconds", with(kAcme, "phase", "dns")) ==
          0.01);
    CHECK(gauge(metrics, "sitewatch_probe_phase_duration_seconds",
                with(kAcme, "phase", "connect")) == 0.02);
    CHECK(gauge(metrics, "sitewatch_probe_phase_duration_seconds", with(kAcme, "phase", "tls")) ==
          0.03);
    CHECK(gauge(metrics, "sitewatch_probe_phase_duration_seconds",
                with(kAcme, "phase", "processing")) == 0.5);
    CHECK(gauge(metrics, "sitewatch_probe_phase_duration_seconds",
                with(kAcme, "phase", "transfer")) == 0.19);
    CHECK(gauge(metrics, "sitewatch_tls_cert_expiry_timestamp_seconds", kAcme) == 1'790'000'000.0);
    CHECK(counter(metrics, "sitewatch_checks_total", with(kAcme, "result", "fail")) == 1.0);
    CHECK(counter(metrics, "sitewatch_checks_total", with(kAcme, "result", "pass")) == 0.0);
    CHECK(gauge(metrics, "sitewatch_build_info", {{"version", "1.2.3"}}) == 1.0);

    // Every condition has a series; the warning counts as a current finding too.
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "error")) == 1.0);
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "security")) == 1.0);
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "down")) == 0.0);
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "malformed")) == 0.0);
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "defaced")) == 0.0);
}

TEST_CASE("a check with only warnings passes and a recovery clears the conditions", "[metrics]") {
    Metrics metrics("1.0.0");
    metrics.record_check(https_site_with_503());

    SiteStatus warned = https_site_with_503();
    warned.last_response.http_status = 200;
    warned.findings = {{Condition::security, Severity::warning, "tls", "expires in 9 days", {}}};
    metrics.record_check(warned);
    CHECK(gauge(metrics, "sitewatch_probe_success", kAcme) == 1.0);
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "security")) == 1.0);
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "error")) == 0.0);

    SiteStatus clean = warned;
    clean.findings.clear();
    metrics.record_check(clean);
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "security")) == 0.0);
    CHECK(counter(metrics, "sitewatch_checks_total", with(kAcme, "result", "pass")) == 2.0);
    CHECK(counter(metrics, "sitewatch_checks_total", with(kAcme, "result", "fail")) == 1.0);
    CHECK(gauge(metrics, "sitewatch_http_status_code", kAcme) == 200.0);
}

TEST_CASE("certificate expiry is only exported for https sites with a known chain", "[metrics]") {
    Metrics metrics("1.0.0");
    metrics.record_check(healthy_http_site("acme", "plain"));
    CHECK_FALSE(gauge(metrics, "sitewatch_tls_cert_expiry_timestamp_seconds",
                      {{"client", "acme"}, {"site", "plain"}}));

    SiteStatus s = https_site_with_503();
    s.tls_expires_at = at_unix(1'700'000'000);  // the daemon's value wins over the response's
    metrics.record_check(s);
    CHECK(gauge(metrics, "sitewatch_tls_cert_expiry_timestamp_seconds", kAcme) == 1'700'000'000.0);

    // Refused connection, no chain, and the daemon knows none either: no stale expiry.
    s.tls_expires_at.reset();
    s.last_response.cert_chain.clear();
    s.last_response.http_status = 0;
    s.findings = {{Condition::down, Severity::critical, "transport", "refused", {}}};
    metrics.record_check(s);
    CHECK_FALSE(gauge(metrics, "sitewatch_tls_cert_expiry_timestamp_seconds", kAcme));
    CHECK(gauge(metrics, "sitewatch_site_condition", with(kAcme, "condition", "down")) == 1.0);
}

TEST_CASE("remove_site drops every series of that site and only of that site", "[metrics]") {
    Metrics metrics("1.0.0");
    metrics.record_check(https_site_with_503());
    metrics.record_check(healthy_http_site("globex", "globex-shop"));
    REQUIRE(series_of_site(metrics, "acme-home") == 1 + 1 + 5 + 1 + 1 + 5 + 2);

    metrics.remove_site("acme", "acme-home");
    CHECK(series_of_site(metrics, "acme-home") == 0);
    CHECK(gauge(metrics, "sitewatch_probe_success",
                {{"client", "globex"}, {"site", "globex-shop"}}) == 1.0);
    CHECK(metrics.serialize().find("acme-home") == std::string::npos);

    // A site that comes back starts from fresh counters.
    metrics.remove_site("acme", "acme-home");  // removing twice is harmless
    metrics.record_check(https_site_with_503());
    CHECK(counter(metrics, "sitewatch_checks_total", with(kAcme, "result", "fail")) == 1.0);
}

TEST_CASE("scheduler lag is a histogram with buckets from a millisecond to thirty seconds",
          "[metrics]") {
    Metrics metrics("1.0.0");
    metrics.observe_scheduler_lag(0.003);
    metrics.observe_scheduler_lag(2.0);
    metrics.observe_scheduler_lag(-0.5);  // clock step: counted as on time
    const auto families = metrics.registry()->Collect();
    const auto* m = find_sample(families, "sitewatch_scheduler_lag_seconds", {});
    REQUIRE(m != nullptr);
    CHECK(m->histogram.sample_count == 3);
    CHECK(m->histogram.sample_sum == Approx(2.003));
    REQUIRE(m->histogram.bucket.size() >= 2);
    CHECK(m->histogram.bucket.front().upper_bound == 0.001);
    bool has_30s = false;
    for (const auto& b : m->histogram.bucket) {
        if (b.upper_bound == 0.005) CHECK(b.cumulative_count == 2);
        if (b.upper_bound == 30.0) has_30s = true;
    }
    CHECK(has_30s);
}

TEST_CASE("incident and notification series appear only once something creates them", "[metrics]") {
    Metrics metrics("1.0.0");
    metrics.record_check(https_site_with_503());
    const std::string text = metrics.serialize();
    CHECK(text.find("sitewatch_content_similarity_ratio") == std::string::npos);
    CHECK(text.find("sitewatch_incidents_") == std::string::npos);
    CHECK(text.find("sitewatch_notifications_total") == std::string::npos);
}

TEST_CASE("concurrent checks and scrapes lose no counts", "[metrics]") {
    Metrics metrics("1.0.0");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&metrics, t] {
            for (int i = 0; i < 500; ++i) {
                metrics.record_check(healthy_http_site("c", "site-" + std::to_string(i % 10)));
                if (i % 100 == t) (void)metrics.serialize();
            }
        });
    for (auto& th : threads) th.join();
    double total = 0;
    for (int i = 0; i < 10; ++i)
        total +=
            counter(metrics, "sitewatch_checks_total",
                    {{"client", "c"}, {"site", "site-" + std::to_string(i)}, {"result", "pass"}})
                .value_or(0);
    CHECK(total == 2000.0);
}

TEST_CASE("the serialized registry is valid Prometheus text that promtool accepts",
          "[metrics][promtool]") {
    Metrics metrics("1.0.0");
    metrics.record_check(https_site_with_503());
    SiteStatus odd = healthy_http_site("quote\"client", "back\\slash\nsite");  // must be escaped
    metrics.record_check(odd);
    metrics.observe_scheduler_lag(0.02);
    const std::string text = metrics.serialize();

    CHECK(text.find("# TYPE sitewatch_probe_success gauge") != std::string::npos);
    CHECK(text.find("# TYPE sitewatch_checks_total counter") != std::string::npos);
    CHECK(text.find("# TYPE sitewatch_scheduler_lag_seconds histogram") != std::string::npos);
    CHECK(text.find("sitewatch_probe_success{client=\"acme\",site=\"acme-home\"} 0\n") !=
          std::string::npos);
    CHECK(text.find(R"(client="quote\"client",site="back\\slash\nsite")") != std::string::npos);

    const char* promtool = "/usr/bin/promtool";
    if (!std::filesystem::exists(promtool)) {
        WARN("promtool not installed; skipped the promtool lint");
        return;
    }
    testing::TempDir dir;
    const std::string path = dir.write("metrics.prom", text);
    const std::string cmd = std::string(promtool) + " check metrics < '" + path + "' 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string output;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) output += buf;
    const int status = pclose(p);
    INFO("promtool said: " << output);
    CHECK(status == 0);
}

TEST_CASE("time to acknowledge and to resolve are histograms by client, condition and severity",
          "[metrics]") {
    Metrics metrics("test");
    metrics.incident_acknowledged("acme", "down", "critical", 45);
    metrics.incident_acknowledged("acme", "down", "critical", 400);
    metrics.incident_resolved("acme", "down", "critical", 1000);
    const auto families = metrics.registry()->Collect();
    const LabelMap labels{{"client", "acme"}, {"condition", "down"}, {"severity", "critical"}};
    const auto* ack =
        find_sample(families, "sitewatch_incident_time_to_acknowledge_seconds", labels);
    REQUIRE(ack);
    CHECK(ack->histogram.sample_count == 2);
    CHECK(ack->histogram.sample_sum == Approx(445));
    REQUIRE(ack->histogram.bucket.size() == 13);  // 12 bounds and +Inf
    CHECK(ack->histogram.bucket[0].upper_bound == 30);
    CHECK(ack->histogram.bucket[1].cumulative_count == 1);  // le 60
    CHECK(ack->histogram.bucket[4].cumulative_count == 2);  // le 600
    CHECK(ack->histogram.bucket[11].upper_bound == 86400);
    const auto* resolve =
        find_sample(families, "sitewatch_incident_time_to_resolve_seconds", labels);
    REQUIRE(resolve);
    CHECK(resolve->histogram.sample_count == 1);
    const auto text = metrics.serialize();
    CHECK(text.find("sitewatch_incident_time_to_resolve_seconds_bucket{client=\"acme\","
                    "condition=\"down\",severity=\"critical\",le=\"1800\"} 1") !=
          std::string::npos);
}

TEST_CASE("maintenance_active is a 0/1 gauge per site that goes with the site", "[metrics]") {
    Metrics metrics("test");
    metrics.set_maintenance_active("acme", "acme-shop", true);
    metrics.set_maintenance_active("acme", "acme-blog", false);
    CHECK(gauge(metrics, "sitewatch_maintenance_active",
                {{"client", "acme"}, {"site", "acme-shop"}}) == 1);
    CHECK(gauge(metrics, "sitewatch_maintenance_active",
                {{"client", "acme"}, {"site", "acme-blog"}}) == 0);
    metrics.set_maintenance_active("acme", "acme-shop", false);
    CHECK(gauge(metrics, "sitewatch_maintenance_active",
                {{"client", "acme"}, {"site", "acme-shop"}}) == 0);
    metrics.remove_site("acme", "acme-shop");
    CHECK_FALSE(gauge(metrics, "sitewatch_maintenance_active",
                      {{"client", "acme"}, {"site", "acme-shop"}}));
}

TEST_CASE("declared clients and channels start at 0 and keep counts already made", "[metrics]") {
    Metrics metrics("1.0.0");
    metrics.incident_opened("acme", "down", "critical");
    metrics.notification_finished("phone", true);
    metrics.declare_incident_series({"acme", "globex"}, {"phone", "slack"});
    const LabelMap acme_down{{"client", "acme"}, {"condition", "down"}, {"severity", "critical"}};
    CHECK(counter(metrics, "sitewatch_incidents_opened_total", acme_down) == 1.0);
    CHECK(counter(metrics, "sitewatch_incidents_opened_total",
                  {{"client", "globex"}, {"condition", "defaced"}, {"severity", "warning"}}) ==
          0.0);
    CHECK(gauge(metrics, "sitewatch_incidents_open",
                {{"client", "globex"}, {"condition", "security"}, {"severity", "critical"}}) ==
          0.0);
    CHECK(counter(metrics, "sitewatch_notifications_total",
                  {{"channel", "phone"}, {"result", "sent"}}) == 1.0);
    CHECK(counter(metrics, "sitewatch_notifications_total",
                  {{"channel", "slack"}, {"result", "failed"}}) == 0.0);
    CHECK_FALSE(counter(metrics, "sitewatch_notifications_total",
                        {{"channel", "email"}, {"result", "sent"}}));
    // A later open count still replaces the picture, declared series included.
    metrics.set_open_incidents({{"globex", "security", "critical", 2}});
    CHECK(gauge(metrics, "sitewatch_incidents_open",
                {{"client", "globex"}, {"condition", "security"}, {"severity", "critical"}}) ==
          2.0);
    CHECK(gauge(metrics, "sitewatch_incidents_open", acme_down) == 0.0);
}
