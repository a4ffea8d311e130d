#pragma once
// The `server.listen` value: "host:port", "[v6addr]:port" or ":port" (every interface).
#include <string>
#include <string_view>

namespace sitewatch {

struct ListenAddress {
    std::string host;  // as given, without IPv6 brackets; "0.0.0.0" for ":port"
    int port = 0;      // 0 asks the kernel for a free port

    // Parses `text`; throws std::invalid_argument with the offending text on bad input.
    static ListenAddress parse(std::string_view text);
};

}  // namespace sitewatch
