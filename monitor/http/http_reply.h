#pragma once
// Small helpers every route uses, so that every answer has the same shape: JSON bodies that
// survive bad UTF-8 in their input, and errors as {"error": "..."}.
#include <httplib.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sitewatch::http {

inline constexpr const char* kJsonType = "application/json";
inline constexpr const char* kPrometheusTextType = "text/plain; version=0.0.4; charset=utf-8";

// Serialises `body` (invalid UTF-8 replaced by U+FFFD, never a throw) with `status`.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// {"error": message} with `status` (4xx/5xx).
void send_error(httplib::Response& res, int status, std::string_view message);

// A query parameter's value, or nullopt when absent. With repeated parameters the first wins.
std::optional<std::string> query_param(const httplib::Request& req, const char* name);

// Parses a non-negative decimal integer of at most 9 digits (no sign, no spaces). Anything
// else, including overflow, is nullopt.
std::optional<std::size_t> parse_count(std::string_view text);

// Shortens user input echoed in an error message, so a 8 KiB target is not sent back whole.
std::string clip_for_message(std::string_view text);

}  // namespace sitewatch::http
