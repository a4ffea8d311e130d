#pragma once
// The one JSON shape of a finding, used by the store, the API and `sitewatch check --json`.
#include <nlohmann/json.hpp>

#include "checks/model/finding.h"

namespace sitewatch {

nlohmann::json to_json(const Finding& f);
nlohmann::json to_json(const Findings& fs);
// Lenient: unknown fields are ignored, missing ones take defaults; a value that is not an
// object or array yields an empty result rather than an exception.
Findings findings_from_json(const nlohmann::json& j);

}  // namespace sitewatch
