#pragma once
// Parsing the config text into exactly one YAML document, without yaml-cpp's LoadAll: in
// yaml-cpp 0.7 LoadAll loops forever, allocating, on input such as a lone ',' (yaml-cpp
// issue #1040, fixed upstream after 0.8 by PR #1319).
#include <yaml-cpp/yaml.h>

#include <string>

#include "monitor/config/detail/yaml_reader.h"

namespace sitewatch::config::detail {

// The document's root, or a null node after recording why there is none (empty input,
// a syntax error, or more than one document). Never throws a yaml-cpp exception.
YAML::Node parse_single_document(const std::string& text, Diagnostics& d);

}  // namespace sitewatch::config::detail
