#pragma once
// What a site's healthy page looks like, learned from its own fetches: which text blocks,
// titles, languages and resource hosts are normal, and how much sizes vary from load to
// load. The content sensors (checks/page) compare each fetch against it.
//
// Learning only ever widens what is normal from fetches that raised no finding at all
// (the caller guarantees it), so a compromise cannot become the baseline; a human can
// replace it after a legitimate redesign (accept()).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "checks/content/page_features.h"
#include "checks/model/time.h"

namespace sitewatch::checks {

// Bounds that keep a baseline small in the store and in memory, whatever the page does.
inline constexpr size_t kMaxBaselineTitles = 32;
inline constexpr size_t kMaxBaselineHosts = 256;  // per host set
// Seen blocks only pick the evidence excerpt; stable blocks share the bound (a page with more
// than this many blocks is judged on the first ones).
inline constexpr size_t kMaxBaselineSeenBlocks = 1024;
inline constexpr size_t kMaxBaselineHashes = 64;

// One healthy fetch, reduced to what a baseline learns from it.
struct ContentSample {
    PageFeatures features;
    std::string content_hash;                          // content_hash(features)
    std::vector<uint64_t> blocks;                      // block_hashes(features)
    std::set<std::string, std::less<>> signature_ids;  // if_new signatures the page matches
    std::string final_domain;              // registrable domain of the final URL ("" when unknown)
    bool html = true;                      // served as HTML (Content-Type), or sniffed as HTML
    bool closed = true;                    // the document ends with </html> (not cut off)
    std::set<std::string> redirect_hosts;  // meta refresh and script redirect targets
};

// min..max of one per-load measure over the learned samples.
struct Range {
    double min = 0;
    double max = 0;
    bool operator==(const Range&) const = default;
};

struct ContentBaseline {
    int samples = 0;        // healthy fetches learned from
    int learn_samples = 5;  // needed before the baseline is trusted (defacement.learn_samples)
    bool accepted = false;  // a person accepted it as known-good (POST .../baseline)
    TimePoint created_at{};
    TimePoint updated_at{};

    // Head facts, normalised (normalise_text), every value seen.
    std::set<std::string> titles;
    std::set<std::string> meta_descriptions;
    std::set<std::string> langs;
    std::set<std::string> first_headings;  // the first h1–h3 of each load
    std::set<std::string> final_domains;

    // Blocks present in every learned sample (the template: header, nav, footer, about) and
    // blocks seen in any (rotating news, testimonials).
    std::set<uint64_t> stable_blocks;
    std::set<uint64_t> seen_blocks;
    std::set<std::string> content_hashes;  // exact repeats need no further analysis

    // Resource and link hosts seen on healthy loads.
    std::set<std::string> script_hosts;
    std::set<std::string> iframe_hosts;
    std::set<std::string> embed_hosts;
    std::set<std::string> form_hosts;
    std::set<std::string> link_hosts;
    std::set<std::string> hidden_link_hosts;
    std::set<std::string> redirect_hosts;  // targets of meta refresh and script redirects
    int max_new_link_hosts = 0;  // most outbound hosts one load added over the previous ones

    std::set<std::string, std::less<>> signature_ids;  // if_new signatures the site's own page has

    Range text_length;
    Range html_bytes;
    Range elements;
    Range links;
    Range main_text;  // non-space bytes in the main content area (when always_main)
    bool always_main = true;
    double max_cjk_share = 0;
    bool always_html = true;
    bool always_closed = true;

    // Trusted: resource, link and signature sensors judge against it. The sensors that need
    // to know what varies from load to load (blocks, head, sizes) wait for settled().
    bool ready() const { return accepted || samples >= learn_samples; }
    bool settled() const { return samples >= learn_samples; }
    bool operator==(const ContentBaseline&) const = default;
};

// A baseline with one sample: the first healthy fetch, or the page a person accepted.
ContentBaseline start_baseline(const ContentSample& sample, int learn_samples, TimePoint now);

// Folds a healthy sample in: stable blocks narrow to those still present while learning
// (afterwards a stable block is dropped only when the page keeps most of the others, so
// legitimate edits age out and a replaced page never does); seen values widen; ranges grow.
void learn(ContentBaseline& baseline, const ContentSample& sample, TimePoint now);

// A person's "this is the new normal": the sample becomes a trusted baseline at once.
ContentBaseline accept_baseline(const ContentSample& sample, int learn_samples, TimePoint now);

}  // namespace sitewatch::checks
