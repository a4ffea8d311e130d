#pragma once
// The web UI's files, compiled into the binary by monitor/ui/embed_assets.cmake.
#include <span>
#include <string_view>

namespace sitewatch::ui {

struct EmbeddedAsset {
    std::string_view path;  // relative to monitor/ui/assets, with a leading '/': "/app.js"
    std::string_view body;
    std::string_view etag;  // quoted strong validator from the file's SHA-256
};

// Every asset, sorted by path.
std::span<const EmbeddedAsset> embedded_assets();

}  // namespace sitewatch::ui
