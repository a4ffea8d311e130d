#pragma once
// The JSON shape of PageFeatures, for baselines kept in the store.
#include <nlohmann/json.hpp>

#include "checks/content/page_features.h"

namespace sitewatch::checks {

// Block hashes are written as 16 hex digits: JSON numbers above 2^53 lose precision in
// JavaScript and in many JSON readers.
nlohmann::json to_json(const PageFeatures& f);
// Lenient: unknown fields are ignored, missing or mistyped ones take defaults; a value that
// is not an object yields empty features rather than an exception.
PageFeatures page_features_from_json(const nlohmann::json& j);

}  // namespace sitewatch::checks
