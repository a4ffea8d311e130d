#pragma once
// Third-party hosts that legitimate sites load scripts and frames from: public CDNs,
// analytics, tag managers, payment, video, maps, fonts and the big ad exchanges. A new
// script or frame host that is on this list is still noted (a weak signal that needs a
// second sensor group); one that is not is an injection until a person says otherwise
// (DESIGN.md: a new unknown script origin is strong on its own, Magecart-style).
#include <string_view>

namespace sitewatch::checks {

// `host` or any parent domain of it is on the list ("www.googletagmanager.com",
// "tpc.googlesyndication.com" → googlesyndication.com).
bool is_known_script_host(std::string_view host);
bool is_known_frame_host(std::string_view host);
bool is_known_form_host(std::string_view host);

// The same site: both hosts share a registrable domain by the Public Suffix List
// (static.acme.co.uk and acme.co.uk do; acme.co.uk and evil.co.uk do not).
bool same_site(std::string_view host, std::string_view own_host);

}  // namespace sitewatch::checks
