#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sitewatch {

// Everything the probe engine needs for one fetch. Built from a SiteConfig by the daemon.
struct ProbeRequest {
    std::uint64_t id = 0;  // caller's correlation id, echoed in the completion
    std::string url;
    std::string method = "GET";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string user_agent;
    std::chrono::milliseconds timeout{10'000};
    std::size_t max_body = 5u << 20;
    int max_redirects = 5;
    std::optional<std::string> ca_file;  // extra trust anchor besides the system store
    std::optional<std::string> resolve;  // connect to this IP instead of resolving the host
};

}  // namespace sitewatch
