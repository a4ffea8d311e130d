// The HTTP server on 127.0.0.1 with a fixed fleet, the real metrics registry and a real SQLite
// store, queried with httplib::Client.
#include "monitor/http/http_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "monitor/daemon/fleet_view.h"
#include "monitor/http/router.h"
#include "monitor/metrics/metrics.h"
#include "monitor/store/store.h"
#include "tests/support/gunzip.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using nlohmann::json;

namespace {

const TimePoint kCheckedAt{std::chrono::seconds(1795529100)};   // 2026-11-24T14:05:00Z
const TimePoint kCertExpiry{std::chrono::seconds(1798761600)};  // 2027-01-01T00:00:00Z

class TestFleet : public FleetView {
public:
    std::vector<SiteStatus> sites() const override {
        std::lock_guard lock(mu_);
        return sites_;
    }
    std::optional<SiteStatus> site(std::string_view name_or_url) const override {
        std::lock_guard lock(mu_);
        if (!throw_for_.empty() && name_or_url == throw_for_)
            throw std::runtime_error("fleet lookup exploded");
        for (const auto& s : sites_)
            if (s.name == name_or_url || s.url == name_or_url) return s;
        return std::nullopt;
    }
    bool ready() const override { return ready_; }

    void set_sites(std::vector<SiteStatus> sites) {
        std::lock_guard lock(mu_);
        sites_ = std::move(sites);
    }
    void set_ready(bool r) { ready_ = r; }
    void throw_for(std::string key) {
        std::lock_guard lock(mu_);
        throw_for_ = std::move(key);
    }

private:
    mutable std::mutex mu_;
    std::vector<SiteStatus> sites_;
    std::string throw_for_;
    std::atomic<bool> ready_{false};
};

SiteStatus acme_home() {
    SiteStatus s;
    s.client = "acme";
    s.name = "acme-home";
    s.url = "https://acme.example/";
    s.health = SiteHealth::down;
    s.condition = Condition::error;
    s.severity = Severity::critical;
    s.summary = "HTTP 503 Service Unavailable";
    s.last_checked_at = kCheckedAt;
    s.findings = {{Condition::error, Severity::critical, "http", s.summary, {}}};
    s.has_response = true;
    Response& r = s.last_response;
    r.url = r.final_url = s.url;
    r.http_status = 503;
    r.http_version = 11;
    r.total_seconds = 0.25;
    r.phases = {0.01, 0.02, 0.03, 0.15, 0.04};
    r.headers = {{"content-length", "42"}};
    r.tls.performed = true;
    r.tls.tls_version = "TLSv1.2";
    CertificateInfo leaf;
    leaf.not_after = kCertExpiry;
    r.cert_chain = {leaf};
    s.tls_expires_at = kCertExpiry;
    return s;
}

SiteStatus acme_blog() {
    SiteStatus s;
    s.client = "acme";
    s.name = "acme-blog";
    s.url = "http://blog.acme.example/";
    s.health = SiteHealth::up;
    s.last_checked_at = kCheckedAt;
    s.has_response = true;
    s.last_response.url = s.last_response.final_url = s.url;
    s.last_response.http_status = 200;
    s.last_response.http_version = 20;
    s.last_response.total_seconds = 0.05;
    return s;
}

SiteStatus globex_shop() {  // configured, never checked
    SiteStatus s;
    s.client = "globex";
    s.name = "globex-shop";
    s.url = "https://shop.globex.example/";
    return s;
}

CheckRecord record(int minutes_ago, bool success) {
    CheckRecord r;
    r.client = "acme";
    r.site = "acme-home";
    r.checked_at = kCheckedAt - std::chrono::minutes(minutes_ago);
    r.success = success;
    r.http_status = success ? 200 : 503;
    r.response_time_ms = 250;
    r.tls_expires_at = kCertExpiry;
    if (!success) {
        r.condition = "error";
        r.severity = "critical";
        r.summary = "HTTP 503 Service Unavailable";
        r.findings_json =
            R"([{"condition":"error","severity":"critical","check":"http","summary":"HTTP 503"}])";
    }
    return r;
}

// A running server on a free loopback port with the fleet above.
struct Harness {
    explicit Harness(HttpServer::Options options = HttpServer::Options{"127.0.0.1:0"}) {
        fleet.set_sites({acme_home(), acme_blog(), globex_shop()});
        store->append_results({record(2, true), record(1, false), record(0, false)});
        metrics.record_check(acme_home());
        server = std::make_unique<HttpServer>(std::move(options), fleet, metrics, *store);
    }
    void start() {
        server->start();
        client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
        client->set_connection_timeout(std::chrono::seconds(5));
        client->set_read_timeout(std::chrono::seconds(10));
    }
    httplib::Result get(const std::string& path) { return client->Get(path.c_str()); }

    testing::TempDir dir;
    std::unique_ptr<Store> store = open_sqlite_store((dir.path() / "sitewatch.db").string());
    Metrics metrics{"9.9.9"};
    TestFleet fleet;
    std::unique_ptr<HttpServer> server;
    std::unique_ptr<httplib::Client> client;
};

// Both a usable answer and a JSON body of the error shape.
json json_body(const httplib::Result& res) {
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->get_header_value("Content-Type") == "application/json");
    return json::parse(res->body);
}

void require_error(const httplib::Result& res, int status) {
    REQUIRE(res);
    CHECK(res->status == status);
    const json j = json_body(res);
    CHECK(j.at("error").is_string());
    CHECK_FALSE(j.at("error").get<std::string>().empty());
}

bool has_line(const std::string& text, const std::string& line) {
    return text.find(line + "\n") != std::string::npos;
}

// Sends raw bytes and returns the status code of the answer, or 0 if none came.
int raw_status(int port, const std::string& request) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size()));
    char buf[256] = {};
    const ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
    close(fd);
    int status = 0;
    if (n > 12) std::sscanf(buf, "HTTP/1.%*d %d", &status);
    return status;
}

}  // namespace

TEST_CASE("health and readiness follow the fleet", "[http]") {
    Harness h;
    h.start();
    auto health = h.get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(json_body(health) == json{{"status", "ok"}});

    require_error(h.get("/readyz"), 503);
    h.fleet.set_ready(true);
    auto ready = h.get("/readyz");
    REQUIRE(ready);
    CHECK(ready->status == 200);

    auto head = h.client->Head("/healthz");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
}

TEST_CASE("/metrics serves the registry with the Prometheus text content type", "[http]") {
    Harness h;
    h.start();
    auto res = h.get("/metrics");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    CHECK(has_line(res->body, "sitewatch_build_info{version=\"9.9.9\"} 1"));
    CHECK(
        has_line(res->body, "sitewatch_http_status_code{client=\"acme\",site=\"acme-home\"} 503"));
}

TEST_CASE("/metrics and the site list are gzip-compressed for clients that ask for it", "[http]") {
    Harness h;
    std::vector<SiteStatus> fleet;
    for (int i = 0; i < 50; ++i) {
        SiteStatus s = acme_blog();
        s.name = "site-" + std::to_string(i);
        fleet.push_back(std::move(s));
    }
    h.fleet.set_sites(std::move(fleet));
    h.start();
    h.client->set_decompress(false);  // the raw gzip bytes, decoded below with zlib
    for (const char* path : {"/metrics", "/api/v1/sites"}) {
        INFO(path);
        auto plain = h.get(path);
        auto gz = h.client->Get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
        REQUIRE(plain);
        REQUIRE(gz);
        CHECK_FALSE(plain->has_header("Content-Encoding"));
        CHECK(gz->get_header_value("Content-Encoding") == "gzip");
        CHECK(gz->get_header_value("Vary") == "Accept-Encoding");
        CHECK(gz->get_header_value("Content-Type") == plain->get_header_value("Content-Type"));
        CHECK(gz->body.size() < plain->body.size());
        CHECK(testing::gunzip(gz->body) == plain->body);
    }
    // Browsers offer brotli, which Debian's httplib would spend seconds on; it is never used.
    for (const char* path : {"/metrics", "/api/v1/sites", "/api/v1/sites?limit=1", "/healthz"}) {
        INFO(path);
        auto br = h.client->Get(path, {{"Accept-Encoding", "br"}});
        REQUIRE(br);
        CHECK(br->status == 200);
        CHECK_FALSE(br->has_header("Content-Encoding"));
        auto both = h.client->Get(path, {{"Accept-Encoding", "br, gzip"}});
        REQUIRE(both);
        CHECK(both->get_header_value("Content-Encoding") != "br");
    }
}

TEST_CASE("the site list has the contract's keys, nulls for unknowns and RFC 3339 times",
          "[http]") {
    Harness h;
    h.start();
    auto res = h.get("/api/v1/sites");
    REQUIRE(res);
    CHECK(res->status == 200);
    const json j = json_body(res);
    REQUIRE(j.at("sites").size() == 3);
    CHECK(j.at("total") == 3);

    const json& home = j["sites"][0];  // config order
    for (const char* key : {"client", "name", "url", "status", "condition", "last_checked_at",
                            "response_time_ms", "http_status", "tls_expires_at"}) {
        INFO(key);
        CHECK(home.contains(key));
    }
    CHECK(home["client"] == "acme");
    CHECK(home["name"] == "acme-home");
    CHECK(home["url"] == "https://acme.example/");
    CHECK(home["status"] == "down");
    CHECK(home["condition"] == "error");
    CHECK(home["last_checked_at"] == "2026-11-24T14:05:00Z");
    CHECK(home["response_time_ms"] == 250.0);
    CHECK(home["http_status"] == 503);
    CHECK(home["tls_expires_at"] == "2027-01-01T00:00:00Z");

    const json& blog = j["sites"][1];
    CHECK(blog["status"] == "up");
    CHECK(blog["condition"].is_null());
    CHECK(blog["tls_expires_at"].is_null());

    const json& shop = j["sites"][2];
    CHECK(shop["status"] == "pending");
    CHECK(shop["last_checked_at"].is_null());
    CHECK(shop["http_status"].is_null());
    CHECK(shop["response_time_ms"].is_null());
}

TEST_CASE("the site list filters by client and status and pages with a total", "[http]") {
    Harness h;
    h.start();
    json j = json_body(h.get("/api/v1/sites?client=acme"));
    CHECK(j["total"] == 2);
    CHECK(j["sites"].size() == 2);

    j = json_body(h.get("/api/v1/sites?client=acme&status=up"));
    REQUIRE(j["sites"].size() == 1);
    CHECK(j["sites"][0]["name"] == "acme-blog");

    j = json_body(h.get("/api/v1/sites?limit=1&offset=1"));
    CHECK(j["total"] == 3);
    REQUIRE(j["sites"].size() == 1);
    CHECK(j["sites"][0]["name"] == "acme-blog");

    j = json_body(h.get("/api/v1/sites?offset=10"));
    CHECK(j["total"] == 3);
    CHECK(j["sites"].empty());

    j = json_body(h.get("/api/v1/sites?client=nobody"));
    CHECK(j["total"] == 0);

    require_error(h.get("/api/v1/sites?status=sideways"), 400);
    require_error(h.get("/api/v1/sites?limit=-1"), 400);
    require_error(h.get("/api/v1/sites?offset=x"), 400);
}

TEST_CASE("a site's results come from the store, newest first, with a bounded limit", "[http]") {
    Harness h;
    h.start();
    json j = json_body(h.get("/api/v1/sites/acme-home/results"));
    CHECK(j["site"] == "acme-home");
    CHECK(j["client"] == "acme");
    REQUIRE(j["results"].size() == 3);
    const json& newest = j["results"][0];
    for (const char* key : {"checked_at", "success", "confirm", "http_status", "response_time_ms",
                            "tls_expires_at", "condition", "severity", "summary", "findings"}) {
        INFO(key);
        CHECK(newest.contains(key));
    }
    CHECK(newest["checked_at"] == "2026-11-24T14:05:00Z");
    CHECK(newest["success"] == false);
    CHECK(newest["http_status"] == 503);
    CHECK(newest["condition"] == "error");
    CHECK(newest["severity"] == "critical");
    CHECK(newest["tls_expires_at"] == "2027-01-01T00:00:00Z");
    REQUIRE(newest["findings"].is_array());
    CHECK(newest["findings"][0]["summary"] == "HTTP 503");
    CHECK(j["results"][2]["success"] == true);
    CHECK(j["results"][2]["condition"].is_null());
    CHECK(j["results"][2]["findings"] == json::array());

    j = json_body(h.get("/api/v1/sites/acme-home/results?limit=2"));
    CHECK(j["results"].size() == 2);
    j = json_body(h.get("/api/v1/sites/acme-blog/results?limit=1000"));
    CHECK(j["results"].empty());

    require_error(h.get("/api/v1/sites/no-such-site/results"), 404);
    for (const char* bad : {"0", "1001", "ten", "-5", "", "99999999999999999999"}) {
        INFO(bad);
        require_error(h.get(std::string("/api/v1/sites/acme-home/results?limit=") + bad), 400);
    }
}

TEST_CASE("/probe answers blackbox_exporter metrics for configured sites only", "[http]") {
    Harness h;
    h.start();
    auto res = h.get("/probe?target=acme-home");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    const std::string& text = res->body;
    CHECK(has_line(text, "probe_success 0"));
    CHECK(has_line(text, "probe_duration_seconds 0.25"));
    CHECK(has_line(text, "probe_http_status_code 503"));
    CHECK(has_line(text, "probe_http_duration_seconds{phase=\"resolve\"} 0.01"));
    CHECK(has_line(text, "probe_http_duration_seconds{phase=\"processing\"} 0.15"));
    CHECK(has_line(text, "probe_ssl_earliest_cert_expiry 1798761600"));
    CHECK(has_line(text, "probe_http_content_length 42"));
    CHECK(has_line(text, "probe_http_redirects 0"));
    CHECK(has_line(text, "probe_tls_version_info{version=\"TLS 1.2\"} 1"));

    // By URL, as blackbox scrape configs pass it; a plain-http site has no certificate metric.
    res = h.get("/probe?target=http%3A%2F%2Fblog.acme.example%2F");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(has_line(res->body, "probe_success 1"));
    CHECK(has_line(res->body, "probe_http_version 2"));
    CHECK(res->body.find("probe_ssl_earliest_cert_expiry") == std::string::npos);

    // Never an open proxy: anything not configured is 404, and nothing is fetched.
    require_error(h.get("/probe?target=http%3A%2F%2F127.0.0.1%3A1%2F"), 404);
    require_error(h.get("/probe?target=unknown"), 404);
    require_error(h.get("/probe"), 400);
    require_error(h.get("/probe?target="), 400);
    // Configured but never checked: no data rather than a false "down".
    require_error(h.get("/probe?target=globex-shop"), 503);
}

TEST_CASE("unknown paths are 404 and wrong methods 405, both as JSON errors", "[http]") {
    Harness h;
    h.start();
    require_error(h.get("/nope"), 404);
    require_error(h.get("/api/v1/sites/"), 404);
    require_error(h.get("/api/v1/sites/acme-home/results/extra"), 404);

    auto post = h.client->Post("/metrics", "x", "text/plain");
    require_error(post, 405);
    CHECK(post->get_header_value("Allow").find("GET") != std::string::npos);
    require_error(h.client->Delete("/api/v1/sites"), 405);
    require_error(h.client->Put("/api/v1/sites/acme-home/results", "{}", "application/json"), 405);
    require_error(h.client->Post("/no/such/thing", "{}", "application/json"), 404);

    auto options = h.client->Options("/probe");
    REQUIRE(options);
    CHECK(options->status == 204);
    CHECK(options->get_header_value("Allow").find("GET") != std::string::npos);
}

TEST_CASE("odd input gets a clean error and never takes the server down", "[http]") {
    Harness h;
    h.start();
    // Long but legal: a 7,000-character target is just an unknown site.
    require_error(h.get("/probe?target=" + std::string(7000, 'a')), 404);
    require_error(h.get("/api/v1/sites/" + std::string(7000, 'b') + "/results"), 404);
    // Over httplib's URI limit.
    require_error(h.get("/probe?target=" + std::string(20000, 'a')), 414);
    // Invalid UTF-8 and NUL bytes are echoed back as valid JSON.
    require_error(h.get("/probe?target=%FF%FE%00x"), 404);
    require_error(h.get("/api/v1/sites/%C3%28/results"), 404);
    require_error(h.get("/api/v1/sites?client=%FF&limit=%00"), 400);
    // Repeated parameters: the first one wins.
    auto twice = json_body(h.get("/api/v1/sites?limit=1&limit=2"));
    CHECK(twice["sites"].size() == 1);
    // Not HTTP at all, and a method httplib does not know.
    CHECK(raw_status(h.server->port(), "GARBAGE\r\n\r\n") == 400);
    CHECK(raw_status(h.server->port(), "BREW /metrics HTTP/1.1\r\nHost: x\r\n\r\n") == 400);

    // A status with bad UTF-8 in its summary still lists as valid JSON.
    SiteStatus odd = acme_blog();
    odd.summary = "title changed to \xff\xfe";
    h.fleet.set_sites({odd});
    auto list = json_body(h.get("/api/v1/sites"));
    CHECK(list["sites"][0]["summary"].is_string());

    // A handler that throws answers 500 with the error shape, and the server keeps serving.
    h.fleet.throw_for("boom");
    auto boom = h.get("/probe?target=boom");
    require_error(boom, 500);
    CHECK(json_body(boom)["error"].get<std::string>().find("fleet lookup exploded") !=
          std::string::npos);
    auto health = h.get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
}

TEST_CASE("bind failures and bad listen addresses are reported as exceptions", "[http]") {
    Harness first;
    first.start();
    const std::string taken = "127.0.0.1:" + std::to_string(first.server->port());

    Harness second(HttpServer::Options{taken});
    CHECK_THROWS_WITH(second.server->start(),
                      Catch::Contains(taken) && Catch::Contains("Address already in use"));

    Harness bad(HttpServer::Options{"127.0.0.1"});
    CHECK_THROWS_AS(bad.server->start(), std::invalid_argument);

    // TEST-NET-1 is never a local address.
    Harness nowhere(HttpServer::Options{"192.0.2.1:0"});
    CHECK_THROWS_WITH(nowhere.server->start(), Catch::Contains("192.0.2.1:0"));

    // The first server is unaffected.
    auto res = first.get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
}

TEST_CASE("stop is prompt with an idle keep-alive client and can be called twice", "[http]") {
    Harness h;
    h.start();
    h.client->set_keep_alive(true);
    auto res = h.get("/healthz");
    REQUIRE(res);
    CHECK(h.server->running());

    const auto t0 = std::chrono::steady_clock::now();
    h.server->stop();
    const auto took = std::chrono::steady_clock::now() - t0;
    CHECK(took < std::chrono::seconds(4));
    CHECK_FALSE(h.server->running());
    h.server->stop();

    httplib::Client late("127.0.0.1", h.server->port());
    late.set_connection_timeout(std::chrono::seconds(1));
    CHECK_FALSE(late.Get("/healthz"));
}

TEST_CASE("mutating routes added through the router require the API token", "[http]") {
    HttpServer::Options options{"127.0.0.1:0"};
    options.api_token = "s3cret";
    Harness h(options);
    h.server->router().post("/api/v1/echo",
                            [](const httplib::Request& req, httplib::Response& res) {
                                res.set_content(req.body, "text/plain");
                            });
    h.start();
    CHECK_THROWS_AS(
        h.server->router().get("/late", [](const httplib::Request&, httplib::Response&) {}),
        std::logic_error);

    auto anonymous = h.client->Post("/api/v1/echo", "hi", "text/plain");
    require_error(anonymous, 401);
    CHECK(anonymous->get_header_value("WWW-Authenticate") == "Bearer");

    auto wrong = h.client->Post("/api/v1/echo", httplib::Headers{{"Authorization", "Bearer s3cre"}},
                                "hi", "text/plain");
    require_error(wrong, 401);

    auto ok = h.client->Post("/api/v1/echo", httplib::Headers{{"Authorization", "Bearer s3cret"}},
                             "hi", "text/plain");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    CHECK(ok->body == "hi");

    // Reads stay open.
    auto sites = h.get("/api/v1/sites");
    REQUIRE(sites);
    CHECK(sites->status == 200);
}

TEST_CASE("the site list of 10,000 sites answers well under a second", "[http][scale]") {
    Harness h;
    std::vector<SiteStatus> fleet;
    fleet.reserve(10000);
    for (int i = 0; i < 10000; ++i) {
        SiteStatus s = i % 7 == 0 ? acme_home() : acme_blog();
        s.client = "client-" + std::to_string(i % 100);
        s.name = "site-" + std::to_string(i);
        s.url = "https://site-" + std::to_string(i) + ".example/";
        fleet.push_back(std::move(s));
    }
    h.fleet.set_sites(std::move(fleet));
    h.start();

    const auto t0 = std::chrono::steady_clock::now();
    auto res = h.get("/api/v1/sites");
    const auto took = std::chrono::steady_clock::now() - t0;
    const json j = json_body(res);
    CHECK(j["total"] == 10000);
    CHECK(j["sites"].size() == 10000);
    CHECK(took < std::chrono::seconds(1));

    auto page = json_body(h.get("/api/v1/sites?client=client-7&limit=10&offset=20"));
    CHECK(page["total"] == 100);
    REQUIRE(page["sites"].size() == 10);
    CHECK(page["sites"][0]["name"] == "site-2007");
}
