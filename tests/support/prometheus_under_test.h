#pragma once
// A real Prometheus (Debian's /usr/bin/prometheus) as a child process on a free loopback port,
// its TSDB in a private temp dir, and its HTTP query API. Header-only because it uses Catch2's
// assertions; include it from test files only. Never port 9090: a system Prometheus may be
// there.
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

namespace sitewatch::testing {

// A loopback port that was free a moment ago (bound to port 0, then released).
inline int free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    ::close(fd);
    REQUIRE(ok);
    return ntohs(addr.sin_port);
}

class PrometheusUnderTest {
public:
    static constexpr const char* kBinary = "/usr/bin/prometheus";

    explicit PrometheusUnderTest(const std::string& config_file)
        : port_(free_loopback_port()),
          process_({kBinary, "--config.file=" + config_file,
                    "--storage.tsdb.path=" + (storage_.path() / "tsdb").string(),
                    "--web.listen-address=127.0.0.1:" + std::to_string(port_),
                    "--log.level=warn"}) {
        using namespace std::chrono_literals;
        const auto deadline = std::chrono::steady_clock::now() + 15s;
        while (std::chrono::steady_clock::now() < deadline) {
            httplib::Client c("127.0.0.1", port_);
            c.set_connection_timeout(1, 0);
            if (auto res = c.Get("/-/ready"); res && res->status == 200) return;
            if (process_.wait_for(0ms)) break;
            std::this_thread::sleep_for(100ms);
        }
        FAIL("prometheus did not become ready: " << process_.stderr_text());
    }

    int port() const { return port_; }
    std::string log() const { return process_.stderr_text(); }

    // The `data.result` of an instant query (an array of {metric, value}).
    nlohmann::json query(const std::string& promql) const {
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(5, 0);
        auto res = c.Get("/api/v1/query", httplib::Params{{"query", promql}}, httplib::Headers{});
        REQUIRE(res);
        INFO(promql << " -> " << res->body);
        REQUIRE(res->status == 200);
        const auto body = nlohmann::json::parse(res->body);
        REQUIRE(body["status"] == "success");
        return body["data"]["result"];
    }

    // Queries until `pred` holds for the result, for at most `timeout`; the last result.
    template <typename Pred>
    nlohmann::json wait_for(const std::string& promql, Pred pred,
                            std::chrono::milliseconds timeout) const {
        using namespace std::chrono_literals;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        nlohmann::json result = query(promql);
        while (!pred(result) && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(250ms);
            result = query(promql);
        }
        return result;
    }

private:
    TempDir storage_;
    int port_;
    ChildProcess process_;
};

// The value of the sample whose `label` is `value` in a query result, or NaN if none.
inline double sample_value(const nlohmann::json& result, const std::string& label,
                           const std::string& value) {
    for (const auto& s : result)
        if (s["metric"].value(label, "") == value)
            return std::stod(s["value"][1].get<std::string>());
    return std::nan("");
}

}  // namespace sitewatch::testing
