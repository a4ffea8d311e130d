#pragma once
// Cloaking: the site shows search engines something else than its visitors, the hallmark of
// SEO-spam compromises (research/defacement.md 3.2, 6.3). The page is fetched a second time,
// at a lower rate, as Googlebot coming from a Google search (make_crawler_request), and the
// two views are compared here. Condition `defaced` (CONTRACT.md).
#include <string_view>

#include "checks/content/page_features.h"
#include "checks/model/finding.h"
#include "checks/signatures/signature_check.h"

namespace sitewatch::checks {

// One fetch of the page as the cloaking check sees it. Both views are fetched from the site's
// URL; pass only fetches that got an HTTP answer (a crawler that is refused or blocked is the
// site's choice, not spam, and availability is the main check's business).
struct CloakingView {
    std::string_view final_url;    // Response::final_url: where the fetch ended after redirects
    std::string_view body;         // Response::body
    const PageFeatures& features;  // extract_features(body, final_url)
};

// Thresholds, exposed for tests and for the evidence.
inline constexpr int kCloakingMinNewLinkHosts = 3;
inline constexpr double kCloakingScriptJump = 0.2;

// One finding (defaced, critical, check "cloaking", rule "cloaking.spam") when the crawler's
// view has any of:
//  - a redirect (final URL, <meta http-equiv=refresh>, or an inline script setting
//    location / calling location.replace with an absolute URL) to another host than the
//    visitor's view ends on or redirects to (a leading "www." ignored);
//  - a strong defacement or spam signature (condition defaced) that neither the visitor's view
//    nor the site's baseline (`baseline_ids`) has; a weak one (terms news also uses) counts
//    only next to another signal here, or when the crawler's page is mostly other text than
//    the visitor's;
//  - outbound links to at least kCloakingMinNewLinkHosts hosts the visitor's view does not link
//    to, at least a quarter as many as the visitor's view links to, and at least
//    kCloakingMinNewLinkHosts more than the visitor's hosts the crawler's view lacks (a news
//    list or an ad slot rotating between two loads replaces a few hosts; a link farm adds
//    dozens and takes none away);
//  - another title (compared normalised: dates and counters ignored) together with text in
//    another script (CJK or kana share of the title or of the page moving by at least
//    kCloakingScriptJump): the Japanese keyword hack.
// Load noise never fires: times, tokens and rotating items change neither the normalised
// title, nor the script shares, nor the set of linked hosts by that much. Two views with the
// same content_hash, linked hosts and hidden text are the same page: only a redirect or a
// signature in markup the hash does not cover (an inline script) can then differ.
// block_similarity (the share of the visitors' text blocks the crawler also gets) tells a
// crawler page that is mostly other text, and is reported in the evidence.
// Summary "search engines are shown different content: spam links to 48 hosts, Japanese text,
// title “…”"; evidence before = what visitors see, after = what the crawler sees.
Findings check_cloaking(const CloakingView& visitor, const CloakingView& crawler,
                        const SignatureIds& baseline_ids);

}  // namespace sitewatch::checks
