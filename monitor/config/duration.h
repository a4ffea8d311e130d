#pragma once
// Durations as the contract writes them: 250ms, 1s, 30s, 5m, 2h, 7d (and combinations
// such as 1h30m). Sizes: 5MiB, 512KiB, 1MB, 1000.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sitewatch::config {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);
std::string format_duration(std::chrono::milliseconds d);
std::optional<std::size_t> parse_size(std::string_view text);

}  // namespace sitewatch::config
