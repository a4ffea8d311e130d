#pragma once
// The stored shape of a ContentBaseline (the store keeps it as opaque JSON text).
#include <nlohmann/json.hpp>
#include <optional>

#include "checks/baseline/content_baseline.h"

namespace sitewatch::checks {

// Block hashes are written as 16 hex digits (JSON readers lose integers above 2^53);
// times as Unix milliseconds.
nlohmann::json to_json(const ContentBaseline& b);

// Strict about the shape (a baseline that cannot be read is relearned, never half-used):
// nullopt when `j` is not an object, lacks "version" 1 or a field has the wrong type.
std::optional<ContentBaseline> content_baseline_from_json(const nlohmann::json& j);

}  // namespace sitewatch::checks
