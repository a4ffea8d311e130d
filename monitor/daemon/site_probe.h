#pragma once
// Turning a configured site into what the probe engine and the store need.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "monitor/config/config.h"
#include "monitor/daemon/site_status.h"
#include "monitor/probe/probe_request.h"
#include "monitor/store/store.h"

namespace sitewatch {

ProbeRequest make_probe_request(const config::SiteConfig& site, std::uint64_t id);

// Googlebot Smartphone's user agent as Google documents it ("Google's common crawlers",
// developers.google.com/search/docs/crawling-indexing/google-common-crawlers), with Google's
// "W.X.Y.Z" placeholder filled in with a Chrome version: Googlebot is evergreen and sends the
// current Chrome's. Smartphone because Google indexes mobile-first, so that is the crawler
// cloaking code is written to serve; it matches on "Googlebot", never on the version.
inline constexpr std::string_view kGooglebotUserAgent =
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0.6778.85 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
    "+http://www.google.com/bot.html)";
// Where a visitor sent by a search arrives from: some injected code shows spam or redirects
// only to those.
inline constexpr std::string_view kSearchReferer = "https://www.google.com/";

// The site's page fetched as a search-engine crawler, for the cloaking check: the site's
// settings (URL, headers, timeout, body limit, redirects, TLS, resolve) with Googlebot's user
// agent and a Google search Referer instead of any configured ones, always a GET (the check
// compares bodies; the daemon's visitor view must then be a GET too).
ProbeRequest make_crawler_request(const config::SiteConfig& site, std::uint64_t id);

// Asset fetches are bounded tighter than page fetches: a stylesheet or script larger than
// this is cut there and still counts as loaded (the check needs its status and type only),
// and a site's timeout above kAssetTimeout is cut to it.
inline constexpr std::size_t kAssetMaxBody = 512 * 1024;
inline constexpr std::chrono::milliseconds kAssetTimeout{10'000};

// One of the page's own assets (from checks::asset_urls), for the asset check: GET with the
// site's headers, user agent, redirects and TLS settings, the page as Referer (as a browser
// sends it; hotlink protection refuses assets without it), kAssetMaxBody and the site's
// timeout capped at kAssetTimeout.
ProbeRequest make_asset_request(const config::SiteConfig& site, std::string_view asset_url,
                                std::uint64_t id);

// The earliest certificate expiry in the response's chain, if any.
std::optional<TimePoint> earliest_expiry(const Response& r);

// The stored form of a site's latest check.
CheckRecord make_check_record(const SiteStatus& status, bool confirm);

}  // namespace sitewatch
