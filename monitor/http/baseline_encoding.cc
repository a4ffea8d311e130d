#include "monitor/http/baseline_encoding.h"

#include "monitor/http/json_encoding.h"

namespace sitewatch::http {

namespace {

nlohmann::json range_json(const checks::Range& r) { return {{"min", r.min}, {"max", r.max}}; }

template <typename Set>
nlohmann::json list_json(const Set& values) {
    auto out = nlohmann::json::array();
    for (const auto& v : values) out.push_back(v);
    return out;
}

}  // namespace

nlohmann::json baseline_facts_to_json(const SiteStatus& site,
                                      const checks::ContentBaseline* baseline) {
    nlohmann::json out{
        {"site", site.name},
        {"client", site.client},
        {"content_similarity",
         site.content_similarity ? nlohmann::json(*site.content_similarity) : nullptr},
        {"learn_samples", site.baseline_learn_samples},
        {"baseline", nullptr}};
    if (!baseline) return out;
    const auto& b = *baseline;
    out["baseline"] = {
        {"samples", b.samples},
        {"learn_samples", b.learn_samples},
        {"trusted", b.ready()},
        {"settled", b.settled()},
        {"accepted", b.accepted},
        {"accepted_at", time_or_null(b.accepted ? std::optional(b.created_at) : std::nullopt)},
        {"created_at", format_rfc3339(b.created_at)},
        {"updated_at", format_rfc3339(b.updated_at)},
        {"titles", list_json(b.titles)},
        {"first_headings", list_json(b.first_headings)},
        {"langs", list_json(b.langs)},
        {"final_domains", list_json(b.final_domains)},
        {"stable_blocks", b.stable_blocks.size()},
        {"seen_blocks", b.seen_blocks.size()},
        {"script_hosts", list_json(b.script_hosts)},
        {"iframe_hosts", list_json(b.iframe_hosts)},
        {"embed_hosts", list_json(b.embed_hosts)},
        {"form_hosts", list_json(b.form_hosts)},
        {"redirect_hosts", list_json(b.redirect_hosts)},
        {"link_hosts", list_json(b.link_hosts)},
        {"text_length", range_json(b.text_length)},
        {"html_bytes", range_json(b.html_bytes)}};
    return out;
}

}  // namespace sitewatch::http
