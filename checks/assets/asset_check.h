#pragma once
// Broken critical assets: the page's own stylesheets and scripts answering 4xx/5xx, failing
// to load, or served as an HTML error page. Fetched at a lower rate than the page itself; a
// page whose theme CSS is gone loads with 200 and still looks broken to every visitor.
// Condition `malformed` (CONTRACT.md: "broken assets").
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "checks/content/page_features.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"

namespace sitewatch::checks {

// At most this many assets are fetched per check. Why 8: the page's first stylesheets and
// scripts in document order are the theme's and the framework's (what a broken deploy, a
// deleted theme folder or a failed plugin update takes down, usually several at once), so 8
// samples find a broken theme; 8 fetches of at most 512 KiB each bound the check to a few MiB
// per site even at worst; and 8 requests in a burst from one monitor stay well inside what a
// small shared host or a WAF rate limit tolerates for one page view (a browser loads more).
inline constexpr std::size_t kMaxAssetChecks = 8;

// The page's own assets (PageFeatures::asset_refs: <script src>, <link rel=stylesheet href> on
// its own host) as absolute http(s) URLs resolved against `page_url` (pass the final URL after
// redirects, which is what the browser resolves against), in document order, de-duplicated,
// at most kMaxAssetChecks. References that do not resolve to an http(s) URL on the page's own
// host (ignoring "www.") are left out.
std::vector<std::string> asset_urls(const PageFeatures& features, std::string_view page_url);

// What fetching one asset gave.
struct AssetResult {
    std::string url;
    int http_status = 0;
    TransportError transport_error = TransportError::none;
    std::string error_message;
    std::string content_type;  // the Content-Type header as sent, "" when none
    std::size_t bytes = 0;     // body bytes read (bounded by the request's max_body)
};

// The result of an asset fetch; `url` is the asset URL as requested.
AssetResult asset_result(const Response& response);

// One finding (malformed, critical, check "assets", rule "assets.broken") when any asset is
// broken:
//  - it answers 4xx or 5xx;
//  - it did not transfer (refused, reset, DNS, TLS handshake, protocol error, too many
//    redirects), including a timeout: see asset_check.cc for why a timeout counts;
//  - a stylesheet or script (by its path's .css / .js extension) is served as text/html,
//    a 200 error or login page in its place: browsers refuse such a stylesheet and fail on
//    such a script.
// Summary "2 of 6 page assets are broken: /wp-content/themes/x/style.css answers 404, …" (the
// first three, by path), the excerpt lists every broken asset by full URL. No assets, or none
// broken, give no finding.
Findings check_assets(const std::vector<AssetResult>& results);

}  // namespace sitewatch::checks
