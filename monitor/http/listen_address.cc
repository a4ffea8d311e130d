#include "monitor/http/listen_address.h"

#include <stdexcept>

namespace sitewatch {

namespace {

[[noreturn]] void fail(std::string_view text, const char* why) {
    throw std::invalid_argument("invalid listen address '" + std::string(text) + "': " + why);
}

}  // namespace

ListenAddress ListenAddress::parse(std::string_view text) {
    ListenAddress out;
    std::string_view port_text;
    if (!text.empty() && text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos) fail(text, "missing ']' after the IPv6 address");
        if (close + 1 >= text.size() || text[close + 1] != ':')
            fail(text, "expected ':port' after the IPv6 address");
        out.host = std::string(text.substr(1, close - 1));
        if (out.host.empty()) fail(text, "empty IPv6 address");
        port_text = text.substr(close + 2);
    } else {
        auto colon = text.rfind(':');
        if (colon == std::string_view::npos) fail(text, "expected host:port");
        out.host = std::string(text.substr(0, colon));
        if (out.host.find(':') != std::string::npos)
            fail(text, "write IPv6 addresses in brackets, e.g. [::1]:9090");
        if (out.host.empty()) out.host = "0.0.0.0";
        port_text = text.substr(colon + 1);
    }
    if (port_text.empty() || port_text.size() > 5) fail(text, "port must be a number 0-65535");
    int port = 0;
    for (char c : port_text) {
        if (c < '0' || c > '9') fail(text, "port must be a number 0-65535");
        port = port * 10 + (c - '0');
    }
    if (port > 65535) fail(text, "port must be a number 0-65535");
    out.port = port;
    return out;
}

}  // namespace sitewatch
