#include "monitor/ui/asset_lookup.h"

#include <algorithm>

namespace sitewatch::ui {

std::string_view content_type_for(std::string_view path) {
    struct Type {
        std::string_view extension;
        std::string_view content_type;
    };
    static constexpr Type kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json"},
        {".txt", "text/plain; charset=utf-8"},
    };
    for (const auto& t : kTypes)
        if (path.ends_with(t.extension)) return t.content_type;
    return "application/octet-stream";
}

std::optional<EmbeddedAsset> find_asset(std::span<const EmbeddedAsset> assets,
                                        std::string_view path) {
    if (path.find("..") != std::string_view::npos || path.find('\\') != std::string_view::npos)
        return std::nullopt;
    auto it =
        std::lower_bound(assets.begin(), assets.end(), path,
                         [](const EmbeddedAsset& a, std::string_view p) { return a.path < p; });
    if (it == assets.end() || it->path != path) return std::nullopt;
    return *it;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    while (!if_none_match.empty()) {
        const auto comma = if_none_match.find(',');
        std::string_view item = if_none_match.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.starts_with("W/")) item.remove_prefix(2);  // weak comparison (RFC 9110 13.1.2)
        if (item == "*" || item == etag) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace sitewatch::ui
