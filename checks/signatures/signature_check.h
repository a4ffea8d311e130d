#pragma once
// Signature matches as findings (check "signature", rule "signature.<id>").
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checks/model/finding.h"
#include "checks/signatures/signature_matcher.h"

namespace sitewatch::checks {

// Ids of the signatures the site's known-good pages already match (from its baseline).
using SignatureIds = std::set<std::string, std::less<>>;

// One finding per match, in match order:
//  - an if_new signature (defacement phrases, templates, miners, spam) whose id is in
//    `baseline_ids` is dropped: the page had it when it was healthy (a security blog quoting
//    "hacked by", a Vue page with {{ }}); always-tier signatures are never dropped;
//  - severity is the signature's, except that a weak signature alone is a warning (it
//    becomes critical only when another sensor group agrees, which the caller decides);
//  - summary "<signature summary>: “<matched text>”", evidence {rule "signature.<id>",
//    excerpt around the match, before "" (not in the baseline), after the matched text}.
Findings check_signatures(const std::vector<SignatureMatch>& matches,
                          const SignatureIds& baseline_ids);

// The same over `body` with the built-in library.
Findings check_signatures(std::string_view body, const SignatureIds& baseline_ids);

// The ids of the if_new signatures a healthy page matches: what a baseline records so the
// site's own content never raises them.
SignatureIds baseline_signature_ids(const std::vector<SignatureMatch>& matches);

}  // namespace sitewatch::checks
