#pragma once
// `sitewatch run` as a child process for integration tests: started on a config, its API port
// read from stderr, and polling helpers for the sites API. Header-only because it uses Catch2's
// assertions; include it from test files only (they define SITEWATCH_BINARY).
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "tests/support/child_process.h"

namespace sitewatch::testing {

using namespace std::chrono_literals;

// A running daemon and the port its API answered on.
class DaemonUnderTest {
public:
    explicit DaemonUnderTest(const std::string& config)
        : process_({SITEWATCH_BINARY, "run", "--config", config}) {
        const auto deadline = std::chrono::steady_clock::now() + 15s;
        std::smatch m;
        static const std::regex listening("on http://127\\.0\\.0\\.1:([0-9]+)/");
        while (std::chrono::steady_clock::now() < deadline) {
            auto err = process_.stderr_text();
            if (std::regex_search(err, m, listening)) {
                port_ = std::stoi(m[1]);
                return;
            }
            if (process_.wait_for(0ms)) break;
            std::this_thread::sleep_for(50ms);
        }
        FAIL("daemon did not start: " << process_.stderr_text());
    }
    ChildProcess& process() { return process_; }
    int port() const { return port_; }

    nlohmann::json get_json(const std::string& path) const {
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(5, 0);
        auto res = c.Get(path.c_str());
        REQUIRE(res);
        return nlohmann::json::parse(res->body);
    }
    std::string get_text(const std::string& path) const {
        httplib::Client c("127.0.0.1", port_);
        auto res = c.Get(path.c_str());
        REQUIRE(res);
        return res->body;
    }
    // Polls the sites API until `pred` holds for it, for at most `timeout`.
    template <typename Pred>
    nlohmann::json wait_for_sites(Pred pred, std::chrono::seconds timeout = 20s) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        nlohmann::json sites;
        while (std::chrono::steady_clock::now() < deadline) {
            sites = get_json("/api/v1/sites")["sites"];
            if (pred(sites)) return sites;
            std::this_thread::sleep_for(100ms);
        }
        FAIL("condition not reached; last sites: " << sites.dump());
        return sites;
    }

    // A site's stored results once at least `n` are there; results reach the store in
    // batches (every 250 ms), a little after the sites API shows them.
    nlohmann::json wait_for_results(const std::string& site, std::size_t n) const {
        nlohmann::json results;
        for (int i = 0; i < 50; ++i) {
            results = get_json("/api/v1/sites/" + site + "/results?limit=10")["results"];
            if (results.size() >= n) break;
            std::this_thread::sleep_for(100ms);
        }
        return results;
    }

private:
    ChildProcess process_;
    int port_ = 0;
};

inline nlohmann::json by_name(const nlohmann::json& sites, const std::string& name) {
    for (const auto& s : sites)
        if (s["name"] == name) return s;
    return nullptr;
}

}  // namespace sitewatch::testing
