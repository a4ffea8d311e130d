#pragma once
// Decodes a gzip body with zlib, for tests that check what sitewatch compressed: nullopt when
// the input is not one complete gzip stream.
#include <optional>
#include <string>
#include <string_view>

namespace sitewatch::testing {

std::optional<std::string> gunzip(std::string_view gz);

}  // namespace sitewatch::testing
