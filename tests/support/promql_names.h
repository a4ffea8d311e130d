#pragma once
// Metric names read from PromQL expressions and from the Prometheus text format, so tests can
// check that dashboards and rules name only series sitewatch (or a shipped rule) produces.
#include <set>
#include <string>

namespace sitewatch::testing {

// The metric names an expression selects: identifiers outside strings, label matchers and
// range brackets that are neither functions, aggregations nor keywords. Label names in
// by/without/on/ignoring/group_left/group_right lists are not metric names.
std::set<std::string> metric_names_in(const std::string& promql);

// Every series name a scrape can hold, from its `# TYPE name type` lines: a histogram adds
// name_bucket, name_sum and name_count, a summary name_sum and name_count.
std::set<std::string> exposed_series_names(const std::string& exposition);

// Grafana's variables replaced as Grafana does before sending a query: $client and $site
// (also ${client}, ${client:regex}) by the given values (".*" is what "All" sends with the
// dashboards' allValue), $__rate_interval and $__interval by 1m, $__range by 1h.
std::string with_grafana_variables_resolved(std::string expr, const std::string& client = "acme",
                                            const std::string& site = "acme-home");

}  // namespace sitewatch::testing
