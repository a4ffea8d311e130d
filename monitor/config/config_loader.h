#pragma once
// Loading and validating a config file. Every problem found is reported, not just the first.
#include <string>
#include <vector>

#include "monitor/config/config.h"

namespace sitewatch::config {

struct ConfigError {
    SourcePos pos;
    std::string message;
    // "FILE:LINE:COLUMN: message" (CONTRACT.md)
    std::string to_string() const;
};

struct LoadResult {
    std::optional<Config> config;     // set when errors is empty
    std::vector<ConfigError> errors;  // in file order
    bool ok() const { return errors.empty(); }
};

LoadResult load_config_file(const std::string& path);
// `path` is used only for error messages and relative file references.
LoadResult load_config_string(const std::string& yaml_text, const std::string& path);

}  // namespace sitewatch::config
