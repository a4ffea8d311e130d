#pragma once
// Checks of single values whose rules are not YAML-specific: URLs, listen addresses, IP
// addresses, status specs, header names. Each returns what is wrong, or nothing when valid.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/model/check_spec.h"

namespace sitewatch::config::detail {

// Why `url` is not an absolute URL with one of `schemes` and a host; nullopt when it is.
std::optional<std::string> url_problem(std::string_view url,
                                       const std::vector<std::string>& schemes);

// Why `listen` is not HOST:PORT (HOST a name, an IPv4 address or a bracketed IPv6 address).
std::optional<std::string> listen_problem(std::string_view listen);

// The IP address in `text` (IPv4, or IPv6 with or without brackets), brackets removed.
std::optional<std::string> parse_ip(std::string_view text);

// 200, "200-399" or "2xx" (codes 100-599).
std::optional<StatusRange> parse_status_spec(std::string_view text);

// An HTTP header name: an RFC 9110 token.
bool is_header_name(std::string_view name);

// True when `text` holds a control character (CR, LF, NUL...), which no single-line value
// such as a header, a URL or a path may carry.
bool has_control_char(std::string_view text);

}  // namespace sitewatch::config::detail
