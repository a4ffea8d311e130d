#include "checks/model/finding.h"

namespace sitewatch {

const char* to_string(Condition c) {
    switch (c) {
        case Condition::down: return "down";
        case Condition::error: return "error";
        case Condition::malformed: return "malformed";
        case Condition::defaced: return "defaced";
        case Condition::security: return "security";
    }
    return "unknown";
}

const char* to_string(Severity s) {
    return s == Severity::critical ? "critical" : "warning";
}

std::optional<Condition> parse_condition(std::string_view s) {
    for (Condition c : kAllConditions)
        if (s == to_string(c)) return c;
    return std::nullopt;
}

std::optional<Severity> parse_severity(std::string_view s) {
    if (s == "critical") return Severity::critical;
    if (s == "warning") return Severity::warning;
    return std::nullopt;
}

namespace {
// Lower is more urgent: a site that is down hides whatever else is wrong with it.
int condition_rank(Condition c) {
    switch (c) {
        case Condition::down: return 0;
        case Condition::error: return 1;
        case Condition::security: return 2;
        case Condition::defaced: return 3;
        case Condition::malformed: return 4;
    }
    return 5;
}
}  // namespace

const Finding* most_severe(const Findings& findings) {
    const Finding* best = nullptr;
    for (const auto& f : findings) {
        if (!best || (f.severity == Severity::critical && best->severity != Severity::critical) ||
            (f.severity == best->severity &&
             condition_rank(f.condition) < condition_rank(best->condition)))
            best = &f;
    }
    return best;
}

}  // namespace sitewatch
