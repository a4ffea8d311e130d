#pragma once
// Every check over one response: the single entry point the daemon and `sitewatch check` call.
#include "checks/model/check_spec.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"
#include "checks/model/time.h"

// The entry point lives in `sitewatch` beside the model types; the individual evaluators and
// their helpers stay in `sitewatch::checks`.
namespace sitewatch {

// What a check run looks at. Later layers add their own inputs here (the site's learned
// baseline for the content checks) without changing every caller's signature.
struct EvaluationInput {
    const Response& response;
    const CheckSpec& spec;
    TimePoint now;
};

// A transport failure yields only the transport finding: there is no page, status or
// timing to judge. Otherwise the HTTP status, TLS and response-time findings, in that order.
// No findings means the check passed.
Findings evaluate(const EvaluationInput& input);
Findings evaluate(const Response& response, const CheckSpec& spec, TimePoint now);

}  // namespace sitewatch
