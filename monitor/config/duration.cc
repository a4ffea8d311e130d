#include "monitor/config/duration.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string_view>

namespace sitewatch::config {

namespace {

struct Unit {
    std::string_view suffix;
    std::int64_t ms;
};

// Largest first: compound durations must list units in this order, each at most once
// (as Prometheus does), so "1h30m" is accepted and the ambiguous "30m1h" is not.
constexpr std::array<Unit, 5> kDurationUnits{{
    {"d", 24LL * 3600 * 1000},
    {"h", 3600LL * 1000},
    {"m", 60LL * 1000},
    {"s", 1000},
    {"ms", 1},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads the leading decimal digits of `text` into `value`; false when there are none or
// they do not fit in `max`.
bool take_number(std::string_view& text, std::uint64_t max, std::uint64_t& value) {
    std::size_t i = 0;
    value = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
        const auto digit = static_cast<std::uint64_t>(text[i] - '0');
        if (value > (max - digit) / 10) return false;
        value = value * 10 + digit;
    }
    if (i == 0) return false;
    text.remove_prefix(i);
    return true;
}

std::string_view take_letters(std::string_view& text) {
    std::size_t i = 0;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    auto letters = text.substr(0, i);
    text.remove_prefix(i);
    return letters;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (text == "0") return std::chrono::milliseconds{0};  // unambiguous without a unit
    if (text.empty()) return std::nullopt;

    std::uint64_t total = 0;
    std::size_t next_unit = 0;  // index into kDurationUnits: units must descend
    while (!text.empty()) {
        std::uint64_t n = 0;
        if (!take_number(text, kMax, n)) return std::nullopt;
        const auto suffix = take_letters(text);
        std::size_t u = next_unit;
        while (u < kDurationUnits.size() && kDurationUnits[u].suffix != suffix) ++u;
        if (u == kDurationUnits.size()) return std::nullopt;  // unknown, repeated or out of order
        next_unit = u + 1;
        const auto unit_ms = static_cast<std::uint64_t>(kDurationUnits[u].ms);
        if (n > kMax / unit_ms) return std::nullopt;
        const std::uint64_t part = n * unit_ms;
        if (total > kMax - part) return std::nullopt;
        total += part;
    }
    return std::chrono::milliseconds{static_cast<std::int64_t>(total)};
}

std::string format_duration(std::chrono::milliseconds d) {
    auto count = d.count();
    if (count == 0) return "0s";
    std::string out;
    // Work on the magnitude as unsigned so that the most negative value does not overflow.
    std::uint64_t rest = static_cast<std::uint64_t>(count);
    if (count < 0) {
        out = "-";
        rest = ~rest + 1;
    }
    for (const auto& unit : kDurationUnits) {
        const auto unit_ms = static_cast<std::uint64_t>(unit.ms);
        if (rest >= unit_ms) {
            out += std::to_string(rest / unit_ms);
            out += unit.suffix;
            rest %= unit_ms;
        }
    }
    return out;
}

std::optional<std::size_t> parse_size(std::string_view text) {
    struct SizeUnit {
        std::string_view suffix;
        std::uint64_t bytes;
    };
    static constexpr std::array<SizeUnit, 10> kSizeUnits{{
        {"", 1},
        {"B", 1},
        {"KB", 1000},
        {"MB", 1000ULL * 1000},
        {"GB", 1000ULL * 1000 * 1000},
        {"TB", 1000ULL * 1000 * 1000 * 1000},
        {"KiB", 1ULL << 10},
        {"MiB", 1ULL << 20},
        {"GiB", 1ULL << 30},
        {"TiB", 1ULL << 40},
    }};
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::size_t>::max());

    std::uint64_t n = 0;
    if (!take_number(text, kMax, n)) return std::nullopt;
    // "5 MiB" is as common as "5MiB"; allow one space before the unit.
    if (text.size() > 1 && text.front() == ' ') text.remove_prefix(1);
    const auto suffix = take_letters(text);
    if (!text.empty()) return std::nullopt;
    for (const auto& unit : kSizeUnits) {
        if (!iequals(suffix, unit.suffix)) continue;
        if (n > kMax / unit.bytes) return std::nullopt;
        return static_cast<std::size_t>(n * unit.bytes);
    }
    return std::nullopt;
}

}  // namespace sitewatch::config
