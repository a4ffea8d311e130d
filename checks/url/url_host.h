#pragma once
// The host part of a URL, for findings that name the machine involved.
#include <string>
#include <string_view>

namespace sitewatch::checks {

// "https://User@Acme.Example:8443/x" → "acme.example"; "http://[::1]:80/" → "::1".
// Lowercased. Empty when the URL has no host.
std::string url_host(std::string_view url);

}  // namespace sitewatch::checks
