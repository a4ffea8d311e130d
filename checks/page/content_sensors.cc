#include "checks/page/content_sensors.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>

#include "checks/content/content_hash.h"
#include "checks/content/normalise.h"
#include "checks/page/known_hosts.h"
#include "checks/signatures/signature.h"
#include "checks/text/excerpt.h"

namespace sitewatch::checks {

namespace {

// Thresholds. Each is far from what benign load noise produces (tests/corpus holds that),
// and none decides alone unless the signal is unambiguous (DESIGN.md, the FP budget).
constexpr int kHiddenLinkFarmHosts = 3;    // hidden links to this many new hosts: a farm
constexpr int kMinNewLinkHosts = 5;        // visible new outbound hosts worth a signal...
constexpr double kStableBlocksLost = 0.5;  // ...share of stable blocks gone that fires
constexpr size_t kMinStableBlocks = 3;     // fewer learned stable blocks: too little to judge
constexpr double kCollapsedShare = 0.25;   // text below this share of the smallest healthy load
constexpr double kMinTextForCollapse = 200;
constexpr double kEmptyMainShare = 0.05;  // main area below this share of its smallest load
constexpr double kTitleOverlap = 0.5;  // word overlap with every known title below this: replaced
constexpr double kScriptShareJump = 0.2;
// Blank means nothing at all to read: a one-word page is judged against its baseline instead.
constexpr double kBlankTextBytes = 1;

Finding finding(Condition c, std::string check, std::string rule, std::string summary) {
    Finding f;
    f.condition = c;
    f.severity = Severity::critical;
    f.check = std::move(check);
    f.summary = std::move(summary);
    f.evidence.rule = std::move(rule);
    return f;
}

std::string join(const std::vector<std::string>& items, size_t max = 5) {
    std::string out;
    for (size_t i = 0; i < items.size() && i < max; ++i) {
        if (i) out += ", ";
        out += items[i];
    }
    if (items.size() > max) out += ", … (" + std::to_string(items.size()) + " in all)";
    return out;
}

template <typename Set>
std::string join_set(const Set& s, size_t max = 8) {
    return join(std::vector<std::string>(s.begin(), s.end()), max);
}

std::string percent(double share) {
    return std::to_string(static_cast<int>(std::lround(share * 100))) + "%";
}

std::set<std::string> words(std::string_view s) {
    std::set<std::string> out;
    std::string w;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!w.empty()) {
            out.insert(std::move(w));
            w.clear();
        }
    }
    if (!w.empty()) out.insert(std::move(w));
    return out;
}

// Largest word-set Jaccard between `title` and any known title.
double best_title_overlap(const std::string& title, const std::set<std::string>& known) {
    const auto a = words(title);
    double best = 0;
    for (const auto& k : known) {
        const auto b = words(k);
        if (a.empty() && b.empty()) return 1;
        size_t common = 0;
        for (const auto& w : a) common += b.contains(w) ? 1 : 0;
        const size_t all = a.size() + b.size() - common;
        best = std::max(best, all ? static_cast<double>(common) / static_cast<double>(all) : 1.0);
    }
    return best;
}

void resource_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    const PageFeatures& f = s.features;
    std::vector<std::string> unknown_scripts, known_scripts, unknown_frames, foreign_forms;
    for (const auto& h : f.script_hosts) {
        if (same_site(h, f.own_host) || b.script_hosts.contains(h)) continue;
        (is_known_script_host(h) ? known_scripts : unknown_scripts).push_back(h);
    }
    auto frames = [&](const std::set<std::string>& hosts, const std::set<std::string>& learned) {
        for (const auto& h : hosts)
            if (!same_site(h, f.own_host) && !learned.contains(h) && !is_known_frame_host(h))
                unknown_frames.push_back(h);
    };
    frames(f.iframe_hosts, b.iframe_hosts);
    frames(f.embed_hosts, b.embed_hosts);
    for (const auto& h : f.form_hosts)
        if (!same_site(h, f.own_host) && !b.form_hosts.contains(h) && !is_known_form_host(h))
            foreign_forms.push_back(h);

    if (!unknown_scripts.empty()) {
        auto sig = finding(Condition::security, "content", "content.new_script_host",
                           "new third-party script origin: " + join(unknown_scripts));
        sig.evidence.before = join_set(b.script_hosts);
        sig.evidence.after = join(unknown_scripts);
        out.push_back({SensorGroup::resources, true, false, std::move(sig)});
    }
    if (!unknown_frames.empty()) {
        auto sig = finding(Condition::defaced, "content", "content.new_frame_host",
                           "new embedded frame from " + join(unknown_frames));
        sig.evidence.before = join_set(b.iframe_hosts);
        sig.evidence.after = join(unknown_frames);
        out.push_back({SensorGroup::resources, true, false, std::move(sig)});
    }
    if (!foreign_forms.empty()) {
        auto sig = finding(Condition::security, "content", "content.foreign_form",
                           "a form now posts to another site: " + join(foreign_forms));
        sig.evidence.before = join_set(b.form_hosts);
        sig.evidence.after = join(foreign_forms);
        out.push_back({SensorGroup::resources, true, false, std::move(sig)});
    }
    if (!known_scripts.empty()) {
        auto sig = finding(Condition::defaced, "content", "content.new_known_script_host",
                           "new script origin: " + join(known_scripts));
        sig.evidence.before = join_set(b.script_hosts);
        sig.evidence.after = join(known_scripts);
        out.push_back({SensorGroup::resources, false, false, std::move(sig)});
    }
}

void link_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    const PageFeatures& f = s.features;
    std::vector<std::string> hidden;
    for (const auto& h : f.hidden_link_hosts)
        if (!same_site(h, f.own_host) && !b.hidden_link_hosts.contains(h) &&
            !b.link_hosts.contains(h))
            hidden.push_back(h);
    if (!hidden.empty()) {
        const bool farm = static_cast<int>(hidden.size()) >= kHiddenLinkFarmHosts;
        auto sig = finding(Condition::defaced, "content", "content.hidden_links",
                           (farm ? "hidden link farm: " : "hidden links to new sites: ") +
                               std::to_string(f.hidden_link_count) + " invisible links to " +
                               join(hidden));
        sig.evidence.after = join(hidden, 12);
        sig.evidence.excerpt = one_line(f.hidden_text, 160);
        out.push_back({SensorGroup::links, farm, false, std::move(sig)});
    }
    std::vector<std::string> fresh;
    for (const auto& [h, count] : f.link_hosts)
        if (!same_site(h, f.own_host) && !b.link_hosts.contains(h)) fresh.push_back(h);
    const int allowed = std::max(kMinNewLinkHosts, 2 * b.max_new_link_hosts + 2);
    if (static_cast<int>(fresh.size()) > allowed) {
        auto sig =
            finding(Condition::defaced, "content", "content.new_link_hosts",
                    std::to_string(fresh.size()) + " new outbound link hosts: " + join(fresh));
        sig.evidence.after = join(fresh, 12);
        out.push_back({SensorGroup::links, false, false, std::move(sig)});
    }
}

void redirect_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    std::vector<std::string> foreign;
    for (const auto& h : s.redirect_hosts)
        if (!same_site(h, s.features.own_host) && !b.redirect_hosts.contains(h))
            foreign.push_back(h);
    if (foreign.empty()) return;
    auto sig = finding(Condition::defaced, "content", "content.foreign_redirect",
                       "the page sends visitors to another site: " + join(foreign));
    sig.evidence.after =
        s.features.meta_refresh_url.empty() ? join(foreign) : s.features.meta_refresh_url;
    out.push_back({SensorGroup::redirect, true, false, std::move(sig)});
}

void structure_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    if (!s.closed && b.always_closed) {
        auto sig = finding(Condition::malformed, "content", "content.truncated",
                           "the page is cut off: the document ends without </html> after " +
                               std::to_string(s.features.html_bytes) + " bytes");
        sig.evidence.before = "every healthy load ended with </html>";
        out.push_back({SensorGroup::structure, true, false, std::move(sig)});
    }
    if (!s.html && b.always_html) {
        auto sig = finding(Condition::malformed, "content", "content.not_html",
                           "the page is no longer served as HTML");
        out.push_back({SensorGroup::structure, false, false, std::move(sig)});
    }
}

// "en-US" and "en_gb" speak the language of "en": a template switching between a bare
// language and one with a region (WordPress writes "en-US") is not a new language.
std::string primary_language(const std::string& tag) {
    std::string out;
    for (const char c : tag) {
        if (c == '-' || c == '_') break;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool known_language(const std::string& lang, const std::set<std::string>& langs) {
    const std::string primary = primary_language(lang);
    for (const auto& l : langs)
        if (primary_language(l) == primary) return true;
    return false;
}

void head_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    const PageFeatures& f = s.features;
    const std::string title = normalise_text(f.title);
    if (!b.titles.contains(title) && best_title_overlap(title, b.titles) < kTitleOverlap) {
        auto sig = finding(Condition::defaced, "content", "content.title_changed",
                           "title changed from “" + one_line(*b.titles.begin(), 60) + "” to “" +
                               one_line(f.title, 60) + "”");
        sig.evidence.before = join_set(b.titles, 3);
        sig.evidence.after = one_line(f.title, 200);
        out.push_back({SensorGroup::head, false, false, std::move(sig)});
    }
    if (!f.lang.empty() && !b.langs.empty() && !known_language(f.lang, b.langs)) {
        auto sig = finding(Condition::defaced, "content", "content.language_changed",
                           "page language changed from " + join_set(b.langs, 3) + " to " + f.lang);
        sig.evidence.before = join_set(b.langs, 3);
        sig.evidence.after = f.lang;
        out.push_back({SensorGroup::head, false, false, std::move(sig)});
    }
    if (f.cjk_share >= kScriptShareJump && f.cjk_share >= b.max_cjk_share + kScriptShareJump) {
        const bool japanese = f.kana_share >= 0.05;
        auto sig = finding(Condition::defaced, "content", "content.script_share",
                           std::string(japanese ? "Japanese" : "Chinese/Japanese/Korean") +
                               " text now makes up " + percent(f.cjk_share) +
                               " of the page (at most " + percent(b.max_cjk_share) + " before)");
        sig.evidence.before = percent(b.max_cjk_share);
        sig.evidence.after = percent(f.cjk_share);
        sig.evidence.excerpt = one_line(f.visible_text, 160);
        out.push_back({SensorGroup::head, false, false, std::move(sig)});
    }
}

void heading_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    const PageFeatures& f = s.features;
    if (b.first_headings.empty() || f.headings.empty()) return;
    const std::string heading = normalise_text(f.headings.front());
    if (b.first_headings.contains(heading) ||
        best_title_overlap(heading, b.first_headings) >= kTitleOverlap)
        return;
    auto sig = finding(Condition::defaced, "content", "content.heading_changed",
                       "main heading changed to “" + one_line(f.headings.front(), 60) + "”");
    sig.evidence.before = join_set(b.first_headings, 3);
    sig.evidence.after = one_line(f.headings.front(), 200);
    SensorSignal signal{SensorGroup::head, false, true, std::move(sig)};
    out.push_back(std::move(signal));
}

void main_area_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    const auto main = static_cast<double>(s.features.main_text_length);
    if (!b.always_main || !s.features.has_main || b.main_text.min < kMinTextForCollapse ||
        main >= kEmptyMainShare * b.main_text.min)
        return;
    auto sig =
        finding(Condition::malformed, "content", "content.main_empty",
                "the main content area is empty: " + std::to_string(s.features.main_text_length) +
                    " characters where every healthy load had at least " +
                    std::to_string(static_cast<long>(b.main_text.min)));
    sig.evidence.before = std::to_string(static_cast<long>(b.main_text.min));
    sig.evidence.after = std::to_string(s.features.main_text_length);
    out.push_back({SensorGroup::size, true, false, std::move(sig)});
}

void block_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    if (b.stable_blocks.size() < kMinStableBlocks) return;
    const double kept = stable_block_similarity(s, b);
    if (kept >= 1.0 - kStableBlocksLost) return;
    const auto lost = static_cast<size_t>(
        std::lround((1.0 - kept) * static_cast<double>(b.stable_blocks.size())));
    if (lost < 2) return;
    // Show a block the site never had: usually the clearest picture of what replaced it.
    std::string fresh;
    for (const auto& block : s.features.blocks)
        if (!b.seen_blocks.contains(block.hash)) {
            fresh = block.excerpt;
            break;
        }
    auto sig =
        finding(Condition::defaced, "content", "content.stable_blocks",
                std::to_string(lost) + " of " + std::to_string(b.stable_blocks.size()) +
                    " text blocks that never changed before are gone (" + percent(kept) + " left)");
    sig.evidence.before = percent(1.0);
    sig.evidence.after = percent(kept);
    sig.evidence.excerpt = one_line(fresh, 160);
    out.push_back({SensorGroup::blocks, false, false, std::move(sig)});
}

void size_signals(const ContentSample& s, const ContentBaseline& b, SensorSignals& out) {
    const auto text = static_cast<double>(s.features.text_length);
    if (b.text_length.min >= kMinTextForCollapse && text < kCollapsedShare * b.text_length.min) {
        auto sig = finding(Condition::malformed, "content", "content.collapsed",
                           "the page shrank to " + percent(text / b.text_length.min) +
                               " of its smallest healthy size (" +
                               std::to_string(s.features.text_length) + " characters of text, " +
                               std::to_string(static_cast<long>(b.text_length.min)) + " before)");
        sig.evidence.before = std::to_string(static_cast<long>(b.text_length.min));
        sig.evidence.after = std::to_string(s.features.text_length);
        sig.evidence.excerpt = one_line(s.features.visible_text, 160);
        out.push_back({SensorGroup::size, false, false, std::move(sig)});
    }
}

}  // namespace

const char* to_string(SensorGroup g) {
    switch (g) {
        case SensorGroup::signature:
            return "signature";
        case SensorGroup::resources:
            return "resources";
        case SensorGroup::links:
            return "links";
        case SensorGroup::head:
            return "head";
        case SensorGroup::blocks:
            return "blocks";
        case SensorGroup::size:
            return "size";
        case SensorGroup::structure:
            return "structure";
        case SensorGroup::redirect:
            return "redirect";
    }
    return "unknown";
}

SensorSignals signature_signals(const std::vector<SignatureMatch>& matches,
                                const ContentBaseline* baseline) {
    SensorSignals out;
    const bool trusted = baseline && baseline->ready();
    for (const SignatureMatch& m : matches) {
        const bool weak = m.strength == SignatureStrength::weak;
        if (m.tier == SignatureTier::if_new) {
            if (trusted && baseline->signature_ids.contains(m.id)) continue;
            if (!trusted && weak) continue;
        }
        Finding f;
        f.condition = m.condition;
        f.severity = m.severity;
        f.check = "signature";
        f.summary = m.summary;
        if (const std::string quote = one_line(m.matched, 80); !quote.empty())
            f.summary += ": “" + quote + "”";
        f.evidence.rule = "signature." + m.id;
        f.evidence.excerpt = m.excerpt;
        f.evidence.after = m.matched;
        out.push_back({SensorGroup::signature, !weak, false, std::move(f)});
    }
    return out;
}

SensorSignals blank_page_signals(const ContentSample& s, std::string_view body,
                                 const ContentBaseline* baseline) {
    SensorSignals out;
    const bool empty_body = std::all_of(body.begin(), body.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c));
    });
    const PageFeatures& f = s.features;
    const bool nothing_to_see = static_cast<double>(f.text_length) < kBlankTextBytes &&
                                f.counts.images == 0 && f.counts.iframes == 0 &&
                                f.counts.scripts == 0 && f.embed_hosts.empty();
    if (!empty_body && !(s.html && nothing_to_see)) return out;
    // A site whose healthy page was always this empty (an API root, a bare redirect page).
    if (!empty_body && baseline && baseline->settled() &&
        baseline->text_length.min < kBlankTextBytes)
        return out;
    auto sig = finding(Condition::malformed, "content", "content.blank",
                       empty_body ? "blank page: the response body is empty"
                                  : "blank page: no text, images or scripts (" +
                                        std::to_string(body.size()) + " bytes of markup)");
    sig.evidence.excerpt = one_line(body, 160);
    out.push_back({SensorGroup::size, true, false, std::move(sig)});
    return out;
}

double stable_block_similarity(const ContentSample& s, const ContentBaseline& b) {
    if (b.stable_blocks.empty()) return 1.0;
    size_t kept = 0;
    std::set<uint64_t> present(s.blocks.begin(), s.blocks.end());
    for (uint64_t h : b.stable_blocks) kept += present.contains(h) ? 1 : 0;
    return static_cast<double>(kept) / static_cast<double>(b.stable_blocks.size());
}

SensorSignals baseline_signals(const ContentSample& s, const ContentBaseline& b) {
    SensorSignals out;
    if (!b.ready()) return out;
    resource_signals(s, b, out);
    link_signals(s, b, out);
    redirect_signals(s, b, out);
    structure_signals(s, b, out);
    if (!b.settled()) return out;
    head_signals(s, b, out);
    heading_signals(s, b, out);
    main_area_signals(s, b, out);
    block_signals(s, b, out);
    size_signals(s, b, out);
    return out;
}

}  // namespace sitewatch::checks
