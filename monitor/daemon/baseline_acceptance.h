#pragma once
// The answer to "accept the current content of a site as its known-good baseline"
// (POST /api/v1/sites/{name}/baseline, `sitewatch baseline`).
#include <optional>
#include <string>

#include "checks/model/time.h"

namespace sitewatch {

struct BaselineAcceptance {
    enum class Outcome {
        accepted,      // the latest page is now the baseline
        unknown_site,  // no configured site by that name
        no_page_yet,   // the site has not been checked, or its latest check had no page
        not_html,      // the latest page is not HTML, so there is no content to learn
        unsupported,   // this fleet cannot keep baselines
    };
    Outcome outcome = Outcome::unsupported;
    std::string message;                   // for a person: what happened or why not
    std::optional<TimePoint> accepted_at;  // set when accepted
};

}  // namespace sitewatch
