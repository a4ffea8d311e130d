#pragma once
// A finding: what a check concluded about one response, with evidence a person can read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitewatch {

// The seeds' emergency categories (CONTRACT.md, "Conditions and severity").
enum class Condition { down, error, malformed, defaced, security };
inline constexpr Condition kAllConditions[] = {Condition::down, Condition::error,
                                               Condition::malformed, Condition::defaced,
                                               Condition::security};

// critical pages people; warning becomes a ticket.
enum class Severity { warning, critical };

const char* to_string(Condition c);
const char* to_string(Severity s);
std::optional<Condition> parse_condition(std::string_view s);
std::optional<Severity> parse_severity(std::string_view s);

struct Evidence {
    std::string rule;     // stable id of the rule that fired, e.g. "http.status", "tls.expired"
    std::string excerpt;  // the bit of the response that shows it
    std::string before;   // baseline value, when the finding is a change
    std::string after;    // current value
};

struct Finding {
    Condition condition = Condition::down;
    Severity severity = Severity::critical;
    std::string check;    // which check produced it: transport, http, tls, response_time, ...
    std::string summary;  // one line for a person: "HTTP 503 Service Unavailable"
    Evidence evidence;
};

using Findings = std::vector<Finding>;

// The most severe finding (critical before warning; then condition order down > error >
// security > defaced > malformed), or nullptr when there is none.
const Finding* most_severe(const Findings& findings);

}  // namespace sitewatch
