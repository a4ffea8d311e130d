#pragma once
// Has the page's content changed? An exact answer (a hash of the normalised text and the body's
// structure) and a graded one (how many text blocks survived).
//
// Whole-page fuzzy hashes (ssdeep, TLSH, simhash) are deliberately not used to decide. Measured
// on sample pages (research/defacement.md, 2.8), ssdeep scored a news list with 3 of 20 items
// rotated as a total change (0) while hidden spam links, an injected foreign script and a
// crypto-miner scored 91–93 ("very similar"), and TLSH put an injected script at the same
// distance as a plain reload. They measure bytes, not meaning: small, dangerous changes look
// like nothing and large benign ones look like everything. Set comparisons over text blocks,
// and the resource-host sets in PageFeatures, tell the two apart.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/content/normalise.h"
#include "checks/content/page_features.h"

namespace sitewatch::checks {

// Lowercase hex SHA-256 (OpenSSL EVP) of `data`.
std::string sha256_hex(std::string_view data);

// SHA-256 over the normalised title, the normalised visible text and the body skeleton.
// Equal for two loads that differ only in times, counters, tokens, nonces, cache busters,
// whitespace, attributes or the site's ignore patterns; different when a word of text or
// the tag structure changes.
std::string content_hash(const PageFeatures& features);
std::string content_hash(const PageFeatures& features, const TextNormaliser& normaliser);

// Share of the baseline's distinct block hashes still present in the current page, in [0, 1]:
// 1.0 when every baseline block is still there. Containment rather than Jaccard, so the
// baseline can be just the blocks learned as stable while the current page brings its
// rotating news and ads: those must not lower the score. New content is measured by
// block_jaccard and by the host and hidden-link sensors. An empty baseline gives 1.0.
double block_similarity(const std::vector<uint64_t>& baseline_blocks,
                        const std::vector<uint64_t>& current_blocks);

// Jaccard index of the two sets of distinct block hashes: "how much changed" in both
// directions, for magnitude only. Two empty pages give 1.0.
double block_jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// The block hashes of a page, in document order, for the functions above.
std::vector<uint64_t> block_hashes(const PageFeatures& features);

}  // namespace sitewatch::checks
