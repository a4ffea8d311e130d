#pragma once
// Resolving a reference found on a page (<script src>, <link href>, <a href>) against the
// page's URL, as a browser does, so the asset and cloaking checks fetch what a visitor loads.
#include <string>
#include <string_view>

namespace sitewatch::checks {

// The absolute http(s) URL that `ref` names on the page at `base`, per RFC 3986 section 5.2
// (absolute references, "//host/x", "/x", relative paths with "." and ".." removed, "?q" and
// "#f" references). The fragment is dropped: it never reaches a server. The scheme and host
// are lowercased so equal URLs compare equal. As browsers do for http(s) URLs, surrounding
// whitespace is trimmed, tabs and line breaks inside are removed, a backslash before the query
// counts as a slash, and "http:x" (the base's own scheme without "//") is relative.
// "" when the result is not an http(s) URL with a host (javascript:, data:, mailto:, tel:, a
// base that is not http(s), "http:///x").
std::string resolve_url(std::string_view base, std::string_view ref);

}  // namespace sitewatch::checks
