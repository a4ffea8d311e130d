#pragma once
// Which embedded file answers a UI path, and with which Content-Type. Pure: no I/O.
#include <optional>
#include <string_view>

#include "monitor/ui/embedded_assets.h"

namespace sitewatch::ui {

// The Content-Type for a file name by its extension; application/octet-stream if unknown.
std::string_view content_type_for(std::string_view path);

// The asset at `path` ("/app.js"), or nullopt. Paths with ".." or a backslash never match.
std::optional<EmbeddedAsset> find_asset(std::span<const EmbeddedAsset> assets,
                                        std::string_view path);

// Whether an If-None-Match header value names `etag` (a list, weak validators, or "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace sitewatch::ui
