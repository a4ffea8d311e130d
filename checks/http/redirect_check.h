#pragma once
// Defacement by redirect: the site sends its visitors to somebody else's site.
#include "checks/model/finding.h"
#include "checks/model/response.h"

namespace sitewatch::checks {

// One `defaced`/critical finding, rule "http.foreign_redirect", when the response followed
// redirects and the final URL's registrable domain (Public Suffix List, see
// registrable_domain.h) differs from the requested URL's: "redirects to another site:
// evil.example (via 2 redirects)". Evidence: before = the requested URL, after = the final
// URL, excerpt = the chain "https://a/ (301) → https://b/ (302) → https://evil.example/".
//
// Nothing when there were no redirects, or they stayed within the registrable domain
// (http → https, www ↔ apex, shop.acme.co.uk → www.acme.co.uk), or a host is missing. Only
// the final URL counts: a hop through a tracker that lands back on the site is not a finding.
// Applies whether or not the final transfer succeeded: a redirect to a foreign site that is
// down is still a redirect away from the site.
Findings check_redirect_domain(const Response& r);

}  // namespace sitewatch::checks
