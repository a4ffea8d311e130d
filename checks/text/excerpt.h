#pragma once
// Quoting a piece of a page in a finding: one line, bounded, valid UTF-8 whatever the page.
#include <cstddef>
#include <string>
#include <string_view>

namespace sitewatch::checks {

// About `width` bytes of `text` around the span [pos, pos + len), as one line: line breaks,
// tabs and control characters become spaces, runs of spaces collapse, invalid UTF-8 becomes
// U+FFFD (evidence ends up in JSON, which must be valid UTF-8), cuts fall on character
// boundaries and are marked with "…". The span is centred; a span wider than `width` is cut.
std::string excerpt_around(std::string_view text, std::size_t pos, std::size_t len,
                           std::size_t width = 120);

// `text` as one line as above, cut to at most about `max_bytes` bytes.
std::string one_line(std::string_view text, std::size_t max_bytes = 120);

}  // namespace sitewatch::checks
