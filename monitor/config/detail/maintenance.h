#pragma once
// The `maintenance` list of a client or a site (extension; issue 5 item 6): one-off windows
// {start, end, reason} and recurring ones {every, at, duration, utc_offset, reason}.
#include <string>
#include <vector>

#include "alerting/maintenance/maintenance_window.h"
#include "monitor/config/detail/yaml_reader.h"

namespace sitewatch::config::detail {

// Appends the valid windows of `e` to `out`; `site` is empty for a client's own list. Window
// ids are "<client>[/<site>]#<position in the list, from 1>".
void read_maintenance(const Entry& e, Diagnostics& d, const std::string& client,
                      const std::string& site, std::vector<maintenance::MaintenanceWindow>& out);

}  // namespace sitewatch::config::detail
