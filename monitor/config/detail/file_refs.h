#pragma once
// Keys that name a file which must exist when the config is loaded (tls.ca_file,
// server.api_token_file, the notifiers' *_file secrets).
#include <filesystem>
#include <optional>
#include <string>

#include "monitor/config/detail/yaml_reader.h"

namespace sitewatch::config::detail {

// The directory relative file references resolve against: the config file's own.
std::filesystem::path config_base_dir(const std::string& config_path);

// Reads the path in `e`, resolves it against `base_dir` when relative, and checks that it
// names a readable regular file. Returns the resolved path, or nullopt after an error.
std::optional<std::string> read_existing_file(const Entry& e, Diagnostics& d,
                                              const std::filesystem::path& base_dir);

}  // namespace sitewatch::config::detail
