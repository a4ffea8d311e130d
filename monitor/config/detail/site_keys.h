#pragma once
// The site keys (CONTRACT.md "sites[]" plus confirm, recover, limits and `resolve`), which may
// be written at three levels: `defaults`, a client, and the site itself. Each level is read
// into a SiteLayer of "set here or not"; the loader applies the layers in that order.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "monitor/config/config.h"
#include "monitor/config/detail/yaml_reader.h"

namespace sitewatch::config::detail {

using std::chrono::milliseconds;

struct SiteLayer {
    std::optional<std::string> method, user_agent, resolve, tls_ca_file;
    std::vector<std::pair<std::string, std::string>> headers;  // merged by name across levels
    std::optional<milliseconds> interval, timeout, confirm_retry_after, max_response_time;
    std::optional<int> confirm_failures, recover_successes, max_redirects, tls_min_days_valid,
        defacement_learn_samples;
    std::optional<std::size_t> max_body;
    std::optional<std::vector<StatusRange>> expect_status;
    std::optional<std::vector<std::string>> must_contain, must_not_contain, content_ignore, tags;
    std::optional<bool> defacement_enabled, assets_check;
};

enum class SiteLevel { defaults, client, site };

// Reads every site key present in `map` (and makes them all allowed there). At the client
// level `tags` is left to the caller: there it is the client's own. `name` and `url` are
// always left to the caller.
SiteLayer read_site_keys(MapReader& map, SiteLevel level, const std::filesystem::path& base_dir);

// Overrides `site` with what `layer` sets; headers replace same-named ones (any case).
void apply_layer(const SiteLayer& layer, SiteConfig& site);

}  // namespace sitewatch::config::detail
