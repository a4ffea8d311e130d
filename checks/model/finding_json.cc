#include "checks/model/finding_json.h"

namespace sitewatch {

nlohmann::json to_json(const Finding& f) {
    return {{"condition", to_string(f.condition)},
            {"severity", to_string(f.severity)},
            {"check", f.check},
            {"summary", f.summary},
            {"evidence",
             {{"rule", f.evidence.rule},
              {"excerpt", f.evidence.excerpt},
              {"before", f.evidence.before},
              {"after", f.evidence.after}}}};
}

nlohmann::json to_json(const Findings& fs) {
    auto arr = nlohmann::json::array();
    for (const auto& f : fs) arr.push_back(to_json(f));
    return arr;
}

namespace {
std::string str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}
}  // namespace

Findings findings_from_json(const nlohmann::json& j) {
    Findings out;
    if (!j.is_array()) return out;
    for (const auto& e : j) {
        if (!e.is_object()) continue;
        Finding f;
        f.condition = parse_condition(str(e, "condition")).value_or(Condition::down);
        f.severity = parse_severity(str(e, "severity")).value_or(Severity::critical);
        f.check = str(e, "check");
        f.summary = str(e, "summary");
        if (auto ev = e.find("evidence"); ev != e.end() && ev->is_object()) {
            f.evidence.rule = str(*ev, "rule");
            f.evidence.excerpt = str(*ev, "excerpt");
            f.evidence.before = str(*ev, "before");
            f.evidence.after = str(*ev, "after");
        }
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace sitewatch
