#pragma once
// The registrable domain ("eTLD+1") of a host, by the Public Suffix List (libpsl), so that
// checks can tell a move within one site (http → https, www ↔ apex, shop.acme.co.uk) from a
// move to somebody else's site.
#include <string>
#include <string_view>

namespace sitewatch::checks {

// "WWW.Acme.co.uk" → "acme.co.uk"; "foo.blogspot.com" → "foo.blogspot.com" (private suffixes
// count: blogspot.com, github.io, ... are shared hosting, every customer a different site).
// Lowercased, one trailing dot dropped. IP addresses (v4, v6 with or without brackets),
// single-label hosts ("localhost") and hosts that are themselves a public suffix ("co.uk")
// come back as the host itself. "" for an empty host.
//
// The list is libpsl's psl_latest(): the newest of Debian's publicsuffix package file
// (updated without rebuilding libpsl) and the data built into libpsl; loaded once.
std::string registrable_domain(std::string_view host);

// Whether both hosts belong to the same registrable domain. False when either is empty.
bool same_registrable_domain(std::string_view a, std::string_view b);

}  // namespace sitewatch::checks
