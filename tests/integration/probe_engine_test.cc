// The probe engine against real servers on 127.0.0.1: every transport failure the checks
// classify, the TLS cases recorded without aborting, redirects, bounded bodies, and many
// transfers at once on the single probe thread.
#include "monitor/probe/probe_engine.h"

#include <httplib.h>
#include <netinet/in.h>
#include <openssl/x509_vfy.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sitewatch_version.h"
#include "tests/support/gzip_bomb.h"
#include "tests/support/closed_port.h"
#include "tests/support/raw_tcp_server.h"
#include "tests/support/test_certificates.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch;
using namespace sitewatch::testing;
using namespace std::chrono_literals;

namespace {

ProbeRequest request_for(std::string url) {
    ProbeRequest r;
    r.url = std::move(url);
    r.timeout = 5s;
    return r;
}

Response fetch(ProbeRequest request) { return probe_all({std::move(request)}).front(); }

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("a healthy HTTP site yields status, final headers, body and phase timings") {
    TestHttpServer server;
    Route page;
    page.body = "<html><title>Acme</title><body>hello</body></html>";
    page.headers = {{"X-Custom-Header", "  yes  "}};
    page.delay = 50ms;
    server.route("/", page);

    Response r = fetch(request_for(server.url("/")));

    CHECK(r.transport_error == TransportError::none);
    CHECK(r.error_message.empty());
    CHECK(r.http_status == 200);
    CHECK(r.http_version == 11);
    CHECK(r.url == server.url("/"));
    CHECK(r.final_url == server.url("/"));
    CHECK(r.body == page.body);
    CHECK_FALSE(r.body_truncated);
    REQUIRE(r.header("x-custom-header") != nullptr);
    CHECK(*r.header("x-custom-header") == "yes");
    REQUIRE(r.header("content-type") != nullptr);
    CHECK(*r.header("content-type") == "text/html; charset=utf-8");
    CHECK(r.wire_bytes > 0);
    CHECK(r.redirects.empty());
    CHECK_FALSE(r.tls.performed);
    CHECK(r.cert_chain.empty());

    // The server waits 50 ms before answering: that is processing time.
    CHECK(r.phases.processing >= 0.045);
    CHECK(r.phases.tls == 0);
    CHECK(r.total_seconds >= r.phases.processing);
    const double sum =
        r.phases.dns + r.phases.connect + r.phases.tls + r.phases.processing + r.phases.transfer;
    CHECK(sum == Approx(r.total_seconds).margin(0.005));
    CHECK(r.started_at <= Clock::now());
    CHECK(r.started_at > Clock::now() - 10s);
}

TEST_CASE("the default user agent names sitewatch and configured headers are sent") {
    TestHttpServer server;
    std::mutex m;
    std::string user_agent, custom, method;
    server.handle("/echo", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(m);
        user_agent = req.get_header_value("User-Agent");
        custom = req.get_header_value("X-Probe");
        method = req.method;
        res.set_content("ok", "text/plain");
    });

    ProbeRequest req = request_for(server.url("/echo"));
    req.headers = {{"X-Probe", "1"}};
    Response r = fetch(req);
    CHECK(r.http_status == 200);
    {
        std::lock_guard lock(m);
        CHECK(user_agent == std::string("sitewatch/") + SITEWATCH_VERSION);
        CHECK(custom == "1");
        CHECK(method == "GET");
    }

    req.user_agent = "Mozilla/5.0 (compatible; Googlebot/2.1)";
    req.method = "HEAD";
    r = fetch(req);
    CHECK(r.http_status == 200);
    CHECK(r.body.empty());
    std::lock_guard lock(m);
    CHECK(user_agent == "Mozilla/5.0 (compatible; Googlebot/2.1)");
    CHECK(method == "HEAD");
}

TEST_CASE("a healthy HTTPS site with the test CA as ca_file is trusted and matches its host") {
    TestCertificates certs;
    TestHttpServer server(certs.valid());
    server.route("/", Route::html("secure hello"));

    ProbeRequest req = request_for(server.url("/"));
    req.ca_file = certs.ca_file();
    Response r = fetch(req);

    CHECK(r.transport_error == TransportError::none);
    CHECK(r.http_status == 200);
    CHECK(r.body == "secure hello");
    CHECK(r.tls.performed);
    CHECK(r.tls.chain_trusted);
    CHECK(r.tls.hostname_matches);
    CHECK(r.tls.verify_error == 0);
    CHECK(r.tls.verify_message.empty());
    CHECK(r.tls.tls_version == "TLSv1.3");
    CHECK_FALSE(r.tls.cipher.empty());
    CHECK(r.phases.tls > 0);
    CHECK(r.phases.connect > 0);

    REQUIRE(r.cert_chain.size() == 1);  // the server presents its leaf only
    const CertificateInfo& leaf = r.cert_chain.front();
    CHECK(leaf.subject.find("CN=localhost") != std::string::npos);
    CHECK(leaf.issuer.find("CN=sitewatch demo CA") != std::string::npos);
    CHECK(leaf.dns_names == std::vector<std::string>{"localhost"});
    CHECK(leaf.ip_addresses == std::vector<std::string>{"127.0.0.1"});
    CHECK(leaf.not_before < Clock::now());
    CHECK(leaf.not_after > Clock::now() + 300 * 24h);
    CHECK_FALSE(leaf.serial_hex.empty());
    CHECK(leaf.fingerprint_sha256.size() == 64);
    CHECK(leaf.fingerprint_sha256.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK_FALSE(leaf.self_signed);
}

TEST_CASE("5xx statuses are HTTP responses, not transport errors") {
    TestHttpServer server;
    server.route("/500", Route::html("Internal Server Error").with_status(500));
    server.route("/503", Route::html("Service Unavailable").with_status(503));

    auto responses = probe_all({request_for(server.url("/500")), request_for(server.url("/503"))});
    CHECK(responses[0].transport_error == TransportError::none);
    CHECK(responses[0].http_status == 500);
    CHECK(responses[0].body == "Internal Server Error");
    CHECK(responses[1].transport_error == TransportError::none);
    CHECK(responses[1].http_status == 503);
}

TEST_CASE("a refused connection is reported as connect_refused") {
    ClosedPort port;
    Response r = fetch(request_for("http://127.0.0.1:" + std::to_string(port.port()) + "/"));
    CHECK(r.transport_error == TransportError::connect_refused);
    CHECK_FALSE(r.error_message.empty());
    CHECK(r.http_status == 0);
}

TEST_CASE("a connection reset by the server is reported as reset") {
    RawTcpServer server(RawTcpServer::Mode::reset);
    Response r = fetch(request_for(server.url()));
    CHECK(r.transport_error == TransportError::reset);
    CHECK_FALSE(r.error_message.empty());
    CHECK(server.connections() == 1);
}

TEST_CASE("a server that never answers is reported as timeout after the site's timeout") {
    RawTcpServer server(RawTcpServer::Mode::hang);
    ProbeRequest req = request_for(server.url());
    req.timeout = 300ms;
    auto start = std::chrono::steady_clock::now();
    Response r = fetch(req);
    const double elapsed = seconds_since(start);
    CHECK(r.transport_error == TransportError::timeout);
    CHECK(r.error_message.find("timed out") != std::string::npos);
    CHECK(elapsed >= 0.29);
    CHECK(elapsed < 2.0);
    CHECK(r.total_seconds == Approx(0.3).margin(0.1));
}

TEST_CASE("a slow HTTP answer past the timeout is reported as timeout") {
    TestHttpServer server;
    server.route("/slow", Route::html("late").with_delay(3s));
    ProbeRequest req = request_for(server.url("/slow"));
    req.timeout = 300ms;
    Response r = fetch(req);
    CHECK(r.transport_error == TransportError::timeout);
}

TEST_CASE("a name that does not resolve is reported as dns, quickly") {
    // The .invalid TLD is reserved (RFC 2606) and never resolves; this sandbox's resolver
    // answers NXDOMAIN for it in milliseconds.
    auto start = std::chrono::steady_clock::now();
    Response r = fetch(request_for("http://sitewatch-probe-test.invalid/"));
    CHECK(r.transport_error == TransportError::dns);
    CHECK(r.error_message.find("resolve") != std::string::npos);
    CHECK(seconds_since(start) < 4.0);
}

TEST_CASE("a TLS handshake with a server answering garbage is reported as tls_handshake") {
    RawTcpServer server(RawTcpServer::Mode::garbage);
    Response r = fetch(request_for(server.url("https")));
    CHECK(r.transport_error == TransportError::tls_handshake);
    CHECK_FALSE(r.error_message.empty());
    CHECK(r.tls.performed);
    CHECK_FALSE(r.tls.chain_trusted);
    CHECK(r.cert_chain.empty());
}

TEST_CASE("garbage instead of an HTTP response is reported as protocol") {
    SECTION("no status line at all") {
        RawTcpServer server(RawTcpServer::Mode::garbage);
        Response r = fetch(request_for(server.url()));
        CHECK(r.transport_error == TransportError::protocol);
    }
    SECTION("a malformed status line") {
        RawTcpServer server(RawTcpServer::Mode::garbage, "HTTP/1.1 abc\r\n\r\n");
        Response r = fetch(request_for(server.url()));
        CHECK(r.transport_error == TransportError::protocol);
    }
    SECTION("an empty reply") {
        RawTcpServer server(RawTcpServer::Mode::garbage, "");
        Response r = fetch(request_for(server.url()));
        CHECK(r.transport_error == TransportError::reset);
    }
}

TEST_CASE("odd but readable responses keep what arrived and never crash the probe") {
    SECTION("folded header lines and repeated headers") {
        RawTcpServer server(RawTcpServer::Mode::garbage,
                            "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n"
                            "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\n\r\nhi");
        Response r = fetch(request_for(server.url()));
        CHECK(r.transport_error == TransportError::none);
        CHECK(r.http_status == 200);
        CHECK(r.body == "hi");
        REQUIRE(r.header("x-a") != nullptr);
        CHECK(*r.header("x-a") == "1 folded");
        CHECK(std::count_if(r.headers.begin(), r.headers.end(),
                            [](const auto& h) { return h.first == "set-cookie"; }) == 2);
    }
    SECTION("a header line without a colon is a protocol error") {
        RawTcpServer server(RawTcpServer::Mode::garbage,
                            "HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 2\r\n\r\nhi");
        Response r = fetch(request_for(server.url()));
        CHECK(r.transport_error == TransportError::protocol);
        INFO(r.error_message);
        CHECK_FALSE(r.error_message.empty());
    }
    SECTION("a body shorter than its Content-Length is a reset, with the part kept") {
        RawTcpServer server(RawTcpServer::Mode::garbage,
                            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
        Response r = fetch(request_for(server.url()));
        CHECK(r.transport_error == TransportError::reset);
        CHECK(r.http_status == 200);
        CHECK(r.body == "short");
    }
    SECTION("broken chunked encoding is an error, not a crash") {
        RawTcpServer server(RawTcpServer::Mode::garbage,
                            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        Response r = fetch(request_for(server.url()));
        CHECK(r.transport_error != TransportError::none);
        CHECK_FALSE(r.error_message.empty());
    }
    SECTION("a gzip header over plain bytes is an error, not a crash") {
        RawTcpServer server(RawTcpServer::Mode::garbage,
                            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                            "Content-Length: 9\r\n\r\nnot gzip!");
        Response r = fetch(request_for(server.url()));
        CHECK(r.transport_error == TransportError::protocol);
    }
}

TEST_CASE("certificate problems are recorded while the page is still read") {
    TestCertificates certs;

    SECTION("an expired certificate") {
        TestHttpServer server(certs.expired());
        server.route("/", Route::html("expired but here"));
        ProbeRequest req = request_for(server.url("/"));
        req.ca_file = certs.ca_file();
        Response r = fetch(req);
        CHECK(r.transport_error == TransportError::none);
        CHECK(r.body == "expired but here");
        CHECK(r.tls.performed);
        CHECK_FALSE(r.tls.chain_trusted);
        CHECK(r.tls.hostname_matches);
        CHECK(r.tls.verify_error == X509_V_ERR_CERT_HAS_EXPIRED);
        CHECK(r.tls.verify_message == "certificate has expired");
        REQUIRE_FALSE(r.cert_chain.empty());
        CHECK(r.cert_chain[0].not_after < Clock::now());
    }
    SECTION("a certificate not valid yet") {
        TestHttpServer server(certs.not_yet_valid());
        server.route("/", Route::html("early"));
        ProbeRequest req = request_for(server.url("/"));
        req.ca_file = certs.ca_file();
        Response r = fetch(req);
        CHECK(r.body == "early");
        CHECK_FALSE(r.tls.chain_trusted);
        CHECK(r.tls.verify_error == X509_V_ERR_CERT_NOT_YET_VALID);
    }
    SECTION("a self-signed certificate") {
        TestHttpServer server(certs.self_signed());
        server.route("/", Route::html("self"));
        ProbeRequest req = request_for(server.url("/"));
        req.ca_file = certs.ca_file();
        Response r = fetch(req);
        CHECK(r.transport_error == TransportError::none);
        CHECK(r.body == "self");
        CHECK_FALSE(r.tls.chain_trusted);
        CHECK(r.tls.hostname_matches);
        CHECK(r.tls.verify_error == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
        REQUIRE(r.cert_chain.size() == 1);
        CHECK(r.cert_chain[0].self_signed);
    }
    SECTION("a certificate for another host") {
        TestHttpServer server(certs.wrong_host());
        server.route("/", Route::html("elsewhere"));
        ProbeRequest req = request_for(server.url("/"));
        req.ca_file = certs.ca_file();
        Response r = fetch(req);
        CHECK(r.transport_error == TransportError::none);
        CHECK(r.body == "elsewhere");
        CHECK(r.tls.chain_trusted);
        CHECK_FALSE(r.tls.hostname_matches);
        REQUIRE_FALSE(r.cert_chain.empty());
        CHECK(r.cert_chain[0].dns_names == std::vector<std::string>{"wrong.example"});
    }
    SECTION("a chain from a CA the probe does not trust") {
        TestHttpServer server(certs.valid());
        server.route("/", Route::html("untrusted"));
        Response r = fetch(request_for(server.url("/")));  // no ca_file
        CHECK(r.transport_error == TransportError::none);
        CHECK(r.body == "untrusted");
        CHECK_FALSE(r.tls.chain_trusted);
        CHECK(r.tls.hostname_matches);
        CHECK(r.tls.verify_error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        CHECK_FALSE(r.tls.verify_message.empty());
    }
    SECTION("a certificate expiring soon is trusted and shows its end date") {
        TestHttpServer server(certs.expiring_in(3));
        server.route("/", Route::html("soon"));
        ProbeRequest req = request_for(server.url("/"));
        req.ca_file = certs.ca_file();
        Response r = fetch(req);
        CHECK(r.tls.chain_trusted);
        REQUIRE_FALSE(r.cert_chain.empty());
        const auto left = r.cert_chain[0].not_after - Clock::now();
        CHECK(left > 71h);
        CHECK(left < 73h);
    }
    SECTION("a missing extra CA file leaves the chain untrusted and says why") {
        TestHttpServer server(certs.valid());
        server.route("/", Route::html("x"));
        ProbeRequest req = request_for(server.url("/"));
        req.ca_file = (certs.dir() / "missing.pem").string();
        Response r = fetch(req);
        CHECK(r.transport_error == TransportError::none);
        CHECK_FALSE(r.tls.chain_trusted);
        CHECK(r.tls.verify_message.find("could not be loaded") != std::string::npos);
    }
}

TEST_CASE("resolve connects to the given address while TLS still checks the URL's host") {
    TestCertificates certs;
    TestHttpServer server(certs.wrong_host());
    std::mutex m;
    std::string host_header;
    server.handle("/", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(m);
        host_header = req.get_header_value("Host");
        res.set_content("pinned", "text/plain");
    });

    const std::string port = std::to_string(server.port());
    ProbeRequest req = request_for("https://wrong.example:" + port + "/");
    req.resolve = "127.0.0.1";
    req.ca_file = certs.ca_file();
    Response r = fetch(req);
    CHECK(r.transport_error == TransportError::none);
    CHECK(r.body == "pinned");
    CHECK(r.tls.chain_trusted);
    CHECK(r.tls.hostname_matches);
    std::lock_guard lock(m);
    CHECK(host_header == "wrong.example:" + port);
}

TEST_CASE("a redirect chain is followed and recorded hop by hop") {
    TestHttpServer server;
    server.route("/start", Route::redirect("/middle", 301));
    server.route("/middle", Route::redirect(server.url("/final"), 302));
    Route final_page;
    final_page.body = "arrived";
    final_page.headers = {{"X-Final", "1"}};
    server.route("/final", final_page);

    Response r = fetch(request_for(server.url("/start")));
    CHECK(r.transport_error == TransportError::none);
    CHECK(r.http_status == 200);
    CHECK(r.body == "arrived");
    CHECK(r.final_url == server.url("/final"));
    REQUIRE(r.redirects.size() == 2);
    CHECK(r.redirects[0].url == server.url("/start"));
    CHECK(r.redirects[0].status == 301);
    CHECK(r.redirects[0].location == server.url("/middle"));
    CHECK(r.redirects[1].url == server.url("/middle"));
    CHECK(r.redirects[1].status == 302);
    CHECK(r.redirects[1].location == server.url("/final"));
    // Only the final response's headers: the redirects' Location is not among them.
    CHECK(r.header("location") == nullptr);
    CHECK(r.header("x-final") != nullptr);
}

TEST_CASE("more redirects than max_redirects is reported as too_many_redirects") {
    TestHttpServer server;
    server.route("/loop", Route::redirect("/loop", 302));

    ProbeRequest req = request_for(server.url("/loop"));
    req.max_redirects = 3;
    Response r = fetch(req);
    CHECK(r.transport_error == TransportError::too_many_redirects);
    CHECK_FALSE(r.error_message.empty());
    CHECK(r.redirects.size() == 4);  // three followed, the fourth refused
    CHECK(server.requests() == 4);
}

TEST_CASE("max_redirects 0 returns the redirect itself instead of following it") {
    TestHttpServer server;
    server.route("/moved", Route::redirect("/elsewhere", 301));
    ProbeRequest req = request_for(server.url("/moved"));
    req.max_redirects = 0;
    Response r = fetch(req);
    CHECK(r.transport_error == TransportError::none);
    CHECK(r.http_status == 301);
    REQUIRE(r.header("location") != nullptr);
    CHECK(*r.header("location") == "/elsewhere");
    CHECK(r.redirects.empty());
}

TEST_CASE("a body longer than max_body is cut there and the fetch still succeeds") {
    TestHttpServer server;
    server.route("/big", Route::html(std::string(1 << 20, 'a')).with_content_type("text/plain"));
    server.route("/exact", Route::html(std::string(1000, 'b')).with_content_type("text/plain"));

    ProbeRequest big = request_for(server.url("/big"));
    big.max_body = 10000;
    ProbeRequest exact = request_for(server.url("/exact"));
    exact.max_body = 1000;
    auto responses = probe_all({big, exact});

    CHECK(responses[0].transport_error == TransportError::none);
    CHECK(responses[0].error_message.empty());
    CHECK(responses[0].http_status == 200);
    CHECK(responses[0].body.size() == 10000);
    CHECK(responses[0].body_truncated);
    CHECK(responses[1].body.size() == 1000);
    CHECK_FALSE(responses[1].body_truncated);
}

TEST_CASE("a gzip bomb is decoded only up to max_body") {
    const std::size_t decoded = 64u << 20;  // 64 MiB of zeros
    const std::string bomb = make_gzip_bomb(decoded);
    REQUIRE(bomb.size() < decoded / 100);

    TestHttpServer server;
    Route route;
    route.body = bomb;
    route.content_type = "application/octet-stream";
    route.headers = {{"Content-Encoding", "gzip"}};
    server.route("/bomb", route);

    SECTION("stopped at max_body") {
        ProbeRequest req = request_for(server.url("/bomb"));
        req.max_body = 256 * 1024;
        Response r = fetch(req);
        CHECK(r.transport_error == TransportError::none);
        CHECK(r.body_truncated);
        CHECK(r.body.size() == req.max_body);
        CHECK(r.body.find_first_not_of('\0') == std::string::npos);
        CHECK(r.body.capacity() <= 2 * req.max_body);
        CHECK(r.wire_bytes < bomb.size());  // stopped reading, too
    }
    SECTION("a small bomb within max_body decodes completely") {
        server.route("/small", Route::html(make_gzip_bomb(100000))
                                   .with_content_type("application/octet-stream")
                                   .with_header("Content-Encoding", "gzip"));
        Response r = fetch(request_for(server.url("/small")));
        CHECK(r.transport_error == TransportError::none);
        CHECK(r.body == std::string(100000, '\0'));
        CHECK_FALSE(r.body_truncated);
        CHECK(r.wire_bytes < 10000);
    }
}

TEST_CASE("200 concurrent HTTPS transfers all complete on the one probe thread") {
    TestCertificates certs;
    TestHttpServer server(certs.valid());
    server.route("/", Route::html("ok").with_delay(20ms));

    std::mutex m;
    std::condition_variable cv;
    std::set<std::uint64_t> ids;
    std::size_t trusted = 0;
    std::set<std::thread::id> callback_threads;
    std::atomic<std::size_t> peak{0};

    ProbeEngine engine({.max_in_flight = 64}, [&](std::uint64_t id, Response r) {
        std::lock_guard lock(m);
        ids.insert(id);
        if (r.transport_error == TransportError::none && r.body == "ok" && r.tls.chain_trusted)
            ++trusted;
        callback_threads.insert(std::this_thread::get_id());
        cv.notify_all();
    });
    const std::size_t n = 200;
    for (std::size_t i = 0; i < n; ++i) {
        ProbeRequest req = request_for(server.url("/"));
        req.id = 1000 + i;
        req.ca_file = certs.ca_file();
        engine.submit(std::move(req));
        peak = std::max(peak.load(), engine.in_flight());
    }
    std::unique_lock lock(m);
    REQUIRE(cv.wait_for(lock, 60s, [&] { return ids.size() == n; }));
    CHECK(trusted == n);
    CHECK(*ids.begin() == 1000);
    CHECK(*ids.rbegin() == 1000 + n - 1);
    CHECK(callback_threads.size() == 1);
    CHECK(callback_threads.count(std::this_thread::get_id()) == 0);
    CHECK(peak.load() > 1);
    lock.unlock();
    // The count drops after the callback returns.
    for (int i = 0; i < 100 && engine.in_flight() != 0; ++i) std::this_thread::sleep_for(10ms);
    CHECK(engine.in_flight() == 0);
    CHECK(server.requests() == n);
}

TEST_CASE("stopping the engine abandons running transfers without callbacks") {
    RawTcpServer server(RawTcpServer::Mode::hang);
    std::atomic<int> callbacks{0};
    auto engine = std::make_unique<ProbeEngine>(ProbeEngine::Options{},
                                                [&](std::uint64_t, Response) { ++callbacks; });
    for (int i = 0; i < 5; ++i) engine->submit(request_for(server.url()));
    for (int i = 0; i < 200 && server.connections() < 5; ++i) std::this_thread::sleep_for(5ms);
    CHECK(engine->in_flight() == 5);

    auto start = std::chrono::steady_clock::now();
    engine->stop();
    CHECK(seconds_since(start) < 1.0);
    CHECK(engine->in_flight() == 0);
    engine->submit(request_for(server.url()));  // ignored after stop
    engine.reset();
    CHECK(callbacks.load() == 0);
}

TEST_CASE("probe_all returns responses in request order") {
    TestHttpServer server;
    server.route("/a", Route::html("A").with_delay(100ms));
    server.route("/b", Route::html("B"));
    ProbeRequest a = request_for(server.url("/a"));
    a.id = 7;
    ProbeRequest b = request_for(server.url("/b"));
    b.id = 7;  // ids are the caller's business; order comes from the vector
    auto responses = probe_all({a, b});
    REQUIRE(responses.size() == 2);
    CHECK(responses[0].body == "A");
    CHECK(responses[1].body == "B");
    CHECK(probe_all({}).empty());
}
