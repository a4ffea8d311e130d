#include "checks/cloaking/cloaking_check.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "checks/content/content_hash.h"
#include "checks/content/normalise.h"
#include "checks/signatures/signature_matcher.h"
#include "checks/text/excerpt.h"
#include "checks/url/url_host.h"

namespace sitewatch::checks {

namespace {

constexpr size_t kListedHosts = 5;
// Below this share of the visitor's text blocks, the crawler is shown mostly another page.
constexpr double kMostlyOtherText = 0.5;

std::string_view without_www(std::string_view host) {
    if (host.starts_with("www.")) host.remove_prefix(4);
    return host;
}

bool same_host(std::string_view a, std::string_view b) { return without_www(a) == without_www(b); }

// One code point of UTF-8 at `i` (advancing it); invalid bytes read as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i++]);
    if (b0 < 0x80) return b0;
    const int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
    if (extra < 0 || i + static_cast<size_t>(extra) > s.size()) return 0xFFFD;
    char32_t c = b0 & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0) != 0x80) return 0xFFFD;
        c = (c << 6) | (b & 0x3F);
        ++i;
    }
    return c;
}

bool is_kana(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
           (c >= 0xFF66 && c <= 0xFF9F);
}

bool is_cjk(char32_t c) {
    return is_kana(c) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
           (c >= 0x3130 && c <= 0x318F);
}

struct ScriptShares {
    double cjk = 0;
    double kana = 0;
};

// As PageFeatures computes them for the page, here for one short text (the title).
ScriptShares script_shares(std::string_view text) {
    size_t chars = 0, cjk = 0, kana = 0;
    for (size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0) continue;
        ++chars;
        cjk += is_cjk(c) ? 1 : 0;
        kana += is_kana(c) ? 1 : 0;
    }
    if (chars == 0) return {};
    return {static_cast<double>(cjk) / static_cast<double>(chars),
            static_cast<double>(kana) / static_cast<double>(chars)};
}

std::string quoted(std::string_view text) { return "“" + one_line(text, 80) + "”"; }

std::string percent(double share) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f %%", share * 100.0);
    return buf;
}

std::string host_list(const std::vector<std::string>& hosts) {
    std::string out;
    for (size_t i = 0; i < hosts.size() && i < kListedHosts; ++i) {
        if (i > 0) out += ", ";
        out += hosts[i];
    }
    if (hosts.size() > kListedHosts) out += ", …";
    return out;
}

// What one view shows, for the evidence: title, linked hosts, where it ended.
std::string describe(const CloakingView& v, std::string_view final_host) {
    std::string out = "title " + quoted(v.features.title);
    out += "; links to " + std::to_string(v.features.link_hosts.size()) + " other hosts";
    if (v.features.hidden_link_count > 0)
        out += " (" + std::to_string(v.features.hidden_link_count) + " hidden links)";
    out += "; CJK " + percent(v.features.cjk_share) + ", kana " + percent(v.features.kana_share);
    if (!final_host.empty()) out += "; ends on " + std::string(final_host);
    if (!v.features.meta_refresh_host.empty())
        out += "; refreshes to " + v.features.meta_refresh_host;
    return out;
}

// A signature summary as part of a sentence: "pharma spam link ('buy viagra')".
std::string signature_phrase(std::string_view summary) {
    for (std::string_view suffix : {" on the page", " in the page text"})
        if (summary.ends_with(suffix)) summary.remove_suffix(suffix.size());
    return std::string(summary);
}

// Hosts that the page's inline scripts send the browser to ("location.href = 'https://x/'",
// "location.replace('//x/')"), other than the page's own.
std::set<std::string> script_redirect_hosts(const PageFeatures& f) {
    static const RE2 kRedirect(
        R"((?i)(?:location(?:\.href)?\s*=\s*|location\.(?:replace|assign)\s*\(\s*))"
        R"(["']((?:https?:)?//[^"'\s]+))");
    std::set<std::string> hosts;
    for (const std::string& script : f.inline_scripts) {
        re2::StringPiece input(script);
        std::string target;
        while (RE2::FindAndConsume(&input, kRedirect, &target)) {
            std::string host = resolve_host(target, f.own_host);
            if (!host.empty() && !is_own_host(host, f.own_host)) hosts.insert(std::move(host));
        }
    }
    return hosts;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

}  // namespace

Findings check_cloaking(const CloakingView& visitor, const CloakingView& crawler,
                        const SignatureIds& baseline_ids) {
    const PageFeatures& vf = visitor.features;
    const PageFeatures& cf = crawler.features;
    const std::string visitor_host = url_host(visitor.final_url);
    const std::string crawler_host = url_host(crawler.final_url);

    std::vector<std::string> parts;  // for the summary
    std::string excerpt;             // the crawler-only content that shows it best
    bool decisive = false;           // a signal that decides alone
    auto note_excerpt = [&](std::string text) {
        if (excerpt.empty()) excerpt = std::move(text);
    };

    // Redirects: only the crawler is sent elsewhere.
    std::string redirect_host;
    if (!crawler_host.empty() && !visitor_host.empty() && !same_host(crawler_host, visitor_host))
        redirect_host = crawler_host;
    else if (!cf.meta_refresh_host.empty() && !same_host(cf.meta_refresh_host, crawler_host) &&
             !is_own_host(cf.meta_refresh_host, cf.own_host) &&
             !same_host(cf.meta_refresh_host, vf.meta_refresh_host))
        redirect_host = cf.meta_refresh_host;
    if (!redirect_host.empty()) {
        parts.push_back("a redirect to " + redirect_host);
        note_excerpt("the crawler is sent to " + (redirect_host == crawler_host
                                                      ? std::string(crawler.final_url)
                                                      : cf.meta_refresh_url));
        decisive = true;
    } else {
        // A script that sends the browser elsewhere, only in the crawler's view (search
        // visitors arrive with the same Referer).
        const std::set<std::string> visitor_targets = script_redirect_hosts(vf);
        for (const std::string& host : script_redirect_hosts(cf)) {
            if (visitor_targets.contains(host) || same_host(host, visitor_host)) continue;
            parts.push_back("a script redirect to " + host);
            note_excerpt("a script sends the browser to " + host);
            decisive = true;
            break;
        }
    }

    // The same page but for load noise: nothing else to compare.
    const bool same_content = content_hash(vf) == content_hash(cf) &&
                              vf.link_hosts == cf.link_hosts && vf.hidden_text == cf.hidden_text;
    const std::vector<uint64_t> visitor_blocks = block_hashes(vf);
    const std::vector<uint64_t> crawler_blocks = block_hashes(cf);
    const double kept = block_similarity(visitor_blocks, crawler_blocks);

    // Signatures only the crawler's view has.
    const SignatureMatcher& matcher = SignatureMatcher::builtin();
    SignatureIds visitor_ids;
    for (const SignatureMatch& m : matcher.match(visitor.body)) visitor_ids.insert(m.id);
    std::vector<const SignatureMatch*> weak;
    const std::vector<SignatureMatch> crawler_matches = matcher.match(crawler.body);
    std::vector<std::string> strong_parts;
    for (const SignatureMatch& m : crawler_matches) {
        if (m.condition != Condition::defaced || visitor_ids.contains(m.id) ||
            baseline_ids.contains(m.id))
            continue;
        if (m.strength == SignatureStrength::strong) {
            strong_parts.push_back(signature_phrase(m.summary));
            note_excerpt(m.excerpt);
            decisive = true;
        } else {
            weak.push_back(&m);
        }
    }

    std::vector<std::string> content_parts;
    if (!same_content) {
        // Outbound link hosts the visitor's view does not link to.
        std::vector<std::string> new_hosts;
        size_t hidden = 0;
        for (const auto& [host, count] : cf.link_hosts) {
            if (vf.link_hosts.contains(host) || is_own_host(host, vf.own_host)) continue;
            new_hosts.push_back(host);
            hidden += cf.hidden_link_hosts.contains(host) ? 1 : 0;
        }
        size_t lost = 0;
        for (const auto& entry : vf.link_hosts) lost += cf.link_hosts.contains(entry.first) ? 0 : 1;
        const auto min_new = static_cast<size_t>(kCloakingMinNewLinkHosts);
        const size_t needed = std::max(min_new, (vf.link_hosts.size() + 3) / 4);
        // Rotation replaces linked hosts, injection adds them: the new hosts must also outnumber
        // the visitor's hosts that the crawler's view no longer links to by min_new.
        if (new_hosts.size() >= needed && new_hosts.size() >= lost + min_new) {
            // Most-linked first: a farm's main targets lead the list.
            std::stable_sort(new_hosts.begin(), new_hosts.end(),
                             [&](const std::string& a, const std::string& b) {
                                 return cf.link_hosts.at(a) > cf.link_hosts.at(b);
                             });
            content_parts.push_back("spam links to " + std::to_string(new_hosts.size()) + " hosts");
            std::string e = "links only the crawler sees: " + host_list(new_hosts);
            if (hidden > 0) e += " (" + std::to_string(hidden) + " of the hosts in hidden links)";
            note_excerpt(std::move(e));
        }

        // Another title in another script.
        static const TextNormaliser kNormaliser;
        if (kNormaliser.normalise(vf.title) != kNormaliser.normalise(cf.title)) {
            const ScriptShares vt = script_shares(vf.title);
            const ScriptShares ct = script_shares(cf.title);
            const double kana_jump = std::max(cf.kana_share - vf.kana_share, ct.kana - vt.kana);
            const double cjk_jump = std::max(cf.cjk_share - vf.cjk_share, ct.cjk - vt.cjk);
            const double cjk_drop = std::max(vf.cjk_share - cf.cjk_share, vt.cjk - ct.cjk);
            std::string script;
            if (kana_jump >= kCloakingScriptJump)
                script = "Japanese text";
            else if (cjk_jump >= kCloakingScriptJump)
                script = "Chinese or Korean text";
            else if (cjk_drop >= kCloakingScriptJump)
                script = "text in another script";
            if (!script.empty()) {
                content_parts.push_back(std::move(script));
                content_parts.push_back("title " + quoted(cf.title));
                note_excerpt("the crawler's title: " + one_line(cf.title, 200));
            }
        }
    }
    if (!content_parts.empty()) decisive = true;

    // Weak signatures: next to another signal, or on a crawler page that is mostly other text.
    const bool mostly_other = !same_content && !visitor_blocks.empty() && kept < kMostlyOtherText;
    std::vector<std::string> weak_parts;
    if (!weak.empty() && (decisive || mostly_other)) {
        for (const SignatureMatch* m : weak) {
            weak_parts.push_back(signature_phrase(m->summary));
            note_excerpt(m->excerpt);
        }
        decisive = true;
    }
    if (!decisive) return {};

    parts.insert(parts.end(), strong_parts.begin(), strong_parts.end());
    parts.insert(parts.end(), content_parts.begin(), content_parts.end());
    parts.insert(parts.end(), weak_parts.begin(), weak_parts.end());

    Finding f;
    f.condition = Condition::defaced;
    f.severity = Severity::critical;
    f.check = "cloaking";
    f.summary = "search engines are shown different content: " + join(parts, ", ");
    f.evidence.rule = "cloaking.spam";
    f.evidence.before = describe(visitor, visitor_host);
    f.evidence.after = describe(crawler, crawler_host) + "; keeps " + percent(kept) +
                       " of the visitors' text blocks";
    f.evidence.excerpt = one_line(excerpt, 400);
    return {std::move(f)};
}

}  // namespace sitewatch::checks
