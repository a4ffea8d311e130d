#pragma once
// Every content check of one fetched page (DESIGN.md, detection steps 3 to 5): keywords,
// error and defacement signatures, blank and truncated documents, and the sensors that
// compare the page with the site's learned baseline, decided by sensor groups voting.
// Pure: a response, the site's spec and its baseline in, findings out.
#include <memory>
#include <optional>
#include <string>

#include "checks/baseline/content_baseline.h"
#include "checks/model/check_spec.h"
#include "checks/model/finding.h"
#include "checks/model/response.h"

namespace sitewatch::checks {

class KeywordMatcher;
class TextNormaliser;

struct PageVerdict {
    Findings findings;
    // Share of the baseline's stable blocks still on the page (1 = as the baseline); empty
    // while there is no trusted baseline or the page was not analysed.
    std::optional<double> similarity;
    // What a baseline would learn from this fetch; empty when there was no page to read
    // (transport failure, non-HTML body the baseline never had).
    std::optional<ContentSample> sample;
};

// Compiled once per site (keywords into an RE2::Set, content.ignore into one RE2) and then
// shared by every check of the site; immutable, so safe to use from several threads.
class PageAnalyser {
public:
    explicit PageAnalyser(const CheckSpec& spec);
    ~PageAnalyser();
    PageAnalyser(const PageAnalyser&) = delete;
    PageAnalyser& operator=(const PageAnalyser&) = delete;

    // `baseline` may be null or not yet ready: then only the checks that need no baseline
    // run (keywords, always-tier signatures, blank page). Callers pass only responses that
    // arrived (no transport failure).
    PageVerdict analyse(const Response& response, const ContentBaseline* baseline) const;

    // The sample of a page without judging it: for "accept the current page as baseline".
    ContentSample sample(const Response& response) const;

private:
    CheckSpec spec_;
    std::unique_ptr<KeywordMatcher> keywords_;
    std::unique_ptr<TextNormaliser> normaliser_;
};

}  // namespace sitewatch::checks
