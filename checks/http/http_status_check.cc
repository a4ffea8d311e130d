#include "checks/http/http_status_check.h"

#include <algorithm>
#include <string>

#include "checks/http/reason_phrase.h"

namespace sitewatch::checks {

namespace {

bool is_cdn_origin_error(int status) { return (status >= 520 && status <= 527) || status == 530; }

bool expected(const CheckSpec& spec, int status) {
    return std::any_of(spec.expect_status.begin(), spec.expect_status.end(),
                       [status](const StatusRange& r) { return r.contains(status); });
}

std::string describe_expected(const CheckSpec& spec) {
    std::string out;
    for (const auto& r : spec.expect_status) {
        if (!out.empty()) out += ", ";
        out += std::to_string(r.lo);
        if (r.hi != r.lo) out += "-" + std::to_string(r.hi);
    }
    return out;
}

// Where the answer came from: "https://b/ answered 503, after https://a/ (301) → https://b/".
std::string describe_route(const Response& r) {
    const std::string& final_url = r.final_url.empty() ? r.url : r.final_url;
    std::string out = final_url + " answered " + std::to_string(r.http_status);
    if (!r.redirects.empty()) {
        out += ", after redirects ";
        for (const auto& hop : r.redirects)
            out += hop.url + " (" + std::to_string(hop.status) + ") → ";
        out += r.redirects.back().location;
    }
    // Which CDN answered helps a person tell "origin down" from "CDN down".
    for (const char* name : {"server", "cf-ray", "x-served-by", "via"})
        if (const std::string* v = r.header(name)) out += std::string("; ") + name + ": " + *v;
    return out;
}

}  // namespace

std::optional<Finding> check_http_status(const Response& response, const CheckSpec& spec) {
    const int status = response.http_status;
    if (status != 0 && expected(spec, status)) return std::nullopt;

    Finding f;
    f.severity = Severity::critical;
    f.check = "http";
    f.evidence.before = describe_expected(spec);
    f.evidence.after = std::to_string(status);
    if (status == 0) {
        f.condition = Condition::down;
        f.summary = "no HTTP response";
        f.evidence.rule = "http.no_response";
        f.evidence.excerpt = response.final_url.empty() ? response.url : response.final_url;
        return f;
    }
    f.evidence.excerpt = describe_route(response);
    if (is_cdn_origin_error(status)) {
        f.condition = Condition::down;
        f.summary = describe_http_status(status) + " (the CDN could not reach the site)";
        f.evidence.rule = "http.cdn_origin";
    } else {
        f.condition = Condition::error;
        f.summary = describe_http_status(status);
        f.evidence.rule = "http.status";
    }
    return f;
}

}  // namespace sitewatch::checks
