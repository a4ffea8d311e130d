#include "tests/support/promql_names.h"

#include <cctype>
#include <sstream>
#include <utility>
#include <vector>

namespace sitewatch::testing {

namespace {

bool starts_identifier(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}
bool continues_identifier(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}

// Index just past the string literal opening at `i` (", ' or `; backslash escapes in the
// first two).
std::size_t skip_string(const std::string& s, std::size_t i) {
    const char quote = s[i++];
    while (i < s.size() && s[i] != quote) i += (s[i] == '\\' && quote != '`') ? 2 : 1;
    return i + 1;
}

// Index just past the bracket closing the one opening at `i`, strings inside skipped.
std::size_t skip_group(const std::string& s, std::size_t i, char open, char close) {
    int depth = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"' || c == '\'' || c == '`') {
            i = skip_string(s, i);
            continue;
        }
        if (c == open) ++depth;
        if (c == close && --depth == 0) return i + 1;
        ++i;
    }
    return i;
}

bool is_keyword(const std::string& w) {
    static const std::set<std::string> keywords = {
        "and",   "or", "unless",  "bool", "offset",   "inf",        "nan",
        "atan2", "by", "without", "on",   "ignoring", "group_left", "group_right"};
    std::string lower;
    for (char c : w)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return keywords.count(lower) > 0;
}

bool introduces_label_list(const std::string& w) {
    return w == "by" || w == "without" || w == "on" || w == "ignoring" || w == "group_left" ||
           w == "group_right";
}

}  // namespace

std::set<std::string> metric_names_in(const std::string& promql) {
    std::set<std::string> names;
    const std::string& s = promql;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"' || c == '\'' || c == '`') {
            i = skip_string(s, i);
        } else if (c == '{') {
            i = skip_group(s, i, '{', '}');
        } else if (c == '[') {
            i = skip_group(s, i, '[', ']');
        } else if (c == '#') {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                   (c == '.' && i + 1 < s.size() &&
                    std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            // Numbers, hex, exponents and durations (after offset) alike.
            while (i < s.size() && (continues_identifier(s[i]) || s[i] == '.')) ++i;
        } else if (starts_identifier(c)) {
            const std::size_t start = i;
            while (i < s.size() && continues_identifier(s[i])) ++i;
            const std::string word = s.substr(start, i - start);
            std::size_t next = i;
            while (next < s.size() && std::isspace(static_cast<unsigned char>(s[next]))) ++next;
            // An aggregation is followed by "(" or by its by/without clause.
            std::size_t after = next;
            while (after < s.size() && continues_identifier(s[after])) ++after;
            const std::string next_word = s.substr(next, after - next);
            const bool call =
                (next < s.size() && s[next] == '(') || next_word == "by" || next_word == "without";
            if (introduces_label_list(word)) {
                if (call) i = skip_group(s, next, '(', ')');
            } else if (!call && !is_keyword(word)) {
                names.insert(word);
            }
        } else {
            ++i;
        }
    }
    return names;
}

std::set<std::string> exposed_series_names(const std::string& exposition) {
    std::set<std::string> names;
    std::istringstream in(exposition);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string hash, keyword, name, type;
        if (!(words >> hash >> keyword >> name >> type) || hash != "#" || keyword != "TYPE")
            continue;
        names.insert(name);
        if (type == "histogram") names.insert(name + "_bucket");
        if (type == "histogram" || type == "summary") {
            names.insert(name + "_sum");
            names.insert(name + "_count");
        }
    }
    return names;
}

std::string with_grafana_variables_resolved(std::string expr, const std::string& client,
                                            const std::string& site) {
    // Longest first, so $__range_s is not read as $__range followed by "_s".
    const std::vector<std::pair<std::string, std::string>> values = {
        {"${client:regex}", client}, {"${site:regex}", site},    {"${client}", client},
        {"${site}", site},           {"$__rate_interval", "1m"}, {"$__interval_ms", "60000"},
        {"$__interval", "1m"},       {"$__range_ms", "3600000"}, {"$__range_s", "3600"},
        {"$__range", "1h"},          {"$client", client},        {"$site", site},
    };
    for (const auto& [variable, value] : values)
        for (auto at = expr.find(variable); at != std::string::npos;
             at = expr.find(variable, at + value.size()))
            expr.replace(at, variable.size(), value);
    return expr;
}

}  // namespace sitewatch::testing
