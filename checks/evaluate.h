#pragma once
// Every check over one response: the single entry point the daemon and `sitewatch check` call.
#include <optional>

#include "checks/baseline/content_baseline.h"
#include "checks/model/check_spec.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"
#include "checks/model/time.h"

// The entry point lives in `sitewatch` beside the model types; the individual evaluators and
// their helpers stay in `sitewatch::checks`.
namespace sitewatch {

namespace checks {
class PageAnalyser;
}

// What a check run looks at. Later layers add their own inputs here (the site's learned
// baseline for the content checks) without changing every caller's signature.
struct EvaluationInput {
    const Response& response;
    const CheckSpec& spec;
    TimePoint now;
    // The site's compiled content checks; null: compiled for this call (one-off checks).
    const checks::PageAnalyser* page = nullptr;
    // The site's learned content baseline, if it has one yet.
    const checks::ContentBaseline* baseline = nullptr;
};

struct Evaluation {
    Findings findings;
    // Content similarity to the baseline's stable blocks (1 = as the baseline), when known.
    std::optional<double> similarity;
    // What the site's baseline may learn from this fetch: set when a page arrived with an
    // expected status, whether or not it raised findings (the caller decides on learning).
    std::optional<checks::ContentSample> sample;
};

// A transport failure yields only the transport finding: there is no page, status or
// timing to judge. Otherwise the HTTP status, redirect, TLS and response-time findings, and
// for a page that answered with an expected status the content findings (keywords,
// signatures, blank and cut-off pages, and the baseline sensors), in that order.
// No findings means the check passed.
Evaluation evaluate_page(const EvaluationInput& input);
Findings evaluate(const EvaluationInput& input);
Findings evaluate(const Response& response, const CheckSpec& spec, TimePoint now);

}  // namespace sitewatch
