#pragma once
// The top-level sections that stand alone: server, storage, escalation.
#include <filesystem>
#include <string>

#include "monitor/config/config.h"
#include "monitor/config/detail/yaml_reader.h"

namespace sitewatch::config::detail {

void read_server(const Entry& e, Diagnostics& d, const std::filesystem::path& base_dir,
                 ServerConfig& out);
void read_storage(const Entry& e, Diagnostics& d, const std::filesystem::path& base_dir,
                  StorageConfig& out);
// Where a `storage.sqlite` value (or the default) puts the database: relative to `base_dir`.
std::string resolve_sqlite_path(const std::string& written, const std::filesystem::path& base_dir);
void read_escalation(const Entry& e, Diagnostics& d, EscalationConfig& out);

}  // namespace sitewatch::config::detail
