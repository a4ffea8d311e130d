#pragma once
// A fetched page reduced to what the content sensors compare and what a baseline learns.
#include <string_view>
#include <vector>

#include "checks/baseline/content_baseline.h"
#include "checks/content/normalise.h"
#include "checks/model/response.h"
#include "checks/signatures/signature_matcher.h"

namespace sitewatch::checks {

// `matches` are the signature matches of the body (their if_new ids become the sample's).
ContentSample make_sample(const Response& response, const TextNormaliser& normaliser,
                          const std::vector<SignatureMatch>& matches);

// Served as HTML: a Content-Type naming html, or none at all and a body that starts
// with markup.
bool is_html_response(const Response& response);

// The document was not cut off: "</html>" (any case) in its last KiB, or it is not an HTML
// document at all. A body the probe itself truncated at max_body counts as closed: the cut
// is ours, not the site's.
bool is_closed_document(const Response& response);

// Hosts an inline script sends the browser to (location = / .href = / .replace( / .assign(
// with an absolute URL), lowercased.
std::set<std::string> script_redirect_hosts(const std::vector<std::string>& inline_scripts);

}  // namespace sitewatch::checks
