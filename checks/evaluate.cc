#include "checks/evaluate.h"

#include <utility>

#include "checks/http/http_status_check.h"
#include "checks/http/response_time_check.h"
#include "checks/tls/tls_check.h"
#include "checks/transport/transport_check.h"

namespace sitewatch {

using checks::check_http_status;
using checks::check_response_time;
using checks::check_tls;
using checks::check_transport;

Findings evaluate(const EvaluationInput& input) {
    Findings out;
    if (auto f = check_transport(input.response, input.spec)) {
        out.push_back(std::move(*f));
        return out;
    }
    if (auto f = check_http_status(input.response, input.spec)) out.push_back(std::move(*f));
    for (auto& f : check_tls(input.response, input.spec, input.now)) out.push_back(std::move(f));
    if (auto f = check_response_time(input.response, input.spec)) out.push_back(std::move(*f));
    return out;
}

Findings evaluate(const Response& response, const CheckSpec& spec, TimePoint now) {
    return evaluate(EvaluationInput{response, spec, now});
}

}  // namespace sitewatch
