#include "monitor/config/detail/value_checks.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>

namespace sitewatch::config::detail {

namespace {

struct CurlUrlDeleter {
    void operator()(CURLU* h) const { curl_url_cleanup(h); }
};

struct CurlStringDeleter {
    void operator()(char* s) const { curl_free(s); }
};

std::optional<std::string> url_part(CURLU* h, CURLUPart part) {
    char* raw = nullptr;
    if (curl_url_get(h, part, &raw, 0) != CURLUE_OK || raw == nullptr) return std::nullopt;
    std::unique_ptr<char, CurlStringDeleter> owned(raw);
    return std::string(raw);
}

std::string join(const std::vector<std::string>& items, std::string_view last_sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? std::string(last_sep) : std::string(", ");
        out += items[i];
    }
    return out;
}

bool is_hostname(std::string_view host) {
    if (host.empty() || host.size() > 253) return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.';
    });
}

std::optional<int> parse_number(std::string_view text) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

bool has_control_char(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

std::optional<std::string> url_problem(std::string_view url,
                                       const std::vector<std::string>& schemes) {
    const std::string expected = "an absolute " + join(schemes, " or ") + " URL";
    if (has_control_char(url)) return "must be " + expected + " without control characters";
    if (url.find("://") == std::string_view::npos) {
        return "must be " + expected + ", starting with " + schemes.front() + "://";
    }
    std::unique_ptr<CURLU, CurlUrlDeleter> h(curl_url());
    if (!h) return "could not be checked (out of memory)";
    const std::string text(url);
    // Accept any scheme here so that a wrong one is reported as such, not as "unsupported".
    const CURLUcode rc =
        curl_url_set(h.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME);
    if (rc != CURLUE_OK) return "must be " + expected + ": " + curl_url_strerror(rc);
    auto scheme = url_part(h.get(), CURLUPART_SCHEME);
    if (!scheme || std::find(schemes.begin(), schemes.end(), *scheme) == schemes.end()) {
        return "must be " + expected + ", not " + scheme.value_or("schemeless");
    }
    auto host = url_part(h.get(), CURLUPART_HOST);
    if (!host || host->empty()) return "must be " + expected + " with a host";
    return std::nullopt;
}

std::optional<std::string> parse_ip(std::string_view text) {
    if (has_control_char(text)) return std::nullopt;  // inet_pton would stop at a NUL
    std::string addr(text);
    if (addr.size() >= 2 && addr.front() == '[' && addr.back() == ']') {
        addr = addr.substr(1, addr.size() - 2);
        in6_addr v6{};
        if (inet_pton(AF_INET6, addr.c_str(), &v6) == 1) return addr;
        return std::nullopt;
    }
    in_addr v4{};
    in6_addr v6{};
    if (inet_pton(AF_INET, addr.c_str(), &v4) == 1) return addr;
    if (inet_pton(AF_INET6, addr.c_str(), &v6) == 1) return addr;
    return std::nullopt;
}

std::optional<std::string> listen_problem(std::string_view listen) {
    const std::string usage = "must be HOST:PORT, e.g. 127.0.0.1:9090 or [::1]:9090";
    const auto colon = listen.rfind(':');
    if (colon == std::string_view::npos) return usage + " (no port)";
    const auto host = listen.substr(0, colon);
    const auto port = listen.substr(colon + 1);
    const auto port_number = parse_number(port);
    if (!port_number || *port_number < 0 || *port_number > 65535) {
        return usage + " (port must be a number from 0 to 65535)";
    }
    if (host.empty()) return usage + " (no host; use 0.0.0.0 to listen on every interface)";
    if (host.front() == '[') {
        if (parse_ip(host) && host.back() == ']') return std::nullopt;
        return usage + " (bad IPv6 address)";
    }
    if (host.find(':') != std::string_view::npos) {
        return usage + " (put an IPv6 address in brackets)";
    }
    if (!is_hostname(host)) return usage + " (bad host)";
    return std::nullopt;
}

std::optional<StatusRange> parse_status_spec(std::string_view text) {
    constexpr int kLowest = 100, kHighest = 599;
    auto valid = [](StatusRange r) -> std::optional<StatusRange> {
        if (r.lo < kLowest || r.hi > kHighest || r.lo > r.hi) return std::nullopt;
        return r;
    };
    // "2xx": the whole class.
    if (text.size() == 3 && text[0] >= '1' && text[0] <= '5' &&
        (text[1] == 'x' || text[1] == 'X') && (text[2] == 'x' || text[2] == 'X')) {
        const int base = (text[0] - '0') * 100;
        return StatusRange{base, base + 99};
    }
    const auto dash = text.find('-');
    if (dash == std::string_view::npos) {
        auto code = parse_number(text);
        if (!code) return std::nullopt;
        return valid({*code, *code});
    }
    auto lo = parse_number(text.substr(0, dash));
    auto hi = parse_number(text.substr(dash + 1));
    if (!lo || !hi) return std::nullopt;
    return valid({*lo, *hi});
}

bool is_header_name(std::string_view name) {
    constexpr std::string_view kTokenPunct = "!#$%&'*+-.^_`|~";
    if (name.empty()) return false;
    return std::all_of(name.begin(), name.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               kTokenPunct.find(c) != std::string_view::npos;
    });
}

}  // namespace sitewatch::config::detail
