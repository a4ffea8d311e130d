#include "tests/support/shipped_dashboards.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace sitewatch::testing {

namespace fs = std::filesystem;

namespace {

void collect_exprs(const nlohmann::json& node, const std::string& path,
                   std::vector<ShippedQuery>& out) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "expr" && value.is_string())
                out.push_back({path + "/expr", value.get<std::string>()});
            else
                collect_exprs(value, path + "/" + key, out);
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            collect_exprs(node[i], path + "/" + std::to_string(i), out);
    }
}

// The PromQL inside a Prometheus variable query, or "" when it has none (label_names(),
// label_values(label) without a selector, metrics(regex)).
std::string promql_of_variable_query(const std::string& q) {
    auto inner = [&](const std::string& fn) -> std::string {
        if (q.rfind(fn + "(", 0) != 0 || q.back() != ')') return "";
        return q.substr(fn.size() + 1, q.size() - fn.size() - 2);
    };
    if (auto args = inner("query_result"); !args.empty()) return args;
    if (auto args = inner("label_values"); !args.empty()) {
        // The selector is everything before the last top-level comma (the label name).
        int depth = 0;
        std::size_t comma = std::string::npos;
        for (std::size_t i = 0; i < args.size(); ++i) {
            const char c = args[i];
            if (c == '{' || c == '(' || c == '[') ++depth;
            if (c == '}' || c == ')' || c == ']') --depth;
            if (c == ',' && depth == 0) comma = i;
        }
        return comma == std::string::npos ? "" : args.substr(0, comma);
    }
    return "";
}

}  // namespace

nlohmann::json load_json_file(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    return nlohmann::json::parse(in);
}

std::vector<fs::path> dashboard_files(const fs::path& dashboards_dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dashboards_dir / "grafana"))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<ShippedQuery> dashboard_queries(const nlohmann::json& dashboard,
                                            const std::string& file) {
    std::vector<ShippedQuery> out;
    collect_exprs(dashboard, file + ":", out);
    const auto& vars =
        dashboard.value(nlohmann::json::json_pointer("/templating/list"), nlohmann::json::array());
    for (std::size_t i = 0; i < vars.size(); ++i) {
        const auto& v = vars[i];
        if (v.value("type", "") != "query" || !v.contains("query")) continue;
        const auto& q = v["query"];
        const std::string text =
            q.is_string() ? q.get<std::string>() : q.value("query", std::string());
        if (auto promql = promql_of_variable_query(text); !promql.empty())
            out.push_back({file + ":/templating/list/" + std::to_string(i) + "/query", promql});
    }
    return out;
}

std::string dashboard_target(const nlohmann::json& dashboard, const std::string& panel_title,
                             const std::string& ref_id) {
    for (const auto& panel : dashboard["panels"]) {
        if (panel.value("title", "") != panel_title) continue;
        for (const auto& t : panel.value("targets", nlohmann::json::array()))
            if (t.value("refId", "") == ref_id) return t["expr"].get<std::string>();
    }
    throw std::runtime_error("no target " + ref_id + " in panel \"" + panel_title + "\"");
}

std::vector<ShippedQuery> rule_queries(const fs::path& rules_file) {
    std::vector<ShippedQuery> out;
    const YAML::Node doc = YAML::LoadFile(rules_file.string());
    for (const auto& group : doc["groups"])
        for (const auto& rule : group["rules"]) {
            const std::string name =
                rule["record"] ? rule["record"].as<std::string>() : rule["alert"].as<std::string>();
            out.push_back(
                {rules_file.filename().string() + ": " + name, rule["expr"].as<std::string>()});
        }
    return out;
}

std::set<std::string> recorded_names(const fs::path& rules_file) {
    std::set<std::string> names;
    const YAML::Node doc = YAML::LoadFile(rules_file.string());
    for (const auto& group : doc["groups"])
        for (const auto& rule : group["rules"])
            if (rule["record"]) names.insert(rule["record"].as<std::string>());
    return names;
}

}  // namespace sitewatch::testing
