#include "checks/evaluate.h"

#include <utility>

#include "checks/http/http_status_check.h"
#include "checks/http/redirect_check.h"
#include "checks/http/response_time_check.h"
#include "checks/page/page_analyser.h"
#include "checks/tls/tls_check.h"
#include "checks/transport/transport_check.h"
#include "checks/url/registrable_domain.h"
#include "checks/url/url_host.h"

namespace sitewatch {

using checks::check_http_status;
using checks::check_response_time;
using checks::check_tls;
using checks::check_transport;

Evaluation evaluate_page(const EvaluationInput& input) {
    Evaluation result;
    Findings& out = result.findings;
    if (auto f = check_transport(input.response, input.spec)) {
        out.push_back(std::move(*f));
        return result;
    }
    auto status = check_http_status(input.response, input.spec);
    const bool expected_status = !status.has_value();
    if (status) out.push_back(std::move(*status));
    for (auto& f : checks::check_redirect_domain(input.response)) {
        // A site whose known-good page lives on another domain (accepted by a person, so
        // in its baseline) may keep redirecting there.
        const auto& final_url = input.response.final_url;
        if (input.baseline && input.baseline->final_domains.contains(
                                  checks::registrable_domain(checks::url_host(final_url))))
            continue;
        out.push_back(std::move(f));
    }
    for (auto& f : check_tls(input.response, input.spec, input.now)) out.push_back(std::move(f));
    if (auto f = check_response_time(input.response, input.spec)) out.push_back(std::move(*f));
    // An unexpected status already says the page is an error; its body is the error page.
    if (!expected_status) return result;
    std::optional<checks::PageAnalyser> own;
    const checks::PageAnalyser* page = input.page;
    if (!page) page = &own.emplace(input.spec);
    auto verdict = page->analyse(input.response, input.baseline);
    for (auto& f : verdict.findings) out.push_back(std::move(f));
    result.similarity = verdict.similarity;
    result.sample = std::move(verdict.sample);
    return result;
}

Findings evaluate(const EvaluationInput& input) { return evaluate_page(input).findings; }

Findings evaluate(const Response& response, const CheckSpec& spec, TimePoint now) {
    return evaluate(EvaluationInput{response, spec, now});
}

}  // namespace sitewatch
