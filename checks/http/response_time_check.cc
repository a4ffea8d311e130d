#include "checks/http/response_time_check.h"

#include <chrono>
#include <cmath>
#include <string>

#include "checks/text/humanize.h"

namespace sitewatch::checks {

namespace {

std::string describe_phases(const PhaseTimings& p) {
    return "dns " + format_seconds(p.dns, 3) + ", connect " + format_seconds(p.connect, 3) +
           ", tls " + format_seconds(p.tls, 3) + ", processing " + format_seconds(p.processing, 3) +
           ", transfer " + format_seconds(p.transfer, 3);
}

}  // namespace

std::optional<Finding> check_response_time(const Response& response, const CheckSpec& spec) {
    if (!spec.max_response_time) return std::nullopt;
    const double limit = std::chrono::duration<double>(*spec.max_response_time).count();
    const double took = response.total_seconds;
    if (!(took > limit)) return std::nullopt;

    Finding f;
    // Slowness is a degree of "not loading for users" (the seeds' `down`), not an error page
    // or a content problem; the contract makes it a warning, never a page.
    f.condition = Condition::down;
    f.severity = Severity::warning;
    f.check = "response_time";
    f.summary =
        "slow response: " + format_seconds(took, 2) + " (limit " + format_seconds(limit, 2) + ")";
    f.evidence.rule = "response_time.slow";
    f.evidence.excerpt = "measured " + format_seconds(took, 3) + " against a limit of " +
                         format_seconds(limit, 3) + " (" + describe_phases(response.phases) + ")";
    f.evidence.before = std::to_string(spec.max_response_time->count()) + " ms";
    f.evidence.after = std::to_string(std::llround(took * 1000)) + " ms";
    return f;
}

}  // namespace sitewatch::checks
