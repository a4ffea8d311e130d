#pragma once
// The queries of the shipped Grafana dashboards and Prometheus rule files (dashboards/), read
// the way Grafana and Prometheus read them, for the tests that check them with promtool and
// against a real Prometheus.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace sitewatch::testing {

struct ShippedQuery {
    std::string where;  // file and JSON path or rule, for failure messages
    std::string expr;   // PromQL, Grafana variables still in it
};

nlohmann::json load_json_file(const std::filesystem::path& file);

// dashboards_dir/grafana/*.json, sorted.
std::vector<std::filesystem::path> dashboard_files(const std::filesystem::path& dashboards_dir);

// Every PromQL expression of a dashboard: each "expr" anywhere (panel targets, annotations),
// and the series selector of label_values(...) / the expression of query_result(...) in query
// variables.
std::vector<ShippedQuery> dashboard_queries(const nlohmann::json& dashboard,
                                            const std::string& file);

// The expr of the target `ref_id` of the panel titled `panel_title`; throws if there is none.
std::string dashboard_target(const nlohmann::json& dashboard, const std::string& panel_title,
                             const std::string& ref_id);

// Every rule's expr in a Prometheus rule file, and the names its recording rules record.
std::vector<ShippedQuery> rule_queries(const std::filesystem::path& rules_file);
std::set<std::string> recorded_names(const std::filesystem::path& rules_file);

}  // namespace sitewatch::testing
