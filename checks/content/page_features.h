#pragma once
// What a page is made of, as plain data a baseline can learn and compare: head facts, text,
// stable text blocks, the hosts it loads resources from and links to, hidden links, counts
// and script shares. Parsed with gumbo (an HTML5 parser), so broken markup reads as a
// browser would read it.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checks/content/normalise.h"

namespace sitewatch::checks {

// Bounds that keep extraction linear and memory-bounded on any input.
inline constexpr size_t kMaxParsedBytes = 2 * 1024 * 1024;  // the rest of a body is not parsed
inline constexpr size_t kMaxVisibleTextBytes = 512 * 1024;
inline constexpr size_t kMaxBlocks = 4096;
inline constexpr size_t kMaxBlockExcerptBytes = 200;
inline constexpr size_t kMaxHeadings = 64;
inline constexpr size_t kMaxHeadingBytes = 300;
inline constexpr size_t kMaxInlineScriptBytes = 64 * 1024;    // per script
inline constexpr size_t kMaxInlineScriptsBytes = 256 * 1024;  // all scripts together
inline constexpr size_t kMaxSkeletonTags = 4096;
inline constexpr size_t kMaxAssetRefs = 16;

// The text of one block-level element (p, li, td, h1–h6, a div's own text, ...), excluding the
// text of nested blocks. The hash is of the normalised text, so a block whose only change is
// a date or counter keeps its hash.
struct TextBlock {
    std::string tag;
    std::string excerpt;  // the first kMaxBlockExcerptBytes of the text, for evidence
    uint64_t hash = 0;    // FNV-1a 64 of the normalised text: stable across runs and builds
    bool operator==(const TextBlock&) const = default;
};

struct ElementCounts {
    int elements = 0;
    int links = 0;  // <a href>
    int scripts = 0;
    int iframes = 0;
    int forms = 0;
    int images = 0;
    bool operator==(const ElementCounts&) const = default;
};

struct PageFeatures {
    std::string own_host;  // the page URL's host; relative URLs resolve to it
    size_t html_bytes = 0;
    // Only a prefix was parsed: the body was longer than kMaxParsedBytes or nested deeper
    // than kMaxNestingDepth (see nesting_bound.h).
    bool truncated = false;

    std::string title;
    std::string meta_description;
    std::string lang;              // <html lang>, lowercased
    std::string meta_refresh_url;  // resolved target of <meta http-equiv=refresh>, if any
    std::string meta_refresh_host;
    std::vector<std::string> headings;  // h1–h3 text in document order

    std::string visible_text;  // whitespace-collapsed, at most kMaxVisibleTextBytes
    std::string hidden_text;   // text inside hidden elements (also bounded)
    size_t text_length = 0;    // bytes of visible text before the bound
    // The main content area (<main> or role="main"): whether there is one, and the visible
    // non-space bytes inside it. A theme that renders header and footer around an empty
    // content area is a broken page even when the rest looks normal.
    bool has_main = false;
    size_t main_text_length = 0;
    std::vector<TextBlock> blocks;
    // The body's tag structure, "body(header(nav(ul(li(a()))))main(...))", 12 levels deep and
    // at most kMaxSkeletonTags tags; a run of same-tag siblings is written once, so a list of
    // 8 or 12 news items has the same skeleton. No attributes: ids and classes vary by load.
    std::string skeleton;

    // Hosts, lowercased. Relative URLs count as own_host.
    std::set<std::string> script_hosts;
    std::set<std::string> iframe_hosts;
    std::set<std::string> embed_hosts;  // <embed src>, <object data>
    std::set<std::string> form_hosts;   // <form action>
    std::set<std::string> stylesheet_hosts;
    std::set<std::string> image_hosts;
    std::map<std::string, int> link_hosts;  // outbound <a href> hosts (not own_host) → count

    // The page's own critical assets as written in the markup (<script src>, <link
    // rel=stylesheet href> on own_host), document order, at most kMaxAssetRefs: what the
    // asset check fetches to find a page whose styles or scripts are broken.
    std::vector<std::string> asset_refs;

    std::vector<std::string> inline_scripts;  // bodies, bounded, for signature scans
    int inline_script_count = 0;              // all of them, even past the bound

    // Links to other hosts inside elements a visitor cannot see (display:none,
    // visibility:hidden, font-size:0, far negative offsets, the hidden attribute).
    int hidden_link_count = 0;
    std::set<std::string> hidden_link_hosts;

    ElementCounts counts;
    double cjk_share = 0.0;   // Han, kana and Hangul among visible non-space characters
    double kana_share = 0.0;  // hiragana and katakana among the same

    bool operator==(const PageFeatures&) const = default;
};

// Never throws on content and never parses past kMaxParsedBytes or kMaxNestingDepth; garbage,
// binary and empty input give (nearly) empty features. Block hashes use `normaliser` (the site's
// ignore patterns) or, without one, the built-in rules only.
PageFeatures extract_features(std::string_view html, std::string_view page_url);
PageFeatures extract_features(std::string_view html, std::string_view page_url,
                              const TextNormaliser& normaliser);

// The host a link on the page leads to: "" for javascript:, mailto:, data:, fragments and
// other non-network URLs; `own_host` for relative ones. Lowercased, trailing dot removed.
std::string resolve_host(std::string_view url, std::string_view own_host);

// True when `host` is the page's own host, ignoring a leading "www." on either side (whether
// two hosts share a registrable domain is a public-suffix question, decided elsewhere).
bool is_own_host(std::string_view host, std::string_view own_host);

// FNV-1a 64: the block hash, stable across processes so baselines can be stored.
uint64_t fnv1a64(std::string_view data);

}  // namespace sitewatch::checks
