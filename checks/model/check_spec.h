#pragma once
// What a site asks its checks to verify: the check-relevant part of the site config.
// monitor/config fills it; checks/ only reads it.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sitewatch {

struct StatusRange {
    int lo = 200;
    int hi = 399;
    bool contains(int s) const { return s >= lo && s <= hi; }
};

struct CheckSpec {
    std::vector<StatusRange> expect_status{{200, 399}};  // after redirects
    std::optional<std::chrono::milliseconds> max_response_time;
    int tls_min_days_valid = 14;
    // Content checks. Keywords and ignore entries are kept as written: plain text, or "re:"
    // followed by an RE2 pattern (the loader has already checked that it compiles).
    std::vector<std::string> must_contain;
    std::vector<std::string> must_not_contain;
    std::vector<std::string> content_ignore;  // regions or patterns that may change
    bool defacement_enabled = true;
    int defacement_learn_samples = 5;  // healthy fetches before the baseline is trusted
    bool assets_check = true;
    // The fetch limits the probe ran under (site `timeout`, `max_redirects`), copied here so
    // a transport finding can name the limit that was hit.
    std::chrono::milliseconds timeout{10'000};
    int max_redirects = 5;
};

}  // namespace sitewatch
