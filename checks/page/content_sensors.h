#pragma once
// The content sensors: each compares one aspect of a fetched page with what is normal for
// the site and, when it is not, raises a signal in its sensor group. Deciding what the
// signals mean together is the vote's job (sensor_vote.h), not theirs.
#include <optional>
#include <vector>

#include "checks/baseline/content_baseline.h"
#include "checks/model/finding.h"
#include "checks/signatures/signature_matcher.h"

namespace sitewatch::checks {

// Goldrake-style categories (research/defacement.md 6.4): a category fires if any of its
// sensors does; the vote counts categories, so no single noisy sensor can page anyone.
enum class SensorGroup {
    signature,  // an error, defacement, spam or miner signature
    resources,  // new script / frame / form hosts
    links,      // new outbound or hidden link hosts
    head,       // title, language, script (CJK) share
    blocks,     // learned-stable text blocks gone
    size,       // text or markup collapsed
    structure,  // cut-off document, no longer HTML
    redirect,   // meta refresh or script redirect to a foreign host
};

const char* to_string(SensorGroup g);

struct SensorSignal {
    SensorGroup group = SensorGroup::signature;
    // Strong: specific enough to be critical alone. Weak: one weak group alone is a warning.
    bool strong = false;
    // Supporting: evidence that only counts next to another group (a new main heading is
    // also what a new blog post looks like); alone it raises nothing at all.
    bool supporting = false;
    Finding finding;  // severity is set by the vote (strong signals keep theirs)
};

using SensorSignals = std::vector<SensorSignal>;

// Signature matches as signals. Without a trusted baseline the weak if_new signatures are
// left out: the page may have them legitimately (a Vue template, a security blog), and the
// baseline it is learning will record them.
SensorSignals signature_signals(const std::vector<SignatureMatch>& matches,
                                const ContentBaseline* baseline);

// A blank page (no text, no media, no scripts), needing no baseline. A site whose healthy
// page has always been that empty (settled baseline) is left alone.
SensorSignals blank_page_signals(const ContentSample& sample, std::string_view body,
                                 const ContentBaseline* baseline);

// Everything judged against a trusted baseline: resource, link, redirect and structure
// sensors once it is ready(); head, block and size sensors once it is settled(), because
// they need several loads to know what varies.
SensorSignals baseline_signals(const ContentSample& sample, const ContentBaseline& baseline);

// Share of the baseline's stable blocks present in the sample (1 when it has none).
double stable_block_similarity(const ContentSample& sample, const ContentBaseline& baseline);

}  // namespace sitewatch::checks
