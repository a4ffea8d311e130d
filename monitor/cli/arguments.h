#pragma once
// A small command-line parser: `--flag VALUE`, `--flag=VALUE`, boolean `--flag`, positionals.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sitewatch::cli {

struct Arguments {
    std::map<std::string, std::string> values;  // --name VALUE
    std::set<std::string> switches;              // --name
    std::vector<std::string> positionals;

    std::optional<std::string> value(const std::string& name) const;
    bool has(const std::string& name) const { return switches.count(name) > 0; }
};

struct ArgumentSpec {
    std::set<std::string> valued;    // flags that take a value
    std::set<std::string> switches;  // flags without one
    std::size_t max_positionals = 0;
};

struct ParseOutcome {
    Arguments args;
    std::string error;  // empty when fine
};

// Parses argv[first..argc). Unknown flags, missing values and extra positionals are errors.
ParseOutcome parse_arguments(int argc, char** argv, int first, const ArgumentSpec& spec);

}  // namespace sitewatch::cli
