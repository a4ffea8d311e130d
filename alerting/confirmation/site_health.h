#pragma once
#include <optional>
#include <string_view>

namespace sitewatch {

// up: latest check passed. degraded: warnings only, or a critical finding not yet
// confirmed. down: a confirmed critical finding. pending: never checked.
enum class SiteHealth { pending, up, degraded, down };
const char* to_string(SiteHealth h);
std::optional<SiteHealth> parse_site_health(std::string_view s);

}  // namespace sitewatch
