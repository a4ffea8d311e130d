#pragma once

namespace sitewatch {

// up: latest check passed. degraded: warnings only, or a critical finding not yet
// confirmed. down: a confirmed critical finding. pending: never checked.
enum class SiteHealth { pending, up, degraded, down };
const char* to_string(SiteHealth h);

}  // namespace sitewatch
