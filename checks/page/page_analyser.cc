#include "checks/page/page_analyser.h"

#include "checks/content/normalise.h"
#include "checks/keywords/keyword_check.h"
#include "checks/page/content_sensors.h"
#include "checks/page/page_sample.h"
#include "checks/page/sensor_vote.h"
#include "checks/signatures/signature_matcher.h"

namespace sitewatch::checks {

PageAnalyser::PageAnalyser(const CheckSpec& spec)
    : spec_(spec),
      keywords_(std::make_unique<KeywordMatcher>(spec)),
      normaliser_(std::make_unique<TextNormaliser>(spec.content_ignore)) {}

PageAnalyser::~PageAnalyser() = default;

ContentSample PageAnalyser::sample(const Response& response) const {
    return make_sample(response, *normaliser_, SignatureMatcher::builtin().match(response.body));
}

PageVerdict PageAnalyser::analyse(const Response& response, const ContentBaseline* baseline) const {
    PageVerdict verdict;
    // Keywords are the operator's own words: always checked, never voted on.
    verdict.findings = keywords_->check(response.body);
    auto matches = SignatureMatcher::builtin().match(response.body);
    ContentSample sample = make_sample(response, *normaliser_, matches);
    if (!spec_.defacement_enabled) {
        // Error pages, stock pages and blank pages are not defacement: they stay checked.
        // Everything that compares with a baseline or looks for an attacker is off.
        std::erase_if(matches,
                      [](const SignatureMatch& m) { return m.tier == SignatureTier::if_new; });
        baseline = nullptr;
    }

    SensorSignals signals = signature_signals(matches, baseline);
    auto blank = blank_page_signals(sample, response.body, baseline);
    signals.insert(signals.end(), blank.begin(), blank.end());
    if (baseline && baseline->ready() && blank.empty()) {
        auto compared = baseline_signals(sample, *baseline);
        signals.insert(signals.end(), compared.begin(), compared.end());
        verdict.similarity = stable_block_similarity(sample, *baseline);
    }
    for (auto& f : vote(signals)) verdict.findings.push_back(std::move(f));
    verdict.sample = std::move(sample);
    return verdict;
}

}  // namespace sitewatch::checks
