#include "checks/baseline/content_baseline.h"

#include <algorithm>

#include "checks/content/normalise.h"

namespace sitewatch::checks {

namespace {

// While learning, a block must be on every sample to count as stable. Afterwards the
// stable set only narrows, and only on loads that kept at least this share of it: a
// legitimate edit of one paragraph ages that paragraph out, a replaced page changes nothing.
constexpr double kKeepStableShare = 0.8;

template <typename Set, typename Value>
void bounded_insert(Set& set, Value&& v, size_t max) {
    if (set.size() < max || set.contains(v)) set.insert(std::forward<Value>(v));
}

template <typename Set, typename From>
void bounded_union(Set& set, const From& from, size_t max) {
    for (const auto& v : from) bounded_insert(set, v, max);
}

void widen(Range& r, double v) {
    r.min = std::min(r.min, v);
    r.max = std::max(r.max, v);
}

void learn_head_and_hosts(ContentBaseline& b, const ContentSample& s) {
    const PageFeatures& f = s.features;
    bounded_insert(b.titles, normalise_text(f.title), kMaxBaselineTitles);
    bounded_insert(b.meta_descriptions, normalise_text(f.meta_description), kMaxBaselineTitles);
    bounded_insert(b.langs, f.lang, kMaxBaselineTitles);
    if (!f.headings.empty())
        bounded_insert(b.first_headings, normalise_text(f.headings.front()), kMaxBaselineTitles);
    if (!s.final_domain.empty())
        bounded_insert(b.final_domains, s.final_domain, kMaxBaselineTitles);
    bounded_insert(b.content_hashes, s.content_hash, kMaxBaselineHashes);

    int new_links = 0;
    for (const auto& [host, count] : f.link_hosts)
        if (!b.link_hosts.contains(host)) ++new_links;
    b.max_new_link_hosts = std::max(b.max_new_link_hosts, new_links);
    for (const auto& [host, count] : f.link_hosts)
        bounded_insert(b.link_hosts, host, kMaxBaselineHosts);

    bounded_union(b.script_hosts, f.script_hosts, kMaxBaselineHosts);
    bounded_union(b.iframe_hosts, f.iframe_hosts, kMaxBaselineHosts);
    bounded_union(b.embed_hosts, f.embed_hosts, kMaxBaselineHosts);
    bounded_union(b.form_hosts, f.form_hosts, kMaxBaselineHosts);
    bounded_union(b.hidden_link_hosts, f.hidden_link_hosts, kMaxBaselineHosts);
    bounded_union(b.redirect_hosts, s.redirect_hosts, kMaxBaselineHosts);
    for (const auto& id : s.signature_ids) b.signature_ids.insert(id);
    bounded_union(b.seen_blocks, s.blocks, kMaxBaselineSeenBlocks);

    widen(b.text_length, static_cast<double>(f.text_length));
    widen(b.html_bytes, static_cast<double>(f.html_bytes));
    widen(b.elements, f.counts.elements);
    widen(b.links, f.counts.links);
    widen(b.main_text, static_cast<double>(f.main_text_length));
    b.always_main = b.always_main && f.has_main;
    b.max_cjk_share = std::max(b.max_cjk_share, f.cjk_share);
    b.always_html = b.always_html && s.html;
    b.always_closed = b.always_closed && s.closed;
}

}  // namespace

ContentBaseline start_baseline(const ContentSample& sample, int learn_samples, TimePoint now) {
    ContentBaseline b;
    b.samples = 1;
    b.learn_samples = std::max(1, learn_samples);
    b.created_at = now;
    b.updated_at = now;
    const PageFeatures& f = sample.features;
    b.text_length = {static_cast<double>(f.text_length), static_cast<double>(f.text_length)};
    b.html_bytes = {static_cast<double>(f.html_bytes), static_cast<double>(f.html_bytes)};
    b.elements = {static_cast<double>(f.counts.elements), static_cast<double>(f.counts.elements)};
    b.links = {static_cast<double>(f.counts.links), static_cast<double>(f.counts.links)};
    b.main_text = {static_cast<double>(f.main_text_length),
                   static_cast<double>(f.main_text_length)};
    learn_head_and_hosts(b, sample);
    b.max_new_link_hosts = 0;  // the first load defines the hosts; it adds none
    for (uint64_t h : sample.blocks) bounded_insert(b.stable_blocks, h, kMaxBaselineSeenBlocks);
    return b;
}

void learn(ContentBaseline& b, const ContentSample& sample, TimePoint now) {
    const bool learning = b.samples < b.learn_samples;  // also right after a person accepted it
    std::set<uint64_t> present(sample.blocks.begin(), sample.blocks.end());
    size_t kept = 0;
    for (uint64_t h : b.stable_blocks) kept += present.contains(h) ? 1 : 0;
    const bool narrow =
        learning || (!b.stable_blocks.empty() &&
                     static_cast<double>(kept) >=
                         kKeepStableShare * static_cast<double>(b.stable_blocks.size()));
    if (narrow) std::erase_if(b.stable_blocks, [&](uint64_t h) { return !present.contains(h); });
    learn_head_and_hosts(b, sample);
    ++b.samples;
    b.updated_at = now;
}

ContentBaseline accept_baseline(const ContentSample& sample, int learn_samples, TimePoint now) {
    ContentBaseline b = start_baseline(sample, learn_samples, now);
    b.accepted = true;
    return b;
}

}  // namespace sitewatch::checks
