#pragma once
// A guard in front of the HTML parser. HTML5 tree building checks element scopes by walking
// the stack of open elements, so a page of 400,000 unclosed <div>s costs time quadratic in
// its size (minutes for 2 MiB). A hostile or broken site must not be able to stall a check.
#include <cstddef>
#include <string_view>

namespace sitewatch::checks {

// Real pages nest a few dozen elements deep, and a sloppy template leaves a few dozen more
// unclosed; hundreds only come from garbage or an attack.
inline constexpr size_t kMaxNestingDepth = 256;

// The length of the longest prefix of `html` whose approximate element nesting (start tags
// minus matching end tags; void elements, self-closing tags and elements whose end tag is
// optional do not nest; comments and raw text such as <script> bodies are skipped) stays
// within `max_depth`, and with no more than a thousand misnested formatting end tags (the
// other quadratic case). html.size() for every ordinary page. Linear in the input.
size_t nesting_bounded_length(std::string_view html, size_t max_depth = kMaxNestingDepth);

}  // namespace sitewatch::checks
