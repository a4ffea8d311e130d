#pragma once
// The `notifiers` section: twilio, slack, email, webhook, pagerduty, asana. Secrets are
// *_file keys naming files that must exist; inline secrets are refused as unknown keys.
#include <filesystem>

#include "monitor/config/config.h"
#include "monitor/config/detail/yaml_reader.h"

namespace sitewatch::config::detail {

void read_notifiers(const Entry& e, Diagnostics& d, const std::filesystem::path& base_dir,
                    NotifiersConfig& out);

}  // namespace sitewatch::config::detail
